package dev.shutdowncheck.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ThreadNeverStoppedTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ThreadNeverStopped.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(ThreadNeverStopped.class, getClass());

  @Test
  void aComponentsThreadRunsOnAfterClose() {
    helper
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Poller implements AutoCloseable {
              private final BlockingQueue<String> queue;
              // BUG: Diagnostic contains: close() never stops it
              private final Thread worker = new Thread(this::pump, "poller");
              Poller(BlockingQueue<String> queue) {
                this.queue = queue;
                worker.start();
              }
              private void pump() {
                while (true) {
                  try {
                    System.out.println(queue.take());
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
              @Override public void close() { System.out.println("closed"); }
            }
            """)
        .doTest();
  }

  @Test
  void threadsAndTimersOfClassesWithNoShutdownPath() {
    helper
        .addSourceLines(
            "Heartbeats.java",
            """
            import java.util.Timer;
            import java.util.TimerTask;
            class Heartbeats {
              // A non-daemon thread in a class with no lifecycle: it keeps the JVM alive.
              static class Beacon {
                // BUG: Diagnostic contains: keeps the JVM from exiting
                private final Thread beacon = new Thread(() -> {
                  while (true) {
                    ping();
                    try { Thread.sleep(1000); } catch (InterruptedException e) { return; }
                  }
                });
                Beacon() { beacon.start(); }
                static void ping() {}
              }
              // The same thread, made a daemon: it dies with the JVM, by design.
              static class DaemonBeacon {
                private final Thread beacon = new Thread(() -> {
                  while (true) {
                    Beacon.ping();
                    try { Thread.sleep(1000); } catch (InterruptedException e) { return; }
                  }
                });
                DaemonBeacon() {
                  beacon.setDaemon(true);
                  beacon.start();
                }
              }
              // A timer made without isDaemon starts a thread that keeps the JVM alive.
              static class Scheduler {
                // BUG: Diagnostic contains: Timer `timer` starts its own thread, which is not a daemon
                private final Timer timer = new Timer("refresh");
                Scheduler() {
                  timer.schedule(new TimerTask() { public void run() { Beacon.ping(); } }, 0, 1000);
                }
              }
              // A daemon timer in a class with no lifecycle.
              static class DaemonScheduler {
                private final Timer timer = new Timer("refresh", true);
                DaemonScheduler() {
                  timer.schedule(new TimerTask() { public void run() { Beacon.ping(); } }, 0, 1000);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadsThatEndOrAreStopped() {
    helper
        .addSourceLines(
            "Stopped.java",
            """
            import java.util.Timer;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Stopped {
              // Interrupted and joined on close().
              static class Interrupted implements AutoCloseable {
                private final Thread worker = new Thread(Interrupted::loop);
                Interrupted() { worker.start(); }
                static void loop() { while (!Thread.currentThread().isInterrupted()) { Thread.onSpinWait(); } }
                @Override public void close() throws InterruptedException {
                  worker.interrupt();
                  worker.join(5_000);
                }
              }
              // A volatile flag its loop reads, cleared on close().
              static class Flagged implements AutoCloseable {
                private volatile boolean running = true;
                private final Thread worker = new Thread(this::loop);
                Flagged() { worker.start(); }
                private void loop() { while (running) { Thread.onSpinWait(); } }
                @Override public void close() { running = false; }
              }
              // An AtomicBoolean read through a query of the class.
              static class Atomic implements AutoCloseable {
                private final AtomicBoolean stopped = new AtomicBoolean();
                private final Thread worker = new Thread(this::loop);
                Atomic() { worker.start(); }
                private boolean isStopped() { return stopped.get(); }
                private void loop() { while (!isStopped()) { Thread.onSpinWait(); } }
                @Override public void close() { stopped.set(true); }
              }
              // A Thread subclass with its own shutdown(), called on close().
              static class Worker extends Thread {
                private volatile boolean done;
                @Override public void run() { while (!done) { Thread.onSpinWait(); } }
                void shutdown() { done = true; }
              }
              static class Owner implements AutoCloseable {
                private final Worker worker = new Worker();
                Owner() { worker.start(); }
                @Override public void close() { worker.shutdown(); }
              }
              // A thread whose run has no loop ends by itself.
              static class OneShot implements AutoCloseable {
                private final Thread warmUp = new Thread(() -> System.out.println("warm"));
                OneShot() { warmUp.start(); }
                @Override public void close() {}
              }
              // A timer cancelled on close().
              static class Cancelled implements AutoCloseable {
                private final Timer timer = new Timer();
                @Override public void close() { timer.cancel(); }
              }
              // A thread handed to someone else: registered as a shutdown hook, never started here.
              static class Hook {
                private final Thread hook = new Thread(() -> { while (true) { Thread.onSpinWait(); } });
                Hook() { Runtime.getRuntime().addShutdownHook(hook); }
              }
              // Made but never started.
              static class Unstarted implements AutoCloseable {
                private final Thread spare = new Thread(() -> { while (true) { Thread.onSpinWait(); } });
                @Override public void close() {}
              }
              // Started, and returned to a caller who owns it from then on.
              static class Factory {
                private Thread last;
                Thread start(Runnable loop) {
                  last = new Thread(() -> { while (true) { loop.run(); } });
                  last.start();
                  return last;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void testCodeIsLeftAlone() {
    helper
        .addSourceLines(
            "org/junit/jupiter/api/Test.java", "package org.junit.jupiter.api; public @interface Test {}")
        .addSourceLines(
            "ServerTest.java",
            """
            class ServerTest {
              private final Thread load = new Thread(() -> { while (true) { Thread.onSpinWait(); } });
              @org.junit.jupiter.api.Test void serves() { load.start(); }
            }
            """)
        .doTest();
  }

  @Test
  void fixInterruptsAndJoinsInTheOneShutdownMethod() {
    refactoring
        .addInputLines(
            "Pump.java",
            """
            class Pump implements AutoCloseable {
              private final Thread worker = new Thread(Pump::loop);
              Pump() { worker.start(); }
              static void loop() { while (true) { Thread.onSpinWait(); } }
              @Override
              public void close() {
                System.out.println("closing");
              }
            }
            """)
        .addOutputLines(
            "Pump.java",
            """
            class Pump implements AutoCloseable {
              private final Thread worker = new Thread(Pump::loop);
              Pump() { worker.start(); }
              static void loop() { while (true) { Thread.onSpinWait(); } }
              @Override
              public void close() {
                System.out.println("closing");
                worker.interrupt();
                try {
                  worker.join(5_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void threadsStoppedThroughTheirOwnMethodsOrTheirWork() {
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            // ZooKeeper's ClientCnxn: the event thread stops on a poison pill that one of its own
            // methods queues.
            class Client implements AutoCloseable {
              private static final Object DEATH = new Object();
              final EventThread events = new EventThread();
              Client() { events.start(); }
              class EventThread extends Thread {
                private final LinkedBlockingQueue<Object> waiting = new LinkedBlockingQueue<>();
                void queueEventOfDeath() { waiting.add(DEATH); }
                @Override public void run() {
                  while (true) {
                    try {
                      if (waiting.take() == DEATH) {
                        break;
                      }
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }
              }
              @Override public void close() { events.queueEventOfDeath(); }
            }
            """)
        .addSourceLines(
            "EmbeddedServer.java",
            """
            // ZooKeeper's embedded server: the thread runs the server, and close() stops the server.
            class EmbeddedServer implements AutoCloseable {
              static class Server {
                private volatile boolean running = true;
                void run() { while (running) { Thread.onSpinWait(); } }
                void close() { running = false; }
              }
              private final Server server = new Server();
              private Thread thread;
              void start() {
                thread = new Thread("runner") {
                  @Override public void run() { server.run(); }
                };
                thread.start();
              }
              @Override public void close() { server.close(); }
            }
            """)
        .doTest();
  }

  @Test
  void timersThatNothingCanCancel() {
    // AtlantaFX 1.0's sampler: a callback ran new Timer().schedule(..) on every change, and each
    // timer's thread stayed behind, waiting for more tasks, and kept the JVM from exiting.
    helper
        .addSourceLines(
            "Sampler.java",
            """
            import java.util.Timer;
            import java.util.TimerTask;
            class Sampler {
              void onThemeChanged(Runnable refresh) {
                // BUG: Diagnostic contains: no reference to it is kept
                new Timer().schedule(task(refresh), 250);
              }
              void flashLater(Runnable flash) {
                // BUG: Diagnostic contains: Timer `timer` is created here and never cancelled
                Timer timer = new Timer("flash");
                timer.schedule(task(flash), 1_000);
              }
              boolean canSchedule() {
                // A timer starts its thread when it is made, task or not.
                // BUG: Diagnostic contains: Timer `probe` is created here and never cancelled
                Timer probe = new Timer();
                return probe != null;
              }
              void pulse(Runnable beat) {
                // A daemon timer still leaves its thread behind on every call.
                // BUG: Diagnostic contains: daemon thread
                new Timer(true).scheduleAtFixedRate(task(beat), 0, 1_000);
              }
              static TimerTask task(Runnable r) {
                return new TimerTask() { @Override public void run() { r.run(); } };
              }
            }
            """)
        .doTest();
  }

  @Test
  void timersCancelledOnlyOnTheNormalPath() {
    // OpenGrok 1.0's Executor.exec() (issue 1407): a watchdog timer cancelled only on the normal
    // path left a thread behind whenever the command failed.
    helper
        .addSourceLines(
            "Exec.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.List;
            import java.util.Timer;
            import java.util.TimerTask;
            class Exec {
              int run(List<String> command, long timeout) {
                int status = -1;
                // BUG: Diagnostic contains: Timer `watchdog` is cancelled only on the normal path: when start(..) (line 13) throws IOException
                Timer watchdog = new Timer();
                Process process = null;
                try {
                  process = new ProcessBuilder(command).start();
                  Process running = process;
                  watchdog.schedule(new TimerTask() { public void run() { running.destroy(); } }, timeout);
                  try (InputStream out = process.getInputStream()) {
                    out.readAllBytes();
                  }
                  status = process.waitFor();
                  watchdog.cancel();
                } catch (IOException e) {
                  System.err.println("failed: " + command);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  if (process != null && process.isAlive()) process.destroy();
                }
                return status;
              }
              int fixed(List<String> command, long timeout) throws IOException, InterruptedException {
                Timer watchdog = new Timer();
                try {
                  Process process = new ProcessBuilder(command).start();
                  watchdog.schedule(new TimerTask() { public void run() { process.destroy(); } }, timeout);
                  return process.waitFor();
                } finally {
                  watchdog.cancel();
                }
              }
              int cancelledOnBothPaths(Process process, long timeout) {
                Timer watchdog = new Timer(true);
                watchdog.schedule(new TimerTask() { public void run() { process.destroy(); } }, timeout);
                try {
                  int status = process.waitFor();
                  watchdog.cancel();
                  return status;
                } catch (InterruptedException e) {
                  watchdog.cancel();
                  Thread.currentThread().interrupt();
                  return -1;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void timersCancelledOrKeptByWhoeverStopsThem() {
    helper
        .addSourceLines(
            "Timeouts.java",
            """
            import java.util.Timer;
            import java.util.TimerTask;
            class Timeouts implements AutoCloseable {
              private final Timer shared = new Timer("timeouts", true);
              // A JVM-wide daemon timer, made once.
              private static final Timer CLOCK = new Timer(true);
              static {
                new Timer("ticker", true).scheduleAtFixedRate(new TimerTask() { public void run() {} }, 0, 1_000);
              }
              int runWithTimeout(Process process, long millis) throws InterruptedException {
                Timer watchdog = new Timer();
                try {
                  watchdog.schedule(new TimerTask() { public void run() { process.destroy(); } }, millis);
                  return process.waitFor();
                } finally {
                  watchdog.cancel();
                }
              }
              void once(Runnable r) {
                Timer timer = new Timer();
                timer.schedule(new TimerTask() {
                  @Override public void run() {
                    r.run();
                    timer.cancel(); // its last task ends it
                  }
                }, 100);
              }
              Timer startHeartbeat(Runnable beat) {
                Timer heartbeat = new Timer("heartbeat");
                heartbeat.scheduleAtFixedRate(new TimerTask() { public void run() { beat.run(); } }, 0, 1_000);
                return heartbeat; // the caller cancels it
              }
              void later(Runnable r) {
                shared.schedule(new TimerTask() { public void run() { r.run(); } }, 10);
                CLOCK.schedule(new TimerTask() { public void run() {} }, 10);
              }
              @Override public void close() { shared.cancel(); }
            }
            """)
        .doTest();
  }
}
