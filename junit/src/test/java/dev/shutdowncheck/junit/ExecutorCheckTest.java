package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Executors in the fields of what a test stops: each one not terminated is named by its field. */
class ExecutorCheckTest {

  static ThreadFactory named(String name) {
    return task -> new Thread(task, name);
  }

  /** Its close() forgets its executor. */
  static final class Ingest implements AutoCloseable {
    private final ExecutorService workers = Executors.newSingleThreadExecutor(named("ingest-worker"));

    Ingest() {
      workers.submit(ThreadLeakTest.LeakyWorker::sleepUntilInterrupted);
    }

    @Override
    public void close() {}
  }

  /** Holds an Ingest: the executor is two fields down. */
  static final class App implements AutoCloseable {
    private final Ingest ingest = new Ingest();
    private final ExecutorService requests = Executors.newFixedThreadPool(2);

    @Override
    public void close() {
      requests.shutdown();
    }
  }

  @VerifyShutdown(linger = "300ms")
  static class ExecutorNeverShutDown {
    @ShutdownUnderTest App app;

    @Test
    void test() {
      app = new App();
    }
  }

  @Test
  void anExecutorNothingShutDownIsNamedByItsFieldsPath() {
    String message = TestKit.failureOf(ExecutorNeverShutDown.class);

    assertTrue(message.contains("shutdown-check: 2 problems"), message);
    assertTrue(message.contains(
        "  1. executor app.ingest.workers (" + Executors.newSingleThreadExecutor().getClass().getSimpleName()
            + ") is not terminated after the shutdown: nothing shut it down\n"
            + "  2. thread \"ingest-worker\" is still alive 300ms after the shutdown (non-daemon, "), message);
    assertFalse(message.contains("app.requests"), "requests was shut down and has ended: " + message);
  }

  /** Shuts its pool down but does not wait, and its task ignores the shutdown. */
  static final class ShutdownWithoutWaiting implements AutoCloseable {
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newFixedThreadPool(1, named("busy-worker"));

    ShutdownWithoutWaiting() {
      pool.submit(() -> {
        released.await();
        return null;
      });
    }

    @Override
    public void close() {
      pool.shutdown();
    }
  }

  @VerifyShutdown(linger = "300ms")
  static class ExecutorStillRunningTasks {
    @ShutdownUnderTest ShutdownWithoutWaiting component;

    @Test
    void test() {
      component = new ShutdownWithoutWaiting();
    }
  }

  @Test
  void anExecutorShutDownWhoseTasksRunOnSaysHowManyAreLeft() {
    String message = TestKit.failureOf(ExecutorStillRunningTasks.class);

    assertTrue(message.contains(
        "  1. executor component.pool (ThreadPoolExecutor) is not terminated after the shutdown: it was"
            + " shut down, but 1 task is still running 300ms later\n"), message);
    assertTrue(message.contains("thread \"busy-worker\" is still alive"), message);
    assertTrue(message.contains("at java.util.concurrent.CountDownLatch.await("), message);
  }

  /** The clean counterpart: shuts down, waits, then interrupts what is left. */
  static final class CleanIngest implements AutoCloseable {
    private final ExecutorService workers = Executors.newFixedThreadPool(2, named("clean-worker"));

    CleanIngest() {
      workers.submit(ThreadLeakTest.LeakyWorker::sleepUntilInterrupted);
      workers.submit(ThreadLeakTest.LeakyWorker::sleepUntilInterrupted);
    }

    @Override
    public void close() throws InterruptedException {
      workers.shutdown();
      if (!workers.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @VerifyShutdown(linger = "300ms")
  static class ExecutorStoppedProperly {
    @ShutdownUnderTest CleanIngest ingest;

    @Test
    void test() {
      ingest = new CleanIngest();
    }
  }

  @Test
  void aComponentThatStopsItsExecutorPasses() {
    TestKit.assertPasses(ExecutorStoppedProperly.class);
  }

  @VerifyShutdown(budget = "5s")
  static class ExecutorUnderTest {
    @ShutdownUnderTest ExecutorService pool = Executors.newFixedThreadPool(2, named("pool-under-test"));

    @Test
    void test() {
      pool.submit(() -> {
        TimeUnit.MILLISECONDS.sleep(200);
        return null;
      });
    }
  }

  @Test
  void anExecutorFieldIsShutDownAndAwaited() {
    TestKit.assertPasses(ExecutorUnderTest.class);
  }

  @VerifyShutdown(budget = "300ms", linger = "200ms")
  static class ExecutorThatDoesNotTerminate {
    static final CountDownLatch RELEASED = new CountDownLatch(1);
    @ShutdownUnderTest ExecutorService pool = Executors.newSingleThreadExecutor(named("never-done"));

    @Test
    void test() {
      pool.submit(() -> {
        while (RELEASED.getCount() > 0) {
          try {
            RELEASED.await();
          } catch (InterruptedException e) {
            // ignores shutdownNow()
          }
        }
      });
    }
  }

  @Test
  void anExecutorFieldThatDoesNotTerminateWithinTheBudgetIsNamed() throws InterruptedException {
    try {
      String message = TestKit.failureOf(ExecutorThatDoesNotTerminate.class);

      assertTrue(message.contains("  1. pool did not stop within the budget of 300ms (waited "), message);
      assertTrue(message.contains("at java.util.concurrent.ThreadPoolExecutor.awaitTermination("), message);
      assertTrue(message.contains("thread \"never-done\" is still alive 200ms after the shutdown"), message);
      assertEquals(1, message.split("\\n  \\d\\. ").length - 1 - 1, message);
    } finally {
      ExecutorThatDoesNotTerminate.RELEASED.countDown();
      ThreadLeakTest.stopThreadsNamed("never-done");
    }
  }
}
