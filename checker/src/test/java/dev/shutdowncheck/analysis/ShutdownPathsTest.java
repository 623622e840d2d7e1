package dev.shutdowncheck.analysis;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePathScanner;
import org.junit.jupiter.api.Test;

class ShutdownPathsTest {

  /** Reports every call to a method named {@code probe} that runs on a shutdown path. */
  @BugPattern(summary = "on a shutdown path", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ShutdownPathProbe extends BugChecker implements ClassTreeMatcher {
    private final LifecycleAnalysis analysis;

    public ShutdownPathProbe(ErrorProneFlags flags) {
      this.analysis = new LifecycleAnalysis(flags);
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      if (!(state.getPath().getParentPath().getLeaf() instanceof CompilationUnitTree)) {
        return NO_MATCH;
      }
      ShutdownPaths paths = analysis.of(state).shutdownPaths();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          String name = call.getMethodSelect().toString();
          boolean onPath =
              name.endsWith("inPlaceProbe")
                  ? paths.containsInPlace(getCurrentPath(), state)
                  : name.endsWith("probe") && paths.contains(getCurrentPath());
          if (onPath) {
            state.reportMatch(describeMatch(call));
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(state.getPath(), null);
      return NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ShutdownPathProbe.class, getClass())
          .addSourceLines("probe/Probe.java", "package probe; public class Probe { public static void probe() {} }")
          .addSourceLines(
              "jakarta/annotation/PreDestroy.java",
              "package jakarta.annotation; public @interface PreDestroy {}")
          .addSourceLines(
              "javax/annotation/PreDestroy.java",
              "package javax.annotation; public @interface PreDestroy {}")
          .addSourceLines(
              "org/springframework/beans/factory/DisposableBean.java",
              "package org.springframework.beans.factory;"
                  + " public interface DisposableBean { void destroy() throws Exception; }")
          .addSourceLines(
              "org/springframework/context/SmartLifecycle.java",
              "package org.springframework.context;"
                  + " public interface SmartLifecycle { void start(); void stop(); }")
          .addSourceLines(
              "io/dropwizard/lifecycle/Managed.java",
              "package io.dropwizard.lifecycle;"
                  + " public interface Managed { void start() throws Exception; void stop() throws Exception; }")
          .addSourceLines(
              "org/springframework/context/event/ContextClosedEvent.java",
              "package org.springframework.context.event; public class ContextClosedEvent {}");

  @Test
  void lifecycleCallbacksAndWhatTheyCall() {
    helper
        .addSourceLines(
            "Callbacks.java",
            """
            import static probe.Probe.probe;
            class Callbacks {
              static class Closeable implements AutoCloseable {
                @Override public void close() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                  release();
                }
                private void release() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                  Runnable later = () -> {
                    // BUG: Diagnostic contains: on a shutdown path
                    probe();
                  };
                }
                void work() { probe(); }
              }
              static class Jakarta {
                @jakarta.annotation.PreDestroy void tearDown() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
              static class Javax {
                @javax.annotation.PreDestroy void tearDown() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
              static class Spring implements org.springframework.beans.factory.DisposableBean,
                  org.springframework.context.SmartLifecycle {
                @Override public void destroy() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
                @Override public void start() { probe(); }
                @Override public void stop() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
              static class Dropwizard implements io.dropwizard.lifecycle.Managed {
                @Override public void start() { probe(); }
                @Override public void stop() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
              static class Guava extends com.google.common.util.concurrent.AbstractIdleService {
                @Override protected void startUp() { probe(); }
                @Override protected void shutDown() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
              static class Listener {
                void onClose(org.springframework.context.event.ContextClosedEvent event) {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
              // No interface behind it: a public no-arg method named like a stop.
              static class Plain {
                public void dispose() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
                public void terminate() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
                // Not public, or with arguments: not a lifecycle method by convention.
                void stop() { probe(); }
                public void close(boolean force) { probe(); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void shutdownHookBodies() {
    helper
        .addSourceLines(
            "Hooks.java",
            """
            import static probe.Probe.probe;
            class Hooks {
              Hooks() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }));
                Runtime.getRuntime().addShutdownHook(new Thread(this::onExit));
                Runtime.getRuntime().addShutdownHook(new Thread() {
                  @Override public void run() {
                    // BUG: Diagnostic contains: on a shutdown path
                    probe();
                  }
                });
                Thread named = new Thread(new Flush(), "flush");
                Runtime.getRuntime().addShutdownHook(named);
                new Thread(() -> probe()).start();
              }
              private void onExit() {
                // BUG: Diagnostic contains: on a shutdown path
                probe();
              }
              static class Flush implements Runnable {
                @Override public void run() {
                  // BUG: Diagnostic contains: on a shutdown path
                  probe();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void inPlaceLeavesOutWorkHandedToOtherThreads() {
    helper
        .addSourceLines("probe/InPlace.java", "package probe; public class InPlace { public static void inPlaceProbe() {} }")
        .addSourceLines(
            "Handoff.java",
            """
            import static probe.InPlace.inPlaceProbe;
            import java.util.List;
            import java.util.Optional;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            class Handoff implements AutoCloseable {
              private ExecutorService background;
              private List<String> names;
              Handoff() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  // BUG: Diagnostic contains: on a shutdown path
                  inPlaceProbe();
                }));
              }
              @Override public void close() {
                // BUG: Diagnostic contains: on a shutdown path
                inPlaceProbe();
                // forEach, streams and Optional run the lambda at once, on this thread.
                names.forEach(n -> {
                  // BUG: Diagnostic contains: on a shutdown path
                  inPlaceProbe();
                });
                names.stream().filter(n -> {
                  // BUG: Diagnostic contains: on a shutdown path
                  inPlaceProbe();
                  return true;
                }).count();
                Optional.of(this).ifPresent(h -> {
                  // BUG: Diagnostic contains: on a shutdown path
                  inPlaceProbe();
                });
                // Executors, threads and async stages run it later, elsewhere.
                background.execute(() -> inPlaceProbe());
                new Thread(() -> inPlaceProbe()).start();
                CompletableFuture.runAsync(() -> inPlaceProbe());
                Runnable later = () -> inPlaceProbe();
              }
            }
            """)
        .doTest();
  }

  @Test
  void userFlagsAddShutdownMethodsAndAnnotations() {
    helper
        .setArgs(
            "-XepOpt:ShutdownCheck:ShutdownMethods=Component#halt,drainAll",
            "-XepOpt:ShutdownCheck:ShutdownAnnotations=OnStop.Stop")
        .addSourceLines("OnStop.java", "class OnStop { @interface Stop {} }")
        .addSourceLines(
            "Component.java",
            """
            import static probe.Probe.probe;
            class Component {
              void halt() {
                // BUG: Diagnostic contains: on a shutdown path
                probe();
              }
              void drainAll() {
                // BUG: Diagnostic contains: on a shutdown path
                probe();
              }
              @OnStop.Stop void annotated() {
                // BUG: Diagnostic contains: on a shutdown path
                probe();
              }
              void other() { probe(); }
            }
            """)
        .doTest();
  }
}
