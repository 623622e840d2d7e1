package dev.shutdowncheck.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class CancellationNotHandledTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancellationNotHandled.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancellationNotHandled.class, getClass());

  @Test
  void collectorLoopDiesOnACancelledFuture() {
    helper
        .addSourceLines(
            "Collector.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Collector {
              private final List<Future<String>> pending = new ArrayList<>();
              private final List<String> results = new ArrayList<>();

              // Stopping cancels the outstanding work...
              void stop() {
                pending.forEach(f -> f.cancel(true));
              }

              // ...and the collector, which handles failures, dies on the first cancelled one.
              void collect() {
                for (Future<String> future : pending) {
                  try {
                    // BUG: Diagnostic contains: CancellationException
                    results.add(future.get());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  } catch (ExecutionException e) {
                    System.err.println("task failed: " + e.getCause());
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void cancellableFuturesOfOtherShapes() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Jobs {
              private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
              private volatile CompletableFuture<String> refresh;

              void cancel(String id) {
                Future<?> job = running.remove(id);
                if (job != null) {
                  job.cancel(true);
                }
              }

              // A registry of jobs by id: any of them may have been cancelled by cancel(id).
              void awaitJob(String id) {
                try {
                  // BUG: Diagnostic contains: CancellationNotHandled
                  running.get(id).get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                  System.err.println("job " + id + " did not complete: " + e);
                }
              }

              void stopRefresh() { refresh.cancel(false); }

              // join() on a future that stopRefresh() cancels.
              String latest() {
                try {
                  // BUG: Diagnostic contains: CancellationNotHandled
                  return refresh.join();
                } catch (CompletionException e) {
                  return "unknown";
                }
              }

              // invokeAll with a deadline cancels the tasks that miss it.
              int countDone(ExecutorService pool, List<Callable<Integer>> tasks) throws InterruptedException {
                int done = 0;
                for (Future<Integer> result : pool.invokeAll(tasks, 5, TimeUnit.SECONDS)) {
                  try {
                    // BUG: Diagnostic contains: CancellationNotHandled
                    done += result.get();
                  } catch (ExecutionException e) {
                    System.err.println("task failed");
                  }
                }
                return done;
              }
            }
            """)
        .doTest();
  }

  @Test
  void cancellationHandledOrImpossible() {
    helper
        .addSourceLines(
            "Handled.java",
            """
            import java.util.List;
            import java.util.concurrent.CancellationException;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Handled {
              private final List<Future<String>> pending;
              Handled(List<Future<String>> pending) { this.pending = pending; }
              void stop() { pending.forEach(f -> f.cancel(true)); }

              // The fix: cancellation handled together with the failure.
              void collect() {
                for (Future<String> future : pending) {
                  try {
                    future.get();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  } catch (ExecutionException | CancellationException e) {
                    System.err.println("skipped: " + e);
                  }
                }
              }

              // A catch of RuntimeException (or IllegalStateException) covers it too.
              void collectBroadly() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    future.get();
                  } catch (ExecutionException e) {
                    System.err.println("failed");
                  } catch (RuntimeException e) {
                    System.err.println("cancelled or broken");
                  }
                }
              }

              // An outer try that handles it: the loop survives.
              void collectGuarded() throws InterruptedException {
                try {
                  for (Future<String> future : pending) {
                    try {
                      future.get();
                    } catch (ExecutionException e) {
                      System.err.println("failed");
                    }
                  }
                } catch (CancellationException e) {
                  System.err.println("stopped");
                }
              }

              // Failures rethrown: the caller gets the cancellation the same way.
              String propagate() throws InterruptedException {
                try {
                  return pending.get(0).get();
                } catch (ExecutionException e) {
                  throw new IllegalStateException(e.getCause());
                }
              }

              // Submit-then-wait: nothing here ever cancels this future.
              String runNow(ExecutorService pool) throws InterruptedException {
                Future<String> future = pool.submit(() -> "x");
                try {
                  return future.get();
                } catch (ExecutionException e) {
                  return null;
                }
              }

              // The textbook timeout: cancelled in the catch, after the wait gave up on it.
              String withDeadline(ExecutorService pool) throws InterruptedException {
                Future<String> future = pool.submit(() -> "x");
                try {
                  return future.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  future.cancel(true);
                  return null;
                } catch (ExecutionException e) {
                  return null;
                } finally {
                  future.cancel(true);
                }
              }

              // invokeAll without a deadline cancels nothing.
              void all(ExecutorService pool, List<java.util.concurrent.Callable<String>> tasks)
                  throws InterruptedException {
                for (Future<String> result : pool.invokeAll(tasks)) {
                  try {
                    result.get();
                  } catch (ExecutionException e) {
                    System.err.println("failed");
                  }
                }
              }

              // Not in a try at all: other rules' business, nothing to compare with.
              String unguarded() throws Exception {
                return pending.get(0).get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void testCodeIsLeftAlone() {
    helper
        .addSourceLines(
            "JobsTest.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import org.junit.jupiter.api.Test;
            class JobsTest {
              @Test
              void cancelledJobFails() throws Exception {
                CompletableFuture<String> job = new CompletableFuture<>();
                job.cancel(true);
                try {
                  job.get();
                } catch (ExecutionException e) {
                  System.err.println("job failed: " + e.getCause());
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void testNgTestIsLeftAlone() {
    LibraryStubs.addTestNg(helper)
        .addSourceLines(
            "PoolIT.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            @org.testng.annotations.Test
            public class PoolIT {
              public void shutdownNowCancelsQueuedWork() throws InterruptedException {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Future<?> queued = pool.submit(() -> {});
                queued.cancel(false);
                try {
                  queued.get();
                } catch (ExecutionException unexpected) {
                  unexpected.printStackTrace();
                } finally {
                  pool.shutdownNow();
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
            "Refresher.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            class Refresher {
              private CompletableFuture<String> refresh = new CompletableFuture<>();
              void stop() { refresh.cancel(true); }
              @SuppressWarnings("CancellationNotHandled") // a cancelled refresh must stop the caller
              String value() {
                try {
                  return refresh.join();
                } catch (CompletionException e) {
                  return "";
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fixAddsCancellationToTheFailureHandler() {
    refactoring
        .addInputLines(
            "Collector.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Collector {
              private List<Future<String>> pending;
              void stop() {
                for (Future<String> f : pending) {
                  f.cancel(true);
                }
              }
              void collect() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    future.get();
                  } catch (ExecutionException e) {
                    System.err.println("failed: " + e.getMessage());
                  }
                }
              }
              void collectWithin() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    future.get(1, TimeUnit.SECONDS);
                  } catch (ExecutionException | TimeoutException e) {
                    System.err.println("skipped");
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Collector.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            import java.util.concurrent.CancellationException;
            class Collector {
              private List<Future<String>> pending;
              void stop() {
                for (Future<String> f : pending) {
                  f.cancel(true);
                }
              }
              void collect() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    future.get();
                  } catch (ExecutionException | CancellationException e) {
                    System.err.println("failed: " + e.getMessage());
                  }
                }
              }
              void collectWithin() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    future.get(1, TimeUnit.SECONDS);
                  } catch (ExecutionException | TimeoutException | CancellationException e) {
                    System.err.println("skipped");
                  }
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.AST_MATCH);
  }

  @Test
  void noFixWhereTheHandlerNeedsTheExactType() {
    refactoring
        .addInputLines(
            "Unwrapper.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Unwrapper {
              private List<Future<String>> pending;
              void stop() { pending.forEach(f -> f.cancel(true)); }
              void collect() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    future.get();
                  } catch (ExecutionException e) {
                    record(e);
                  }
                }
              }
              private void record(ExecutionException e) {}
            }
            """)
        .expectUnchanged()
        .doTest();
    helper
        .addSourceLines(
            "Unwrapper.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Unwrapper {
              private List<Future<String>> pending;
              void stop() { pending.forEach(f -> f.cancel(true)); }
              void collect() throws InterruptedException {
                for (Future<String> future : pending) {
                  try {
                    // BUG: Diagnostic contains: CancellationNotHandled
                    future.get();
                  } catch (ExecutionException e) {
                    record(e);
                  }
                }
              }
              private void record(ExecutionException e) {}
            }
            """)
        .doTest();
  }

  @Test
  void anEntryOfAMapOfFuturesThatAreCancelledElsewhere() {
    // nats.java's connection: its cleanup settled each done request future with get(), handling
    // interrupts and failures; a request cancelled by a "no responders" reply threw
    // CancellationException out of the cleanup instead.
    helper
        .addSourceLines(
            "Connection.java",
            """
            import java.util.Map;
            import java.util.concurrent.*;
            class Connection {
              private final Map<String, CompletableFuture<String>> awaiting = new ConcurrentHashMap<>();
              void noResponders(String token) {
                CompletableFuture<String> request = awaiting.remove(token);
                if (request != null) {
                  request.cancel(true);
                }
              }
              void cleanResponses() {
                for (Map.Entry<String, CompletableFuture<String>> entry : awaiting.entrySet()) {
                  CompletableFuture<String> request = entry.getValue();
                  if (request.isDone()) {
                    try {
                      // BUG: Diagnostic contains: CancellationException
                      request.get();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } catch (ExecutionException ignored) {
                      // the caller saw the failure
                    }
                    awaiting.remove(entry.getKey());
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void anEntryOfAMapWhoseFuturesNothingHereCancels() {
    helper
        .addSourceLines(
            "Replies.java",
            """
            import java.util.Map;
            import java.util.concurrent.*;
            class Replies {
              private final Map<String, CompletableFuture<String>> awaiting = new ConcurrentHashMap<>();
              // Another map's futures are cancelled; these only ever complete.
              private final Map<String, CompletableFuture<String>> abandoned = new ConcurrentHashMap<>();
              void reply(String token, String body) {
                CompletableFuture<String> request = awaiting.remove(token);
                if (request != null) {
                  request.complete(body);
                }
              }
              void abandon(String token) {
                abandoned.remove(token).cancel(true);
              }
              void cleanResponses() throws InterruptedException {
                for (Map.Entry<String, CompletableFuture<String>> entry : awaiting.entrySet()) {
                  try {
                    entry.getValue().get();
                  } catch (ExecutionException ignored) {
                    // the caller saw the failure
                  }
                }
              }
            }
            """)
        .doTest();
  }
}
