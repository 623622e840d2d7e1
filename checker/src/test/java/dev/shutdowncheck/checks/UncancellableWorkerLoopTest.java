package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class UncancellableWorkerLoopTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UncancellableWorkerLoop.class, getClass());

  @Test
  void workersThatCannotBeStopped() {
    helper
        .addSourceLines(
            "Workers.java",
            """
            import java.util.Queue;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            class Workers {
              // A flusher thread that logs the interrupt and goes back to sleep.
              static class Flusher extends Thread {
                @Override
                public void run() {
                  // BUG: Diagnostic contains: nothing in it can end it on cancellation
                  while (true) {
                    try {
                      Thread.sleep(1000);
                      flush();
                    } catch (InterruptedException e) {
                      System.err.println("interrupted");
                    }
                  }
                }
                void flush() {}
              }

              // A busy poller submitted as a lambda: poll() never blocks, never throws.
              void start(ExecutorService pool, Queue<Runnable> queue) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: UncancellableWorkerLoop
                  for (;;) {
                    Runnable next = queue.poll();
                    if (next != null) {
                      next.run();
                    }
                  }
                });
              }

              // Restores the interrupt but never looks at it: take() throws again at once, forever.
              static class Consumer implements Runnable {
                private final BlockingQueue<String> queue;
                Consumer(BlockingQueue<String> queue) { this.queue = queue; }
                public void run() {
                  // BUG: Diagnostic contains: UncancellableWorkerLoop
                  while (true) {
                    try {
                      System.out.println(queue.take());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                }
              }

              // A Callable that catches everything inside its loop; the break only leaves the inner loop.
              static class Batcher implements Callable<Void> {
                private final BlockingQueue<String> queue;
                Batcher(BlockingQueue<String> queue) { this.queue = queue; }
                public Void call() {
                  // BUG: Diagnostic contains: UncancellableWorkerLoop
                  do {
                    try {
                      for (int i = 0; i < 10; i++) {
                        if (queue.take().isEmpty()) {
                          break;
                        }
                      }
                    } catch (Exception e) {
                      System.err.println("batch failed: " + e);
                    }
                  } while (true);
                }
              }

              // A pump method started as a thread through a method reference.
              static class Pump {
                void start() {
                  new Thread(this::pump).start();
                }
                private void pump() {
                  // BUG: Diagnostic contains: UncancellableWorkerLoop
                  while (true) {
                    step();
                  }
                }
                private void step() {}
              }
            }
            """)
        .doTest();
  }

  @Test
  void workersThatStop() {
    helper
        .addSourceLines(
            "Stoppable.java",
            """
            import java.io.IOException;
            import java.net.ServerSocket;
            import java.net.Socket;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Stoppable {
              // take() throws InterruptedException out of the loop; run() ends there.
              static class Consumer implements Runnable {
                private final BlockingQueue<Runnable> queue;
                Consumer(BlockingQueue<Runnable> queue) { this.queue = queue; }
                public void run() {
                  try {
                    while (true) {
                      queue.take().run();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }

              // The interrupt ends the loop from the catch.
              void submit(ExecutorService pool, BlockingQueue<String> queue) {
                pool.submit(() -> {
                  while (true) {
                    try {
                      System.out.println(queue.take());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      break;
                    }
                  }
                });
              }

              // An explicit interrupt check.
              static class Spinner extends Thread {
                public void run() {
                  for (;;) {
                    if (Thread.currentThread().isInterrupted()) {
                      return;
                    }
                    Thread.onSpinWait();
                  }
                }
              }

              // A stop flag, and poll with a timeout so the flag is seen within a second.
              static class Poller implements Runnable {
                private volatile boolean stopped;
                private final BlockingQueue<String> queue;
                Poller(BlockingQueue<String> queue) { this.queue = queue; }
                void stop() { stopped = true; }
                public void run() {
                  while (true) {
                    if (stopped) {
                      break;
                    }
                    try {
                      String item = queue.poll(1, TimeUnit.SECONDS);
                      if (item != null) {
                        System.out.println(item);
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                }
              }

              // A helper that throws once the component is stopped.
              static class Ticker implements Runnable {
                private volatile boolean running = true;
                public void run() {
                  while (true) {
                    ensureRunning();
                    tick();
                  }
                }
                private void ensureRunning() {
                  if (!running) {
                    throw new IllegalStateException("stopped");
                  }
                }
                private void tick() {}
              }

              // accept() fails once close() closes the socket, and the IOException leaves the loop.
              static class Acceptor implements Runnable {
                private final ServerSocket server;
                Acceptor(ServerSocket server) { this.server = server; }
                public void run() {
                  try {
                    while (true) {
                      Socket socket = server.accept();
                      socket.close();
                    }
                  } catch (IOException e) {
                    System.err.println("acceptor stopped");
                  }
                }
              }

              // A labeled loop left from an inner loop.
              static class Drainer implements Runnable {
                private final BlockingQueue<String> queue;
                Drainer(BlockingQueue<String> queue) { this.queue = queue; }
                public void run() {
                  outer:
                  while (true) {
                    for (String item : queue) {
                      if (item.equals("EOF")) {
                        break outer;
                      }
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void notTasksOrNotEndless() {
    helper
        .addSourceLines(
            "Others.java",
            """
            import java.util.function.Supplier;
            class Others {
              private volatile boolean running = true;
              // A loop on a stop flag: the flag is its exit condition.
              static class Worker implements Runnable {
                private volatile boolean running = true;
                public void run() {
                  while (running) {
                    work();
                  }
                }
                void work() {}
              }
              // Retry-forever in a plain method: whether it runs as a task is not visible here.
              void retryForever() {
                while (true) {
                  attempt();
                }
              }
              // A lambda that is not a task.
              Supplier<Integer> counter() {
                return () -> {
                  int n = 0;
                  for (;;) {
                    n++;
                  }
                };
              }
              // main is not cancelled by an executor.
              public static void main(String[] args) {
                while (true) {
                  System.out.println("serving");
                }
              }
              void attempt() {}
            }
            """)
        .doTest();
  }

  @Test
  void daemonThreadsForTheLifeOfTheJvm() {
    // log4j's CachedClock and CoarseCachedClock: a daemon updater thread per JVM, which nothing
    // needs to stop (the JVM does not wait for daemon threads when it exits).
    helper
        .addSourceLines(
            "Clocks.java",
            """
            import java.util.concurrent.locks.LockSupport;
            final class CachedClock {
              private volatile long millis;
              private CachedClock() {
                Thread updater = new Thread(() -> {
                  while (true) {
                    millis = System.currentTimeMillis();
                    LockSupport.parkNanos(1_000_000);
                  }
                }, "clock");
                updater.setDaemon(true);
                updater.start();
              }
            }
            final class CoarseClock {
              private volatile long millis;
              private final Thread updater = new Thread("coarse clock") {
                @Override
                public void run() {
                  while (true) {
                    millis = System.currentTimeMillis();
                    LockSupport.parkNanos(1_000_000);
                  }
                }
              };
              private CoarseClock() {
                updater.setDaemon(true);
                updater.start();
              }
            }
            final class Heartbeat {
              private volatile long beats;
              void start() {
                Thread beater = new Thread(() -> {
                  // BUG: Diagnostic contains: UncancellableWorkerLoop
                  while (true) {
                    beats++;
                    LockSupport.parkNanos(1_000_000);
                  }
                });
                beater.setDaemon(false); // an ordinary thread: the JVM waits for it
                beater.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void testNgTestIsLeftAlone() {
    LibraryStubs.addTestNg(helper)
        .addSourceLines(
            "SpinIT.java",
            """
            import org.testng.annotations.Test;
            public class SpinIT {
              @Test
              public void spins() {
                Runnable spinner = () -> {
                  while (true) {
                    Thread.onSpinWait();
                  }
                };
                new Thread(spinner).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void testCodeIsLeftAlone() {
    helper
        .addSourceLines(
            "SpinTest.java",
            """
            import org.junit.jupiter.api.Test;
            class SpinTest {
              @Test
              void spins() {
                Runnable spinner = () -> {
                  while (true) {
                    Thread.onSpinWait();
                  }
                };
                new Thread(spinner).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressed() {
    helper
        .addSourceLines(
            "Watchdog.java",
            """
            class Watchdog extends Thread {
              @SuppressWarnings("UncancellableWorkerLoop") // a daemon that lives as long as the JVM
              @Override
              public void run() {
                while (true) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }
}
