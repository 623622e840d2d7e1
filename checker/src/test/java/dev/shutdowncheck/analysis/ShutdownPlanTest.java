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
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.model.GracePeriod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shutdown plan, seen through a probe that writes each entry point's steps as its message. */
class ShutdownPlanTest {

  /**
   * Reports each shutdown entry point with its steps, in order ({@code stop-executor pool, wait
   * pool 20 s}), the total of its constant waits, and which stopped workers use what it releases.
   */
  @BugPattern(summary = "plan probe", severity = BugPattern.SeverityLevel.WARNING)
  public static final class PlanProbe extends BugChecker implements ClassTreeMatcher {
    private final LifecycleAnalysis analysis;

    public PlanProbe(ErrorProneFlags flags) {
      this.analysis = new LifecycleAnalysis(flags);
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      if (!(state.getPath().getParentPath().getLeaf() instanceof CompilationUnitTree)) {
        return NO_MATCH;
      }
      ShutdownPlan plan = analysis.of(state).shutdownPlan();
      for (ShutdownPlan.Sequence sequence : plan.sequences()) {
        state.reportMatch(
            buildDescription(sequence.entry().body()).setMessage(describe(sequence, plan)).build());
      }
      return NO_MATCH;
    }

    private static String describe(ShutdownPlan.Sequence sequence, ShutdownPlan plan) {
      Set<Symbol> workers = new LinkedHashSet<>();
      for (ShutdownStep step : sequence.steps()) {
        if (step.kind() != ShutdownStep.Kind.RELEASE && step.kind() != ShutdownStep.Kind.WAIT && step.subject() != null) {
          workers.add(step.subject());
        }
      }
      List<String> steps = new ArrayList<>();
      for (ShutdownStep step : sequence.steps()) {
        StringBuilder text = new StringBuilder(step.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        text.append(' ').append(step.subject() == null ? "?" : step.subject().getSimpleName());
        if (step.blocks()) {
          text.append(' ')
              .append(
                  switch (step.waits().bound()) {
                    case CONSTANT -> GracePeriod.describe(step.waits().duration());
                    case NON_CONSTANT -> "non-constant";
                    case UNBOUNDED -> "unbounded";
                  });
        }
        if (step.inLoop()) {
          text.append(" per element");
        }
        if (step.kind() == ShutdownStep.Kind.RELEASE) {
          String users =
              workers.stream()
                  .filter(w -> plan.handedWork().uses(w, step.subject()))
                  .map(w -> w.getSimpleName().toString())
                  .collect(Collectors.joining(" "));
          if (!users.isEmpty()) {
            text.append(" used by ").append(users);
          }
        }
        steps.add(text.toString());
      }
      String where = sequence.entry().body() instanceof MethodTree ? "" : "hook ";
      return where + "plan: " + String.join(", ", steps) + "; total "
          + GracePeriod.describe(sequence.constantWaits().total());
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(PlanProbe.class, getClass());

  @Test
  void stepsInTheOrderTheyRun() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import com.sun.net.httpserver.HttpServer;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Service implements AutoCloseable {
              private HttpServer server;
              private ExecutorService pool;
              private Thread worker;
              private java.io.Closeable store;
              private volatile boolean running;
              private final AtomicBoolean stopped = new AtomicBoolean();
              @Override
              // BUG: Diagnostic contains: plan: set-stop-flag running, set-stop-flag stopped, stop-intake server 5 s, stop-executor pool, wait pool 20 s, stop-executor pool, interrupt worker, join worker 2 s, release store; total 27 s
              public void close() throws Exception {
                running = false;
                stopped.set(true);
                server.stop(5);
                pool.shutdown();
                if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                  pool.shutdownNow();
                }
                worker.interrupt();
                worker.join(2000);
                Thread.currentThread().interrupt(); // restores the status: no step
                store.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void helpersAreFollowedInOrderWithWhatTheirCallerPassed() {
    helper
        .addSourceLines(
            "Pools.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Pools implements AutoCloseable {
              private static final long DRAIN_SECONDS = 20;
              private ExecutorService first;
              private ExecutorService second;
              private ExecutorService third;
              @Override
              // BUG: Diagnostic contains: plan: stop-executor first, wait first 20 s, stop-executor second, wait second 20 s, stop-executor third, wait third 7 s; total 47 s
              public void close() throws InterruptedException {
                drain(first);
                drain(second);
                stop(third, 7, TimeUnit.SECONDS);
              }
              private static void drain(ExecutorService pool) throws InterruptedException {
                pool.shutdown();
                pool.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
              }
              private void stop(ExecutorService pool, long timeout, TimeUnit unit) throws InterruptedException {
                ExecutorService same = pool;
                same.shutdown();
                same.awaitTermination(timeout, unit);
              }
            }
            """)
        .doTest();
  }

  @Test
  void durationsFoldedFromConstantsAndFactories() {
    helper
        .addSourceLines(
            "Folding.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import java.time.Duration;
            import java.time.temporal.ChronoUnit;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.TimeUnit;
            class Folding implements AutoCloseable {
              private static final Duration GRACE = Duration.ofSeconds(5).plusMillis(500);
              private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(3);
              private static final TimeUnit UNIT = TimeUnit.SECONDS;
              private ExecutorService pool;
              private Thread worker;
              private BlockingQueue<String> queue;
              private Semaphore permits;
              private CompletableFuture<Void> flushed;
              @Override
              // BUG: Diagnostic contains: plan: stop-executor pool 5.5 s, join worker 3 s, wait ? 250 ms, wait ? 2 s, wait queue 4 s, wait permits 1 s, wait ? 1.5 s, wait ? 1 s; total 18.3 s
              public void close() throws Exception {
                MoreExecutors.shutdownAndAwaitTermination(pool, GRACE);
                worker.join(JOIN_MILLIS);
                Thread.sleep(250);
                TimeUnit.SECONDS.sleep(2);
                queue.poll(4, UNIT);
                permits.tryAcquire(3, 1, TimeUnit.SECONDS);
                flushed.orTimeout(1500, TimeUnit.MILLISECONDS).join();
                Thread.sleep(Duration.of(1, ChronoUnit.SECONDS).toMillis());
              }
            }
            """)
        .doTest();
  }

  @Test
  void nettyGracefulShutdownWaitsUpToItsTimeout() {
    helper
        .addSourceLines(
            "io/netty/util/concurrent/Future.java",
            """
            package io.netty.util.concurrent;
            public interface Future<V> extends java.util.concurrent.Future<V> {
              Future<V> sync() throws InterruptedException;
              Future<V> awaitUninterruptibly();
            }
            """)
        .addSourceLines(
            "io/netty/util/concurrent/EventExecutorGroup.java",
            """
            package io.netty.util.concurrent;
            import java.util.concurrent.TimeUnit;
            public interface EventExecutorGroup extends java.util.concurrent.ScheduledExecutorService {
              Future<?> shutdownGracefully();
              Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit);
              Future<?> terminationFuture();
            }
            """)
        .addSourceLines(
            "Transport.java",
            """
            import io.netty.util.concurrent.EventExecutorGroup;
            import io.netty.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Transport implements AutoCloseable {
              private EventExecutorGroup boss;
              private EventExecutorGroup workers;
              @Override
              // BUG: Diagnostic contains: plan: stop-executor boss, wait ? 15 s, stop-executor workers, wait done 3 s, wait terminationFuture non-constant; total 18 s
              public void close() throws InterruptedException {
                boss.shutdownGracefully(2, 15, TimeUnit.SECONDS).sync();
                Future<?> done = workers.shutdownGracefully(0, 3, TimeUnit.SECONDS);
                done.awaitUninterruptibly();
                workers.terminationFuture().sync();
              }
            }
            """)
        .doTest();
  }

  @Test
  void deadlinesAndWaitsWithNoBound() {
    helper
        .addSourceLines(
            "Deadline.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Deadline {
              private final long timeoutMillis;
              private List<ExecutorService> pools;
              private Future<?> pending;
              Deadline(long timeoutMillis) { this.timeoutMillis = timeoutMillis; }
              // BUG: Diagnostic contains: plan: wait pools non-constant per element, wait pending unbounded, wait pending unbounded, wait pending non-constant; total 0 ms
              public void stop() throws Exception {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (ExecutorService pool : pools) {
                  pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                pending.get();
                pending.get(Long.MAX_VALUE, TimeUnit.DAYS);
                pending.get(timeoutMillis, TimeUnit.MILLISECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void loopsChoicesAndCatchesCountTheLongestWay() {
    helper
        .addSourceLines(
            "Choices.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Choices {
              private List<ExecutorService> pools;
              private ExecutorService main;
              private boolean graceful;
              // BUG: Diagnostic contains: plan: stop-executor pools per element, wait main 20 s, wait main 5 s, wait main 10 s, wait main 15 s, wait pools 2 s per element; total 37 s
              public void shutdown() throws InterruptedException {
                pools.forEach(ExecutorService::shutdownNow);
                if (graceful) {
                  main.awaitTermination(20, TimeUnit.SECONDS);
                } else {
                  main.awaitTermination(5, TimeUnit.SECONDS);
                }
                try {
                  main.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  main.awaitTermination(15, TimeUnit.SECONDS);
                }
                pools.forEach(p -> {
                  try {
                    p.awaitTermination(2, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void workHandedElsewhereAndRecursionAreNoSteps() {
    helper
        .addSourceLines(
            "Later.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Later implements AutoCloseable {
              private ExecutorService pool;
              private java.io.Closeable store;
              @Override
              // BUG: Diagnostic contains: plan: stop-executor pool, release store; total 0 ms
              public void close() {
                pool.submit(() -> pool.awaitTermination(1, TimeUnit.HOURS)); // runs on the pool
                new Thread() {
                  @Override public void run() { pool.shutdownNow(); }
                };
                stopAll();
              }
              private void stopAll() {
                pool.shutdown();
                closeStore();
              }
              private void closeStore() {
                try {
                  store.close();
                } catch (java.io.IOException e) {
                  stopAll(); // a cycle: followed once
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void hooksAndTheWorkOfEachWorker() {
    helper
        .addSourceLines(
            "App.java",
            """
            import com.sun.net.httpserver.HttpServer;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class App {
              private final HttpServer server;
              private final ExecutorService embedders;
              private final ExecutorService other;
              private final Thread pump;
              private final java.io.Closeable vectors;
              private final java.io.Closeable cache;
              private final java.io.Closeable queue;
              App(HttpServer server, ExecutorService embedders, ExecutorService other,
                  java.io.Closeable vectors, java.io.Closeable cache, java.io.Closeable queue) {
                this.server = server;
                this.embedders = embedders;
                this.other = other;
                this.vectors = vectors;
                this.cache = cache;
                this.queue = queue;
                this.pump = new Thread(this::drainQueue);
                server.createContext("/", new Handler(cache));
                // BUG: Diagnostic contains: hook plan: release vectors used by embedders, release cache used by server, release queue used by pump, stop-executor embedders, stop-intake server 1 s, stop-executor other, join pump unbounded; total 1 s
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  stop();
                }));
              }
              void index(String text) {
                embedders.submit(() -> embed(text));
                other.submit(() -> System.out.println(text));
              }
              private void embed(String text) { vectors.toString(); }
              private void drainQueue() { queue.toString(); }
              private void stop() {
                try {
                  vectors.close();
                  cache.close();
                  queue.close();
                  embedders.shutdown();
                  server.stop(1);
                  other.shutdown();
                  pump.join();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              static final class Handler implements com.sun.net.httpserver.HttpHandler {
                private final java.io.Closeable cache;
                Handler(java.io.Closeable cache) { this.cache = cache; }
                @Override public void handle(com.sun.net.httpserver.HttpExchange exchange) {}
              }
            }
            """)
        .doTest();
  }

  @Test
  void noEntryPointNoPlan() {
    helper
        .addSourceLines(
            "Plain.java",
            """
            import java.util.concurrent.ExecutorService;
            class Plain {
              private ExecutorService pool;
              void stopLater() { pool.shutdown(); }
            }
            """)
        .doTest();
  }
}
