package dev.shutdowncheck.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ShutdownWithoutAwaitTerminationTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ShutdownWithoutAwaitTermination.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(ShutdownWithoutAwaitTermination.class, getClass());

  /** Strata's {@code Unchecked.wrap}, which runs the block it is given. */
  private static final String UNCHECKED =
      """
      final class Unchecked {
        static void wrap(Runnable block) { block.run(); }
      }
      """;

  @Test
  void shutdownThatNobodyWaitsFor() {
    helper
        .addSourceLines(
            "Ingest.java",
            """
            import java.util.concurrent.*;
            class Ingest implements AutoCloseable {
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final java.io.Closeable db;
              Ingest(java.io.Closeable db) { this.db = db; }
              @Override public void close() throws java.io.IOException {
                // BUG: Diagnostic contains: shutdown() only starts an orderly stop
                workers.shutdown();
                db.close(); // the workers may still be writing
              }
            }
            """)
        .doTest();
  }

  @Test
  void localsAndHooks() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            import java.util.List;
            import java.util.concurrent.*;
            class Jobs {
              private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
              Jobs() {
                // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                Runtime.getRuntime().addShutdownHook(new Thread(() -> timer.shutdown()));
              }
              private final List<ExecutorService> shards = new java.util.ArrayList<>();
              void stopShards() {
                for (ExecutorService shard : shards) {
                  // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                  shard.shutdown();
                }
              }
              void runAll(List<Runnable> tasks) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                tasks.forEach(pool::execute);
                // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                pool.shutdown();
              }
              // Waiting for one result says nothing about the other tasks.
              String first(List<Callable<String>> calls) throws Exception {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                Future<String> first = pool.submit(calls.get(0));
                calls.subList(1, calls.size()).forEach(pool::submit);
                String result = first.get();
                // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                pool.shutdown();
                return result;
              }
            }
            """)
        .doTest();
  }

  @Test
  void ignoredFirstAwait() {
    helper
        .addSourceLines(
            "Drain.java",
            """
            import java.util.concurrent.*;
            class Drain {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() throws InterruptedException {
                pool.shutdown();
                // BUG: Diagnostic contains: that result is ignored here
                pool.awaitTermination(30, TimeUnit.SECONDS);
              }
              // shutdownNow() only on interrupt: a timeout still leaves the pool running.
              void stopQuietly() {
                pool.shutdown();
                try {
                  // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                  pool.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void ignoredAwaitGetsAShutdownNowFallback() {
    refactoring
        .addInputLines(
            "Drain.java",
            """
            import java.util.concurrent.*;
            class Drain {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() throws InterruptedException {
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.SECONDS);
              }
            }
            """)
        .addOutputLines(
            "Drain.java",
            """
            import java.util.concurrent.*;
            class Drain {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() throws InterruptedException {
                pool.shutdown();
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                  pool.shutdownNow();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void waitsThatCount() {
    helper
        .addSourceLines(
            "Waits.java",
            """
            import java.util.concurrent.*;
            import java.util.logging.Logger;
            class Waits {
              private static final Logger log = Logger.getLogger("w");
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              // The textbook sequence from the ExecutorService javadoc.
              void close() {
                pool.shutdown();
                try {
                  if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                    if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                      log.warning("pool did not terminate");
                    }
                  }
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
              // Wait, then force whatever is left, unconditionally.
              void stopHard() throws InterruptedException {
                pool.shutdown();
                pool.awaitTermination(5, TimeUnit.SECONDS);
                pool.shutdownNow();
              }
              // The result is kept and reported.
              boolean stopAndReport() throws InterruptedException {
                pool.shutdown();
                boolean clean = pool.awaitTermination(5, TimeUnit.SECONDS);
                return clean;
              }
              // Polling isTerminated() is a wait too.
              void poll() throws InterruptedException {
                pool.shutdown();
                while (!pool.isTerminated()) {
                  Thread.sleep(100);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsElsewhereOrByHelpers() {
    helper
        .addSourceLines(
            "Helpers.java",
            """
            import java.util.concurrent.*;
            class Helpers {
              // A private helper that does the waiting.
              static class PrivateHelper {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                void close() {
                  pool.shutdown();
                  awaitQuietly(pool);
                }
                private static void awaitQuietly(ExecutorService executor) {
                  try {
                    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                      executor.shutdownNow();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              // Two-phase stop: stopAccepting() now, awaitStopped() later (Guava Service style).
              static class TwoPhase {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                void stopAccepting() { pool.shutdown(); }
                boolean awaitStopped(long seconds) throws InterruptedException {
                  return pool.awaitTermination(seconds, TimeUnit.SECONDS);
                }
              }
              // A helper that only starts the stop: its caller waits.
              static void beginStop(ExecutorService executor) {
                executor.shutdown();
              }
              // A pool of single-thread workers: stop() signals them all, join() waits for them all.
              static class Workers {
                private final java.util.List<ExecutorService> workers = new java.util.ArrayList<>();
                void stop() {
                  for (ExecutorService worker : workers) {
                    worker.shutdown();
                  }
                }
                void join(long millis) throws InterruptedException {
                  for (ExecutorService worker : workers) {
                    worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
                  }
                }
              }
              // A delayed task that stops its own (idle) executor: it cannot wait for itself.
              static class SelfStopping {
                private ScheduledExecutorService destroyer = Executors.newSingleThreadScheduledExecutor();
                void release() {
                  destroyer.schedule(new Thread(() -> {
                    synchronized (this) {
                      destroyer.shutdown();
                    }
                  }), 1, TimeUnit.SECONDS);
                }
              }
              // Netty's UnorderedThreadPoolEventExecutor: an executor's own shutdown() delegating up.
              static class Decorated extends ScheduledThreadPoolExecutor {
                Decorated() { super(1); }
                @Override public void shutdown() {
                  super.shutdown();
                }
              }
              // ZooKeeper's QuorumCnxManager: shutdown() lets idle threads die; a latch waits for the tasks.
              void connectAll(java.util.List<Runnable> tasks) throws InterruptedException {
                CountDownLatch latch = new CountDownLatch(tasks.size());
                ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
                try {
                  tasks.forEach(t -> executor.submit(() -> { t.run(); latch.countDown(); }));
                } finally {
                  executor.shutdown();
                }
                latch.await();
              }
              // invokeAll returns when every task is done.
              java.util.List<Future<String>> fetchAll(java.util.List<Callable<String>> calls) throws InterruptedException {
                ExecutorService executor = Executors.newFixedThreadPool(4);
                java.util.List<Future<String>> results = executor.invokeAll(calls);
                executor.shutdown();
                return results;
              }
              // Exposed through a getter: its callers may do the waiting.
              static class Exposed {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                ExecutorService pool() { return pool; }
                void stopAccepting() { pool.shutdown(); }
              }
              // shutdownNow() alone interrupts the tasks; waiting is UnboundedWait's business.
              static class Now {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                void close() { pool.shutdownNow(); }
              }
              // Our own shutdown(), not an ExecutorService's.
              static class Server {
                void shutdown() {}
                void stop() { shutdown(); }
              }
              // The second wait, after shutdownNow(), needs no fallback.
              static class Final {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                void close() throws InterruptedException {
                  pool.shutdown();
                  if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                    pool.awaitTermination(5, TimeUnit.SECONDS);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void shapesSeenInGuavaAndCommonsLang() {
    helper
        .addSourceLines(
            "Shapes.java",
            """
            import com.google.common.util.concurrent.Service;
            import java.util.concurrent.*;
            class Shapes {
              // Guava's AbstractScheduledService: the service has stopped; the listener lets the
              // idle scheduler thread go, and must not block the notifier.
              static Service.Listener stopScheduler(ScheduledExecutorService executor) {
                return new Service.Listener() {
                  @Override public void terminated(Service.State from) {
                    executor.shutdown();
                  }
                  @Override public void failed(Service.State from, Throwable failure) {
                    executor.shutdown();
                  }
                };
              }
              // commons-lang3's BackgroundInitializer: the task lets its own executor go as it ends.
              static final class InitializationTask implements Callable<String> {
                private final ExecutorService execFinally;
                InitializationTask(ExecutorService exec) { this.execFinally = exec; }
                @Override public String call() {
                  try {
                    return "initialized";
                  } finally {
                    if (execFinally != null) {
                      execFinally.shutdown();
                    }
                  }
                }
              }
              // Guava's getExitingExecutorService: a hook that waits a bounded time, then the JVM halts.
              static final class Application {
                void addDelayedShutdownHook(ExecutorService service, long timeout, TimeUnit unit) {
                  addShutdownHook(new Thread(() -> {
                    try {
                      service.shutdown();
                      service.awaitTermination(timeout, unit);
                    } catch (InterruptedException ignored) {
                    }
                  }));
                }
                void addShutdownHook(Thread hook) { Runtime.getRuntime().addShutdownHook(hook); }
              }
              // A Thread's run() is not a task ending: a hook thread must still wait.
              static final class Hook extends Thread {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                @Override public void run() {
                  try {
                    System.out.println("stopping");
                  } finally {
                    // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                    pool.shutdown();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressed() {
    helper
        .addSourceLines(
            "FireAndForget.java",
            """
            import java.util.concurrent.*;
            class FireAndForget {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              @SuppressWarnings("ShutdownWithoutAwaitTermination") // tasks are idempotent retries
              void close() { pool.shutdown(); }
            }
            """)
        .doTest();
  }

  @Test
  void aShutdownInACompletionCallbackCannotWait() {
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Client implements AutoCloseable {
              private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
              private final ExecutorService io = Executors.newSingleThreadExecutor();
              private final CompletableFuture<Void> closed = new CompletableFuture<>();
              // The callback executor stops once the connection has closed, on the completing
              // thread: a listener must not block, so it cannot wait there.
              @Override public void close() {
                closed.whenComplete((ignored, failure) -> callbacks.shutdown());
                // A task handed to a thread can wait, and here nothing does.
                new Thread(() -> {
                  // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                  io.shutdown();
                }).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aShutdownByMethodReference() {
    // OpenGamma Strata 2.7.1's CloseableExecutor: close() was Unchecked.wrap(executorService::shutdown),
    // so a try-with-resources block over it ended while its tasks still ran.
    helper
        .addSourceLines("Unchecked.java", UNCHECKED)
        .addSourceLines(
            "CloseableExecutor.java",
            """
            import java.util.concurrent.ExecutorService;
            public class CloseableExecutor implements AutoCloseable {
              private final ExecutorService executorService;
              private CloseableExecutor(ExecutorService executorService) {
                this.executorService = executorService;
              }
              public static CloseableExecutor of(ExecutorService executor) {
                return new CloseableExecutor(executor);
              }
              public void submit(Runnable task) { executorService.submit(task); }
              @Override public void close() {
                // BUG: Diagnostic contains: nothing waits for the tasks still running
                Unchecked.wrap(executorService::shutdown);
              }
            }
            """)
        .addSourceLines(
            "Hooked.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Hooked {
              private final ExecutorService workers = Executors.newFixedThreadPool(2);
              Hooked() {
                // BUG: Diagnostic contains: ShutdownWithoutAwaitTermination
                Runtime.getRuntime().addShutdownHook(new Thread(workers::shutdown));
              }
              void run(Runnable task) { workers.execute(task); }
            }
            """)
        .doTest();
  }

  @Test
  void shutdownsByMethodReferenceThatAreWaitedForOrCannotWait() {
    helper
        .addSourceLines("Unchecked.java", UNCHECKED)
        .addSourceLines(
            "Waiting.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Waiting implements AutoCloseable {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              private final List<ExecutorService> shards = List.of(Executors.newSingleThreadExecutor());
              void run(Runnable task) { executor.execute(task); }
              // Strata 2.7.6: the wait follows the shutdown.
              @Override public void close() throws InterruptedException {
                Unchecked.wrap(executor::shutdown);
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                  executor.shutdownNow();
                }
              }
              // A reference to the interface's method over a collection is not about one field;
              // the collection's stop is judged where its elements are waited for.
              void stopShards() throws InterruptedException {
                shards.forEach(ExecutorService::shutdown);
                for (ExecutorService shard : shards) {
                  shard.awaitTermination(1, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .addSourceLines(
            "Listener.java",
            """
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Listener {
              private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
              // Stopped once the connection has closed, on the completing thread, which must not block.
              void closeWhenDone(ListenableFuture<?> closed) {
                closed.addListener(callbacks::shutdown, MoreExecutors.directExecutor());
              }
              void notify(Runnable callback) { callbacks.execute(callback); }
            }
            """)
        .addSourceLines(
            "SelfStopping.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class SelfStopping {
              private final ScheduledExecutorService destroyer = Executors.newSingleThreadScheduledExecutor();
              // Its own last task lets it go: it cannot wait for itself.
              void expireLater() {
                destroyer.schedule(destroyer::shutdown, 1, TimeUnit.MINUTES);
              }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorLentToCompletableFuturesIsStillNotWaitedFor() {
    // Passing the executor to supplyAsync only runs tasks on it; nothing there waits for it.
    helper
        .addSourceLines(
            "Fetcher.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorCompletionService;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.function.Supplier;
            class Fetcher implements AutoCloseable {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              private final ExecutorService batch = Executors.newFixedThreadPool(2);
              private final ExecutorCompletionService<String> results = new ExecutorCompletionService<>(batch);
              CompletableFuture<String> fetch(Supplier<String> call) {
                return CompletableFuture.supplyAsync(call, executor);
              }
              @Override public void close() {
                // BUG: Diagnostic contains: nothing waits for the tasks still running
                executor.shutdown();
                // BUG: Diagnostic contains: nothing waits for the tasks still running
                batch.shutdown();
              }
            }
            """)
        .addSourceLines(
            "Stopper.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            import java.util.function.Supplier;
            // Handed to a helper of its own, or to a library call that is not known to only use it:
            // either may wait for it.
            class Stopper implements AutoCloseable {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              private final ExecutorService other = Executors.newFixedThreadPool(2);
              CompletableFuture<String> fetch(Supplier<String> call) {
                return CompletableFuture.supplyAsync(call, executor);
              }
              @Override public void close() throws InterruptedException {
                executor.shutdown();
                awaitQuietly(executor);
                other.shutdown();
                Registry.watch(other);
              }
              private static void awaitQuietly(ExecutorService pool) throws InterruptedException {
                pool.awaitTermination(5, TimeUnit.SECONDS);
              }
            }
            """)
        .addSourceLines(
            "Registry.java",
            """
            import java.util.concurrent.ExecutorService;
            final class Registry {
              static void watch(ExecutorService pool) {}
            }
            """)
        .doTest();
  }
}
