package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Threads a test started and its shutdown left running: reported, and only those. */
class ThreadLeakTest {

  /** Works until interrupted; its close() forgets to stop it. */
  static final class LeakyWorker implements AutoCloseable {
    final Thread thread;

    LeakyWorker(String name, boolean daemon) {
      thread = new Thread(LeakyWorker::sleepUntilInterrupted, name);
      thread.setDaemon(daemon);
      thread.start();
    }

    static void sleepUntilInterrupted() {
      try {
        while (true) {
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        // asked to stop: end
      }
    }

    @Override
    public void close() {}
  }

  /** The clean counterpart: close() interrupts the thread and waits for it. */
  static final class StoppingWorker implements AutoCloseable {
    final Thread thread = new Thread(LeakyWorker::sleepUntilInterrupted, "stopping-worker");

    StoppingWorker() {
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }
  }

  @VerifyShutdown(linger = "500ms")
  static class LeaksAThread {
    @ShutdownUnderTest LeakyWorker worker;

    @Test
    void test() {
      worker = new LeakyWorker("leaky-worker", false);
    }
  }

  @Test
  void aThreadTheShutdownLeftRunningIsReportedWithWhereItIsAndWhereItWasStarted() {
    String message = TestKit.failureOf(LeaksAThread.class);

    assertTrue(message.startsWith(
        "AssertionError: shutdown-check: 1 problem after the shutdown in LeaksAThread.test():\n"
            + "  1. thread \"leaky-worker\" is still alive 500ms after the shutdown (non-daemon, "), message);
    assertTrue(message.contains("\n       at java.lang.Thread.sleep"), message);
    assertTrue(message.contains("at dev.shutdowncheck.junit.ThreadLeakTest$LeakyWorker.sleepUntilInterrupted(ThreadLeakTest.java:"), message);
    assertTrue(message.contains("started by \"" + Thread.currentThread().getName() + "\" at:\n"
        + "       at dev.shutdowncheck.junit.ThreadLeakTest$LeakyWorker.<init>(line "), message);
    assertTrue(message.contains("at dev.shutdowncheck.junit.ThreadLeakTest$LeaksAThread.test(line "), message);
    assertFalse(message.contains("$$Lambda"), message);
  }

  @Test
  void aLeakedThreadIsInterruptedAfterTheReportSoItDoesNotOutliveItsTest() throws InterruptedException {
    TestKit.failureOf(LeaksAThread.class);

    Thread leaked = named("leaky-worker");
    if (leaked != null) {
      leaked.join(TimeUnit.SECONDS.toMillis(5));
      assertFalse(leaked.isAlive(), "the leaked thread should have been interrupted and ended");
    }
  }

  @VerifyShutdown(linger = "500ms")
  static class LeaksTwoDaemonThreads {
    @ShutdownUnderTest LeakyWorker second;
    @ShutdownUnderTest LeakyWorker first;

    @Test
    void test() {
      second = new LeakyWorker("worker-b", true);
      first = new LeakyWorker("worker-a", true);
    }
  }

  @Test
  void leakedThreadsAreListedByNameWhatEverOrderTheyStartedIn() {
    String message = TestKit.failureOf(LeaksTwoDaemonThreads.class);

    assertTrue(message.contains("2 problems"), message);
    int a = message.indexOf("1. thread \"worker-a\" is still alive 500ms after the shutdown (daemon, ");
    int b = message.indexOf("2. thread \"worker-b\" is still alive 500ms after the shutdown (daemon, ");
    assertTrue(a > 0 && b > a, message);
  }

  @VerifyShutdown(linger = "500ms")
  static class StopsItsThread {
    @ShutdownUnderTest StoppingWorker worker;

    @Test
    void test() {
      worker = new StoppingWorker();
    }
  }

  @Test
  void aComponentThatStopsItsThreadPasses() {
    TestKit.assertPasses(StopsItsThread.class);
  }

