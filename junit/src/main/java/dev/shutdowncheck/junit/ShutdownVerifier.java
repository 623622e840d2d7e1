package dev.shutdowncheck.junit;

import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link VerifyShutdown}. Register it as a field to stop, after the test,
 * what no {@link ShutdownUnderTest} field can hold:
 *
 * <pre>{@code
 * @RegisterExtension final ShutdownVerifier shutdown = new ShutdownVerifier();
 *
 * @Test void stopsInTime() {
 *   Server server = shutdown.register(Server.start(0), Server::stop);
 *   shutdown.register("spring context", context::close);
 *   ...
 * }
 * }</pre>
 *
 * Settings come from {@link VerifyShutdown} on the class, where there is one, and system
 * properties. All that one test's check needs is kept in the test's {@link Store}; the instance
 * holds nothing of its own.
 */
public final class ShutdownVerifier implements BeforeEachCallback, AfterEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(ShutdownVerifier.class);

  /**
   * The running test's watch, so that {@code register} finds it on the test's thread. The watch
   * itself lives in the test's store; this only points to it from before the test to after it.
   */
  private static final ThreadLocal<TestRun> CURRENT = new ThreadLocal<>();

  /** For {@code @RegisterExtension}; {@link VerifyShutdown} makes its own. */
  public ShutdownVerifier() {}

  /**
   * Stops {@code component} with {@code stop} after the test, and checks that the executors in its
   * fields are terminated then. Returns the component.
   */
  public <T> T register(T component, ThrowingConsumer<? super T> stop) {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(stop, "stop");
    current().register(new Registration(component.getClass().getSimpleName(), component, () -> stop.accept(component)));
    return component;
  }

  /** Closes {@code closeable} after the test. Returns it. */
  public <T extends AutoCloseable> T register(T closeable) {
    return register(closeable, AutoCloseable::close);
  }

  /** Runs {@code stop} after the test; {@code name} names it in the report. */
  public void register(String name, Executable stop) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stop, "stop");
    current().register(new Registration(name, null, stop));
  }

  private static TestRun current() {
    TestRun run = CURRENT.get();
    if (run == null) {
      throw new IllegalStateException(
          "ShutdownVerifier.register works on the test's own thread, from @BeforeEach to the end"
              + " of the test; register the extension with @RegisterExtension on the test class");
    }
    return run;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Store store = context.getStore(NAMESPACE);
    if (store.get(TestRun.class) != null) {
      return; // @VerifyShutdown and a registered ShutdownVerifier on one class: one watch is enough
    }
    // Before the test's snapshots, so that their threads and descriptors are not the test's.
    Store wholeRun = context.getRoot().getStore(NAMESPACE);
    wholeRun.getOrComputeIfAbsent(JdkDescriptors.class, key -> JdkDescriptors.openNow(), Boolean.class);
    ThreadStarts starts = wholeRun.getOrComputeIfAbsent(ThreadStarts.class, key -> ThreadStarts.record(), ThreadStarts.class);
    TestRun run = TestRun.start(Settings.of(annotation(context)), starts);
    store.put(TestRun.class, run);
    CURRENT.set(run);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    TestRun run = context.getStore(NAMESPACE).remove(TestRun.class, TestRun.class);
    if (run == null) {
      return;
    }
    CURRENT.remove();
    Report report = run.finish(context.getRequiredTestInstances().getAllInstances());
    if (run.filesUnchecked()) {
      noteOnce(context, "open file descriptors are not checked: " + OpenFiles.DIRECTORY
          + " cannot be read here (it is Linux's)");
    }
    if (report.isEmpty()) {
      return;
    }
    String message = report.render(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName());
    if (!run.settings().warnOnly()) {
      throw new AssertionError(message);
    }
    System.err.println("[WARNING] " + message + "\n(-D" + Settings.WARN_ONLY_PROPERTY + "=true: not failing)");
    context.publishReportEntry("shutdown-check", message);
  }

  private static Optional<VerifyShutdown> annotation(ExtensionContext context) {
    for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
      Optional<VerifyShutdown> found = AnnotationSupport.findAnnotation(type, VerifyShutdown.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static void noteOnce(ExtensionContext context, String note) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("note: " + note, key -> {
      System.err.println("[INFO] shutdown-check: " + note);
      return Boolean.TRUE;
    });
  }
}