  /** Its thread ends a little after close() returned, within the linger time. */
  static final class SlowToEnd implements AutoCloseable {
    final CountDownLatch closed = new CountDownLatch(1);
    final Thread thread = new Thread(() -> {
      try {
        closed.await();
        Thread.sleep(300);
      } catch (InterruptedException e) {
        // end
      }
    }, "slow-to-end");

    SlowToEnd() {
      thread.start();
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @VerifyShutdown(linger = "3s")
  static class ThreadEndsDuringTheLingerTime {
    @ShutdownUnderTest SlowToEnd component;

    @Test
    void test() {
      component = new SlowToEnd();
    }
  }

  @Test
  void aThreadThatEndsWithinTheLingerTimeIsNoLeak() {
    TestKit.assertPasses(ThreadEndsDuringTheLingerTime.class);
  }

  @VerifyShutdown(linger = "200ms", ignoreThreads = {"unrelated-.*", "leaky-\\d+"})
  static class IgnoresThreadsByName {
    @ShutdownUnderTest LeakyWorker first;
    @ShutdownUnderTest LeakyWorker second;

    @Test
    void test() {
      first = new LeakyWorker("leaky-1", true);
      second = new LeakyWorker("unrelated-poller", true);
    }
  }

  @Test
  void threadsWhoseNameMatchesAFilterAreNotReported() throws InterruptedException {
    TestKit.assertPasses(IgnoresThreadsByName.class);
    stopThreadsNamed("leaky-1", "unrelated-poller");
  }

  @VerifyShutdown(linger = "200ms")
  static class ThreadStartedBeforeTheTest {
    static LeakyWorker sharedWorker;

    @BeforeAll
    static void startShared() {
      sharedWorker = new LeakyWorker("shared-worker", false);
    }

    @AfterAll
    static void stopShared() throws InterruptedException {
      sharedWorker.thread.interrupt();
      sharedWorker.thread.join();
    }

    @Test
    void test() {}
  }

  @Test
  void threadsAliveBeforeTheTestAreNotItsLeaks() {
    TestKit.assertPasses(ThreadStartedBeforeTheTest.class);
  }

  /** Ignores interrupts until released: shutdownNow() or interrupt() cannot stop it. */
  static final class StubbornWorker implements AutoCloseable {
    static volatile boolean released;
    final Thread thread = new Thread(() -> {
      while (!released) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          // swallowed: the mistake InterruptNotRestored finds
        }
      }
    }, "stubborn-worker");

    StubbornWorker() {
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(100);
    }
  }

  @VerifyShutdown(linger = "300ms")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class OneLeakThenACleanTest {
    @ShutdownUnderTest AutoCloseable component;

    @Test
    @Order(1)
    void leaks() {
      component = new StubbornWorker();
    }

    @Test
    @Order(2)
    void clean() {
      component = new StoppingWorker();
    }
  }

  @Test
  void aThreadThatIgnoresInterruptsFailsItsOwnTestAndNoneAfterIt() throws InterruptedException {
    StubbornWorker.released = false;
    try {
      List<String> failures = TestKit.failures(TestKit.run(OneLeakThenACleanTest.class));

      assertEquals(1, failures.size(), failures.toString());
      assertTrue(failures.get(0).contains("OneLeakThenACleanTest.leaks()"), failures.get(0));
      assertTrue(failures.get(0).contains("thread \"stubborn-worker\" is still alive 300ms after the shutdown"), failures.get(0));
      assertTrue(named("stubborn-worker").isAlive(), "it ignored the interrupt too");
    } finally {
      StubbornWorker.released = true;
      stopThreadsNamed("stubborn-worker");
    }
  }

  static Thread named(String name) {
    return LiveThreads.all().stream().filter(t -> t.getName().equals(name)).findFirst().orElse(null);
  }

  static void stopThreadsNamed(String... names) throws InterruptedException {
    for (String name : names) {
      for (Thread thread : LiveThreads.all()) {
        if (thread.getName().equals(name)) {
          thread.interrupt();
          thread.join(TimeUnit.SECONDS.toMillis(5));
        }
      }
    }
  }
}
