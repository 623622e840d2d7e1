package dev.shutdowncheck.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class InterruptNotRestoredTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(InterruptNotRestored.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(InterruptNotRestored.class, getClass());

  @Test
  void interruptLostInStopAndRetryCode() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Logger;
            class Service implements AutoCloseable {
              private static final Logger log = Logger.getLogger("service");
              private final ExecutorService pool;
              Service(ExecutorService pool) { this.pool = pool; }

              // The usual close(): the shutdown sequence that interrupted us carries on unaware.
              @Override
              public void close() {
                pool.shutdown();
                try {
                  pool.awaitTermination(10, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: interrupt status
                } catch (InterruptedException e) {
                  log.warning("interrupted while stopping: " + e);
                }
              }

              // A retry loop with backoff that keeps retrying through an interrupt.
              String fetchWithRetry() {
                for (int attempt = 0; attempt < 5; attempt++) {
                  String value = tryFetch();
                  if (value != null) {
                    return value;
                  }
                  try {
                    Thread.sleep(1000L << attempt);
                  // BUG: Diagnostic contains: restoring the flag alone would make the next wait
                  } catch (InterruptedException e) {
                    log.fine("backoff interrupted, retrying");
                  }
                }
                return null;
              }

              // A "get the result or null" helper: both failures are logged alike, the interrupt is lost.
              <T> T resultOrNull(Future<T> future) {
                try {
                  return future.get();
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException | ExecutionException e) {
                  log.severe("task failed: " + e);
                  return null;
                }
              }

              // "sleepQuietly": a comment is not handling.
              static void sleepQuietly(long millis) {
                try {
                  Thread.sleep(millis);
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException ignored) {
                  // ignore
                }
              }

              private String tryFetch() { return null; }
            }
            """)
        .doTest();
  }

  @Test
  void workerThatCarriesOnAfterTheInterrupt() {
    helper
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Poller implements Runnable {
              private final BlockingQueue<String> queue;
              Poller(BlockingQueue<String> queue) { this.queue = queue; }
              @Override
              public void run() {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    handle(queue.take());
                  // BUG: Diagnostic contains: InterruptNotRestored
                  } catch (InterruptedException e) {
                    System.err.println("interrupted, continuing");
                  }
                }
              }
              private void handle(String item) {}
            }
            """)
        .doTest();
  }

  @Test
  void restoredRethrownOrHandedOn() {
    helper
        .addSourceLines(
            "Handlers.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            class Handlers {
              // The textbook fix.
              void restore(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              // A Callable that propagates the interrupt as it is.
              Callable<String> task(CountDownLatch latch) {
                return () -> {
                  try {
                    latch.await();
                    return "done";
                  } catch (InterruptedException e) {
                    System.err.println("cancelled");
                    throw e;
                  }
                };
              }
              // Guava's Uninterruptibles idiom: remember, finish the wait, restore at the end.
              void awaitUninterruptibly(CountDownLatch latch) {
                boolean interrupted = false;
                try {
                  while (true) {
                    try {
                      latch.await();
                      return;
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              // Handing the interrupt to whoever waits on the result.
              void complete(CountDownLatch latch, CompletableFuture<Void> result) {
                try {
                  latch.await(5, TimeUnit.SECONDS);
                  result.complete(null);
                } catch (InterruptedException e) {
                  result.completeExceptionally(e);
                }
              }
              // Restoring in a finally that covers the catch.
              void restoreInFinally(CountDownLatch latch) {
                boolean done = false;
                try {
                  latch.await();
                  done = true;
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                } finally {
                  if (!done) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              // A project helper that restores the interrupt.
              void viaHelper(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                  markThreadStopping();
                }
              }
              private static void markThreadStopping() {
                Thread.currentThread().interrupt();
              }
              // A library helper named for what it does.
              void viaLibrary(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  Threads.reinterrupt();
                }
              }
              static class Threads {
                static void reinterrupt() {}
              }
              // A command-line tool stopping on Ctrl-C.
              void exitOnInterrupt(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  System.exit(130);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void anotherExceptionThrownInPlaceOfTheInterrupt() {
    // Nevado JMS: stop() turned the interrupt of the consumer runner's stop into a JMSException;
    // AtlasDB's PersistentLockManager: Throwables.propagate(e) around the retry sleep. Both
    // callers caught the new exception and went on, with the interrupt status cleared.
    helper
        .addSourceLines(
            "NevadoSession.java",
            """
            class NevadoSession {
              static class JMSException extends Exception {
                JMSException(String message) { super(message); }
              }
              static class AsyncConsumerRunner {
                void stop() throws InterruptedException {}
              }
              private final AsyncConsumerRunner runner = new AsyncConsumerRunner();
              protected synchronized void stop() throws JMSException {
                try {
                  runner.stop();
                // BUG: Diagnostic contains: InterruptedException is caught, and the catch throws JMSException in its place without restoring the thread's interrupt status
                } catch (InterruptedException e) {
                  throw new JMSException("Session threads may not have closed yet: " + e.getMessage());
                }
              }
            }
            """)
        .addSourceLines(
            "PersistentLockManager.java",
            """
            import com.google.common.base.Throwables;
            class PersistentLockManager {
              private final long retryWaitMillis = 1000;
              @SuppressWarnings("deprecation") // Throwables.propagate, as AtlasDB used it
              private void waitForRetry() {
                try {
                  Thread.sleep(retryWaitMillis);
                // BUG: Diagnostic contains: the catch throws RuntimeException in its place
                } catch (InterruptedException e) {
                  throw Throwables.propagate(e);
                }
              }
              void acquire() {
                waitForRetry();
              }
              // Undertow, async-http-client: an unchecked wrapper.
              void awaitStarted(java.util.concurrent.CountDownLatch latch) {
                try {
                  latch.await();
                // BUG: Diagnostic contains: the catch throws RuntimeException in its place
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void exceptionsThatCarryTheInterruptOn() {
    helper
        .addSourceLines(
            "Carriers.java",
            """
            import java.io.InterruptedIOException;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            class Carriers {
              // Kafka's InterruptException restores the status in its constructor.
              static class InterruptException extends RuntimeException {
                InterruptException(InterruptedException cause) {
                  super(cause);
                  Thread.currentThread().interrupt();
                }
              }
              // The exception itself goes on.
              void rethrow(CountDownLatch latch) throws InterruptedException {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                  throw e;
                }
              }
              // An exception whose name says what happened.
              void io(CountDownLatch latch) throws InterruptedIOException {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw new InterruptedIOException("interrupted while waiting");
                }
              }
              void kafka(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw new InterruptException(e);
                }
              }
              // Restored before the throw.
              void restored(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              }
              // Restored by the helper that makes the exception.
              void helper(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw interrupted(e);
                }
              }
              private static RuntimeException interrupted(InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException(e);
              }
              // A sneaky rethrow: the InterruptedException itself goes on.
              void sneaky(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw sneakyThrow(e);
                }
              }
              @SuppressWarnings("unchecked")
              private static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
                throw (T) t;
              }
              // Lettuce's Exceptions.bubble(e) restores the interrupt (the helper is in another file).
              void bubble(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw Exceptions.bubble(e);
                }
              }
              // A translator whose body is not known here may restore it.
              interface Translator {
                RuntimeException translate(Exception e);
              }
              void translated(CountDownLatch latch, Translator translator) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw translator.translate(e);
                }
              }
              // ZooKeeper's CLI commands: one catch turns every failure into the command's error.
              static class KeeperException extends Exception {}
              interface Keeper {
                void delete(String path) throws KeeperException, InterruptedException;
              }
              static class CliException extends Exception {
                CliException(Throwable cause) { super(cause); }
              }
              void delete(Keeper zk, String path) throws CliException {
                try {
                  zk.delete(path);
                } catch (KeeperException | InterruptedException ex) {
                  throw new CliException(ex);
                }
              }
              // A task whose failure ends it: the interrupt ended the work it asked to end.
              Callable<String> task(BlockingQueue<String> queue) {
                return () -> {
                  try {
                    return queue.take();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException("cancelled", e);
                  }
                };
              }
              void thread(ExecutorService pool, BlockingQueue<Runnable> queue) {
                new Thread(() -> {
                  while (true) {
                    try {
                      queue.take().run();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                }).start();
              }
            }
            """)
        .addSourceLines(
            "Exceptions.java",
            """
            final class Exceptions {
              static RuntimeException bubble(Throwable t) {
                if (t instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                  return new IllegalStateException("interrupted", t);
                }
                return new IllegalStateException(t);
              }
            }
            """)
        .doTest();
  }

  @Test
  void interruptRecordedInALocalThatOnlyMakesTheLoopWaitAgain() {
    // Log4j 2.11.0's Flume appender (LOG4J2-2388): send() noted the interrupt in a local, waited
    // once more, and dropped it; a logging call from an interrupted thread then spun for ever.
    helper
        .addSourceLines(
            "FlumePersistentManager.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class FlumePersistentManager {
              private final ExecutorService threadPool;
              FlumePersistentManager(ExecutorService threadPool) { this.threadPool = threadPool; }
              public void send(String event) {
                Future<Integer> future = threadPool.submit(() -> event.length());
                boolean interrupted = false;
                int ieCount = 0;
                do {
                  try {
                    future.get();
                  // BUG: Diagnostic contains: InterruptedException is caught and the thread's interrupt status, cleared when it was thrown, is not restored
                  } catch (InterruptedException ie) {
                    interrupted = true;
                    ++ieCount;
                  } catch (ExecutionException ee) {
                    throw new IllegalStateException(ee);
                  }
                } while (interrupted && ieCount <= 1);
              }
            }
            """)
        .doTest();
  }

  @Test
  void interruptRecordedInALocalThatDecidesWhatHappens() {
    helper
        .addSourceLines(
            "Flags.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CountDownLatch;
            class Flags {
              // The flag is the result: the caller hears of the interrupt.
              boolean awaitQuietly(CountDownLatch latch) {
                boolean interrupted = false;
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  interrupted = true;
                }
                return interrupted;
              }
              // The flag ends the loop.
              void drain(BlockingQueue<Runnable> queue) {
                boolean interrupted = false;
                while (!interrupted) {
                  try {
                    queue.take().run();
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
              }
              // The flag is read in the loop's condition and again after it.
              boolean awaitTwice(CountDownLatch latch) {
                boolean interrupted = false;
                int tries = 0;
                do {
                  try {
                    latch.await();
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                  tries++;
                } while (interrupted && tries < 2);
                return !interrupted;
              }
              // A field: the rest of the class reads it.
              static class Waiter {
                private volatile boolean interrupted;
                boolean wasInterrupted() { return interrupted; }
                void await(CountDownLatch latch) {
                  int tries = 0;
                  do {
                    try {
                      latch.await();
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                    tries++;
                  } while (interrupted && tries < 2);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void tasksThatEndOnTheInterrupt() {
    helper
        .addSourceLines(
            "Workers.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Workers {
              // A consumer thread that returns when interrupted: the thread ends, which was the point.
              static class Consumer extends Thread {
                private final BlockingQueue<Runnable> queue;
                Consumer(BlockingQueue<Runnable> queue) { this.queue = queue; }
                @Override
                public void run() {
                  while (true) {
                    try {
                      queue.take().run();
                    } catch (InterruptedException e) {
                      System.err.println("consumer stopping");
                      return;
                    }
                  }
                }
              }
              // A lambda task that breaks out of its loop.
              void submit(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(() -> {
                  for (;;) {
                    try {
                      System.out.println(queue.take());
                    } catch (InterruptedException e) {
                      break;
                    }
                  }
                });
              }
              // A delayed task whose sleep is the last thing it does.
              Runnable delayed(Runnable action) {
                return new Runnable() {
                  @Override
                  public void run() {
                    action.run();
                    try {
                      TimeUnit.SECONDS.sleep(1);
                    } catch (InterruptedException e) {
                      System.err.println("delay cut short");
                    }
                  }
                };
              }
              // commons-lang3's BackgroundInitializer.isInitialized(): get() on a done future
              // returns at once and cannot be interrupted.
              static class Initializer {
                private java.util.concurrent.Future<String> future;
                synchronized boolean isInitialized() {
                  if (future == null || !future.isDone()) {
                    return false;
                  }
                  try {
                    future.get();
                    return true;
                  } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                    return false;
                  }
                }
                // Without the isDone() check the wait can block and be interrupted.
                boolean await() {
                  try {
                    future.get();
                    return true;
                  // BUG: Diagnostic contains: InterruptNotRestored
                  } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                    System.err.println(e);
                  }
                  return false;
                }
              }
              // Logback's AbstractSocketAppender: the worker loop sits inside the try, so the
              // interrupt ends the loop and the method, which run() calls last.
              static class Appender implements Runnable {
                private final BlockingQueue<String> events;
                Appender(BlockingQueue<String> events) { this.events = events; }
                public void run() { connectAndDispatch(); }
                private void connectAndDispatch() {
                  try {
                    while (!Thread.currentThread().isInterrupted()) {
                      System.out.println(events.take());
                    }
                  } catch (InterruptedException e) {
                    assert true; // we'll exit now
                  }
                  System.err.println("shutting down");
                }
              }
              // The interrupt only wakes the loop; the stop flag, set with it, ends the loop.
              static class Scheduler implements Runnable {
                private volatile boolean running = true;
                private Thread thread;
                public void run() {
                  while (running) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      System.err.println("woken up");
                    }
                    tick();
                  }
                }
                void stop() { running = false; thread.interrupt(); }
                void tick() {}
              }
              // An AtomicBoolean stop flag set from the catch.
              void flag(AtomicBoolean stopped, BlockingQueue<String> queue) {
                try {
                  queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  stopped.set(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void shapesSeenInServers() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicReference;
            class Server {
              enum State { STARTED, STOPPED }
              private final AtomicReference<State> state = new AtomicReference<>(State.STARTED);
              private final Set<String> locks = new HashSet<>();

              // An event thread whose loop the interrupt ends; only logging follows.
              static class EventThread extends Thread {
                private final BlockingQueue<Runnable> events;
                EventThread(BlockingQueue<Runnable> events) { this.events = events; }
                @Override
                public void run() {
                  try {
                    while (true) {
                      events.take().run();
                    }
                  } catch (InterruptedException e) {
                    System.err.println("event thread exiting");
                  }
                  System.err.println("event thread stopped");
                }
              }

              // A loop on a lifecycle state: close() moves the state, the interrupt only wakes it.
              void processEvents(BlockingQueue<String> queue) {
                while (state.get() == State.STARTED) {
                  try {
                    queue.poll(1, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }

              // The catch asks a helper to end the process.
              void awaitQuorum(Thread peer) {
                try {
                  peer.join();
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                  requestSystemExit(1);
                }
              }

              // A lock wait that goes back to waiting: the loop condition is no stop flag.
              synchronized void lock(String name) {
                while (locks.contains(name)) {
                  try {
                    wait();
                  // BUG: Diagnostic contains: InterruptNotRestored
                  } catch (InterruptedException e) {
                    System.err.println("lock " + name + " not obtained yet");
                  }
                }
                locks.add(name);
              }

              // The catch decides whether to stop: a timer worker's wait between ticks.
              long waitForNextTick(long sleepMs) {
                try {
                  Thread.sleep(sleepMs);
                } catch (InterruptedException ignored) {
                  if (state.get() == State.STOPPED) {
                    return Long.MIN_VALUE;
                  }
                }
                return 0;
              }

              private static void requestSystemExit(int code) {}
            }
            """)
        .doTest();
  }

  @Test
  void executorsSetTheirThreadsInterruptionPolicy() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            import java.util.concurrent.TimeUnit;
            // An event loop's own task queue: an interrupt is a wake-up, the loop checks its state.
            abstract class EventLoop implements Executor {
              private final BlockingQueue<Runnable> tasks;
              EventLoop(BlockingQueue<Runnable> tasks) { this.tasks = tasks; }
              protected Runnable takeTask(long delayNanos) {
                try {
                  return tasks.poll(delayNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
                return null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void whatErrorProneAlsoSeesIsReportedToo() {
    // Standalone mode and the SARIF never see Error Prone's own checks, and none of them says that
    // the interrupt, and with it the request to stop, is lost.
    helper
        .addSourceLines(
            "Others.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Others {
              // A broad catch around code that throws the interrupt swallows it too.
              void broad(CountDownLatch latch) {
                try {
                  latch.await();
                // BUG: Diagnostic contains: also takes the InterruptedException
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              // An empty catch.
              void empty(CountDownLatch latch) {
                try {
                  latch.await();
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {}
              }
              // Thread.interrupted() in the catch clears the flag a second time.
              void clears(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: Thread.interrupted() does not restore the interrupt
                  Thread.interrupted();
                }
              }
              // A lone join with a commented empty catch.
              void join(Thread worker) {
                try {
                  worker.join();
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  // retried by the caller
                }
              }
              // Nobody interrupts main to stop a command-line program.
              public static void main(String[] args) {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  e.printStackTrace();
                }
                System.out.println("done");
              }
              // A broad catch around code that cannot throw the interrupt: no interrupt to lose.
              void parse(String text) {
                try {
                  Integer.parseInt(text);
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              // A broad catch after a catch of the interrupt itself: that one takes it.
              void ordered(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              // A broad catch that turns every failure into one exception translates errors.
              void wraps(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              // Callable.call() declares Exception, not the interrupt: says nothing about it.
              Object call(java.util.concurrent.Callable<Object> task) {
                try {
                  return task.call();
                } catch (Exception e) {
                  return null;
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
            "PollerTest.java",
            """
            import org.junit.jupiter.api.Test;
            class PollerTest {
              @Test
              void waitsForTheWorker() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("test interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void testNgTestClassIsLeftAlone() {
    LibraryStubs.addTestNg(helper)
        .addSourceLines(
            "QueueIT.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            @org.testng.annotations.Test
            public class QueueIT {
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              public void drainsTheQueue() {
                String head = null;
                try {
                  head = queue.poll(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  e.printStackTrace();
                }
                assert head == null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void subclassOfAnAnnotatedTestBaseIsLeftAlone() {
    LibraryStubs.addTestNg(helper)
        .addSourceLines(
            "IntegrationBase.java",
            """
            @org.testng.annotations.Test
            public abstract class IntegrationBase {}
            """)
        .addSourceLines(
            "QueueIT.java",
            """
            public class QueueIT extends IntegrationBase {
              public void pauses() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  e.printStackTrace();
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
            "Daemon.java",
            """
            class Daemon {
              @SuppressWarnings("InterruptNotRestored") // this thread's interruption policy: ignore
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("ignored");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fixRestoresTheInterruptFirst() {
    refactoring
        .addInputLines(
            "Stopper.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Stopper {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
              void quietly() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  // ignore
                }
              }
              Object result(Future<?> future) {
                try {
                  return future.get();
                } catch (InterruptedException | ExecutionException e) {
                  return null;
                }
              }
            }
            """)
        .addOutputLines(
            "Stopper.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Stopper {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  System.err.println("interrupted");
                }
              }
              void quietly() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) { Thread.currentThread().interrupt();
                  // ignore
                }
              }
              Object result(Future<?> future) {
                try {
                  return future.get();
                } catch (InterruptedException | ExecutionException e) {
                  if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); }
                  return null;
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void interruptsLostOnTheWayOutOfAHelper() {
    helper
        .addSourceLines(
            "Connector.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CountDownLatch;
            class Connector {
              private final CountDownLatch ready = new CountDownLatch(1);
              private final BlockingQueue<String> queue;
              Connector(BlockingQueue<String> queue) { this.queue = queue; }

              // Logs and returns to its caller, which carries on as if the wait had ended.
              public void start() {
                awaitReady();
                System.out.println("started");
              }
              private void awaitReady() {
                try {
                  ready.await();
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  System.err.println("interrupted while starting");
                  return;
                }
                System.out.println("ready");
              }

              // The helper is the last step of a task: when it returns, the task is over.
              Callable<String> task() {
                return new Callable<>() {
                  @Override public String call() { return drain(); }
                };
              }
              private String drain() {
                StringBuilder all = new StringBuilder();
                try {
                  while (true) {
                    all.append(queue.take());
                  }
                } catch (InterruptedException e) {
                  System.err.println("drained");
                }
                return all.toString();
              }

              // The same helper called in the middle of a worker loop: the loop carries on.
              static class Worker implements Runnable {
                private final BlockingQueue<String> queue;
                Worker(BlockingQueue<String> queue) { this.queue = queue; }
                @Override public void run() {
                  for (int i = 0; i < 10; i++) {
                    next();
                    System.out.println("next");
                  }
                }
                private void next() {
                  try {
                    System.out.println(queue.take());
                  // BUG: Diagnostic contains: InterruptNotRestored
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void interruptHandledOneCallAway() {
    helper
        .addSourceLines(
            "Handshake.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Handshake implements AutoCloseable {
              enum Outcome { DONE, TIMED_OUT, INTERRUPTED }
              private final CountDownLatch latch = new CountDownLatch(1);
              private final ExecutorService pool;
              Handshake(ExecutorService pool) { this.pool = pool; }

              // Artemis' NettyConnector.awaitHandshake: false tells the caller to give up.
              private boolean awaitHandshake() {
                try {
                  return latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  return false;
                }
              }
              void connect() {
                if (!awaitHandshake()) {
                  throw new IllegalStateException("no handshake");
                }
              }

              // An "interrupted" status the caller stops on.
              private Outcome waitOutcome() {
                try {
                  latch.await();
                  return Outcome.DONE;
                } catch (InterruptedException e) {
                  return Outcome.INTERRUPTED;
                }
              }
              boolean finished() { return waitOutcome() == Outcome.DONE; }

              // The same kind of helper, but one caller drops the result.
              private boolean awaitQuietly() {
                try {
                  latch.await();
                  return true;
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  return false;
                }
              }
              void reset() {
                awaitQuietly();
                System.out.println("reset");
              }

              // The catch shuts its own component down: what the interrupt asked for.
              void serve() {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  System.err.println("stopping");
                  close();
                  return;
                }
                System.out.println("serving");
              }
              @Override public void close() { pool.shutdownNow(); }
            }
            """)
        .doTest();
  }

  @Test
  void catchThatShutsItsComponentDownThroughSuper() {
    helper
        .addSourceLines(
            "Servers.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Servers {
              static class Base implements AutoCloseable {
                @Override public void close() {}
              }
              static class Server extends Base {
                private final CountDownLatch latch = new CountDownLatch(1);
                private final Base other = new Base();
                // super.close() stops this very component: what the interrupt asked for.
                void serve() {
                  try {
                    latch.await();
                  } catch (InterruptedException e) {
                    super.close();
                    return;
                  }
                  System.out.println("serving");
                }
                // Closing some other object does not stop this one, which carries on.
                void serveOther() {
                  try {
                    latch.await();
                  // BUG: Diagnostic contains: InterruptNotRestored
                  } catch (InterruptedException e) {
                    other.close();
                    return;
                  }
                  System.out.println("serving");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void catchesThatCannotRun() {
    helper
        .addSourceLines(
            "Futures.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Futures {
              // Declares the interrupt, but swallows it itself (MINA's awaitUninterruptibly shape):
              // the caller's catch never runs.
              private static boolean await0(CountDownLatch latch, boolean interruptable)
                  throws InterruptedException {
                return latch.getCount() == 0;
              }
              boolean awaitUninterruptibly(CountDownLatch latch) {
                try {
                  return await0(latch, false);
                } catch (InterruptedException e) {
                  System.err.println("cannot happen");
                  return false;
                }
              }
              // The same helper, but it really waits.
              private static void really(CountDownLatch latch) throws InterruptedException {
                latch.await();
              }
              void awaitReally(CountDownLatch latch) {
                try {
                  really(latch);
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
              // An overridable method may be overridden by one that throws: still reported.
              protected void hook() throws InterruptedException {}
              void callHook() {
                try {
                  hook();
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitThatRethrowsOnlyWhenAskedTo() {
    // MINA's DefaultIoFuture: await0 catches the interrupt of its own wait and rethrows it only
    // if (interruptable); a caller that passes false can never receive it, but await0 itself
    // drops the interrupt then, where Netty's DefaultPromise remembers and restores it.
    helper
        .addSourceLines(
            "IoFuture.java",
            """
            class IoFuture {
              private final Object lock = new Object();
              private boolean ready;
              private boolean await0(long timeoutMillis, boolean interruptable) throws InterruptedException {
                synchronized (lock) {
                  try {
                    lock.wait(timeoutMillis);
                  // BUG: Diagnostic contains: passed on only when `interruptable` says so
                  } catch (InterruptedException e) {
                    if (interruptable) {
                      throw e;
                    }
                  }
                  return ready;
                }
              }
              private boolean awaitQuietly(long timeoutMillis, boolean quiet) throws InterruptedException {
                try {
                  lock.wait(timeoutMillis);
                // BUG: Diagnostic contains: passed on only when `quiet` says so
                } catch (InterruptedException e) {
                  if (!quiet) {
                    throw e;
                  }
                }
                return ready;
              }
              private boolean awaitKeepingTheInterrupt(long timeoutMillis, boolean interruptable)
                  throws InterruptedException {
                boolean interrupted = false;
                try {
                  synchronized (lock) {
                    try {
                      lock.wait(timeoutMillis);
                    } catch (InterruptedException e) {
                      if (interruptable) {
                        throw e;
                      } else {
                        interrupted = true;
                      }
                    }
                    return ready;
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              boolean awaitKeepingTheInterrupt() {
                try {
                  return awaitKeepingTheInterrupt(1000, false);
                } catch (InterruptedException e) {
                  return ready;
                }
              }
              IoFuture awaitUninterruptibly() {
                try {
                  await0(Long.MAX_VALUE, false);
                } catch (InterruptedException ie) {
                  // Do nothing: this catch is just mandatory by contract
                }
                return this;
              }
              boolean awaitQuietly() {
                try {
                  return awaitQuietly(1000, true);
                } catch (InterruptedException e) {
                  return false;
                }
              }
              // The same wait, asked to rethrow: the caller's catch swallows the interrupt.
              boolean awaitOrGiveUp(long timeoutMillis) {
                try {
                  return await0(timeoutMillis, true);
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  System.err.println("gave up");
                  return ready;
                }
              }
              // A flag the caller does not fix: it may be true.
              boolean awaitAsConfigured(long timeoutMillis, boolean interruptable) {
                try {
                  return await0(timeoutMillis, interruptable);
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                  return ready;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void noOneLineFixWhereALoopRetries() {
    // Restoring the flag and going round again would make the next sleep throw at once: a busy loop.
    refactoring
        .addInputLines(
            "Backoff.java",
            """
            class Backoff {
              void retry(Runnable attempt) {
                for (int i = 0; i < 5; i++) {
                  attempt.run();
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    System.err.println("backoff interrupted");
                  }
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void getOnAFutureKnownToHaveFailedCannotBeInterrupted() {
    // Lettuce's NodeSelectionInvocationHandler: get() after isCompletedExceptionally() throws at once.
    helper
        .addSourceLines(
            "Failures.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            class Failures {
              void collect(List<CompletableFuture<?>> futures, RuntimeException all) {
                futures.forEach(future -> {
                  if (future.isCompletedExceptionally()) {
                    try {
                      future.get();
                    } catch (Exception e) {
                      all.addSuppressed(e);
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void stopFlagLoopWhoseFlagNothingCanSet() {
    // Apache Streams (STREAMS-103): the monitor goes straight into the executor, so nothing can call
    // its shutdown(); shutdownNow()'s interrupt is the only stop, and the catch drops it.
    helper
        .addSourceLines(
            "StreamBuilder.java",
            """
            import java.util.concurrent.*;
            class StreamBuilder {
              static class StatusMonitor implements Runnable {
                private volatile boolean keepRunning = true;
                public void shutdown() { keepRunning = false; }
                @Override public void run() {
                  while (keepRunning) {
                    System.out.println("running");
                    try {
                      Thread.sleep(5000);
                    // BUG: Diagnostic contains: in a loop whose stop flag, `keepRunning`, nothing can set: each StatusMonitor made here goes straight to an executor or a thread (line 19)
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
              private final ExecutorService monitor = Executors.newSingleThreadExecutor();
              void start() {
                monitor.submit(new StatusMonitor());
                new Thread((new StatusMonitor())).start();
              }
              void stop() throws InterruptedException {
                monitor.shutdownNow();
                monitor.awaitTermination(10, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void stopFlagLoopWhoseFlagSomethingMaySet() {
    helper
        .addSourceLines(
            "Monitors.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.*;
            class Monitors {
              static class Monitor implements Runnable {
                private volatile boolean keepRunning = true;
                public void shutdown() { keepRunning = false; }
                @Override public void run() {
                  while (keepRunning) {
                    try {
                      Thread.sleep(5000);
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
              static class Registered implements Runnable {
                private volatile boolean keepRunning = true;
                Registered(List<Registered> registry) { registry.add(this); }
                public void shutdown() { keepRunning = false; }
                @Override public void run() {
                  while (keepRunning) {
                    try {
                      Thread.sleep(5000);
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
              static class Shared implements Runnable {
                static volatile boolean stopAll;
                @Override public void run() {
                  while (!stopAll) {
                    try {
                      Thread.sleep(5000);
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
              private final ExecutorService pool = Executors.newCachedThreadPool();
              private final List<Registered> registry = new ArrayList<>();
              private volatile boolean running = true;
              private Monitor kept;
              // Kept in a field: stop() can clear its flag.
              void keep() {
                kept = new Monitor();
                pool.submit(kept);
              }
              // Its constructor registers it where others can reach it.
              void register() {
                pool.submit(new Registered(registry));
              }
              // A static flag: anyone can set it.
              void shared() {
                pool.submit(new Shared());
              }
              // A lambda reads the enclosing object's flag, which stop() clears.
              void lambda() {
                pool.submit(() -> {
                  while (running) {
                    try {
                      Thread.sleep(5000);
                    } catch (InterruptedException e) {
                    }
                  }
                });
              }
              void stop() {
                running = false;
                Shared.stopAll = true;
                kept.shutdown();
                registry.forEach(Registered::shutdown);
                pool.shutdownNow();
              }
            }
            """)
        .addSourceLines(
            "Worker.java",
            """
            // Made in another file, which may keep it: this file cannot tell.
            public class Worker implements Runnable {
              private volatile boolean keepRunning = true;
              public void shutdown() { keepRunning = false; }
              @Override public void run() {
                while (keepRunning) {
                  try {
                    Thread.sleep(5000);
                  } catch (InterruptedException e) {
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void broadCatchInALoopThatStopsOnTheInterruptStatus() {
    // Apache Druid 0.9.0 WorkerTaskMonitor (PR 2739): handle() declares Exception and throws the
    // InterruptedException of shutdownNow(); the catch (Exception e) clears it, so the loop, which
    // stops only when the thread is interrupted, goes back to take() for good.
    helper
        .addSourceLines(
            "TaskMonitor.java",
            """
            import java.util.concurrent.BlockingQueue;
            class TaskMonitor {
              interface Notice { void handle() throws Exception; }
              private BlockingQueue<Notice> notices;
              void mainLoop() throws InterruptedException {
                while (!Thread.currentThread().isInterrupted()) {
                  Notice notice = notices.take();
                  try {
                    notice.handle();
                  // BUG: Diagnostic contains: the loop around it checks the thread's interrupt status to stop
                  } catch (Exception e) {
                    System.err.println("failed: " + e);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void broadCatchOfCallsThatDeclareOnlyExceptionElsewhere() {
    helper
        .addSourceLines(
            "Loops.java",
            """
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.Callable;
            class Loops {
              private volatile boolean running = true;
              // The loop stops on its own flag: `throws Exception` says nothing about interrupts.
              void onFlag(Callable<String> task) {
                while (running) {
                  try {
                    task.call();
                  } catch (Exception e) {
                    System.err.println(e);
                  }
                }
              }
              // No loop at all.
              void once(Callable<String> task) {
                try {
                  task.call();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              // The call in the try declares no supertype of InterruptedException.
              void io(List<AutoCloseableReader> readers) {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    readers.get(0).read();
                  } catch (Exception e) {
                    System.err.println(e);
                  }
                }
              }
              // The catch restores the interrupt.
              void restored(Callable<String> task) {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    task.call();
                  } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                      Thread.currentThread().interrupt();
                    }
                  }
                }
              }
              // The try runs in a lambda, later and elsewhere: the loop around the lambda is not its loop.
              void later(Callable<String> task, List<Runnable> queue) {
                while (!Thread.currentThread().isInterrupted()) {
                  queue.add(() -> {
                    try {
                      task.call();
                    } catch (Exception e) {
                      System.err.println(e);
                    }
                  });
                }
              }
              interface AutoCloseableReader { int read() throws IOException; }
            }
            """)
        .doTest();
  }

  @Test
  void restoringEndsALoopThatStopsOnTheInterruptStatus() {
    // There, restoring the interrupt is the whole fix: the loop's condition sees it and ends.
    refactoring
        .addInputLines(
            "Consumer.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Consumer {
              void consume(BlockingQueue<String> queue) {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    System.out.println(queue.take());
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Consumer.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Consumer {
              void consume(BlockingQueue<String> queue) {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    System.out.println(queue.take());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    System.err.println("interrupted");
                  }
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void aCatchThatEndsTheProcessThroughAnExitHelperOfTheModel() {
    LibraryStubs.addHadoopExitUtil(helper)
        .addSourceLines(
            "Mover.java",
            """
            import java.util.concurrent.BlockingQueue;
            import org.apache.hadoop.util.ExitUtil;
            class Mover {
              private final BlockingQueue<String> queue;
              Mover(BlockingQueue<String> queue) { this.queue = queue; }
              String next() {
                try {
                  return queue.take();
                } catch (InterruptedException e) {
                  ExitUtil.terminate(1, "interrupted"); // the process ends: nothing to restore
                  return null;
                }
              }
              void handOver(String block) {
                try {
                  queue.put(block);
                // BUG: Diagnostic contains: InterruptNotRestored
                } catch (InterruptedException e) {
                  log("not handed over");
                }
              }
              void log(String message) {}
            }
            """)
        .doTest();
  }

  @Test
  void threadInterruptedWrittenForTheRestoreClearsTheStatus() {
    // Elasticsearch's BulkProcessor 1.x: Thread.interrupted(), then the exception to a listener.
    helper
        .addSourceLines(
            "Bulk.java",
            """
            import java.util.concurrent.Semaphore;
            class Bulk {
              interface Listener { void afterBulk(long id, Throwable failure); }
              private final Semaphore semaphore = new Semaphore(1);
              private final Listener listener;
              Bulk(Listener listener) { this.listener = listener; }
              void execute(long id) {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: Thread.interrupted() does not restore the interrupt: it reads and clears
                  Thread.interrupted();
                  listener.afterBulk(id, e);
                }
              }
              void flush() {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: call Thread.currentThread().interrupt()
                  Thread.interrupted();
                  System.err.println("flush interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadInterruptedBesideARealHandlingIsLeftAlone() {
    helper
        .addSourceLines(
            "Waits.java",
            """
            import java.util.concurrent.Semaphore;
            class Waits {
              private final Semaphore semaphore = new Semaphore(1);
              void rethrows() throws InterruptedException {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  Thread.interrupted();
                  throw e; // the interrupt goes on to the caller
                }
              }
              void restores() {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  Thread.interrupted();
                  Thread.currentThread().interrupt();
                }
              }
              void polls() {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  if (Thread.interrupted()) { // read, not dropped
                    Thread.currentThread().interrupt();
                  }
                }
              }
              boolean tryAcquire() {
                try {
                  semaphore.acquire();
                  return true;
                } catch (InterruptedException e) {
                  Thread.interrupted();
                  return false; // the caller stops on it
                }
              }
              void caller() {
                if (!tryAcquire()) {
                  return;
                }
              }
              Runnable task(java.util.function.Consumer<Throwable> onFailure) {
                return () -> {
                  try {
                    semaphore.acquire();
                  } catch (InterruptedException e) {
                    Thread.interrupted();
                    onFailure.accept(e); // and the task ends
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadInterruptedReplacedByTheRestore() {
    refactoring
        .addInputLines(
            "Acquire.java",
            """
            import java.util.concurrent.Semaphore;
            class Acquire {
              void run(Semaphore semaphore, java.util.function.Consumer<Throwable> listener) {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  Thread.interrupted();
                  listener.accept(e);
                }
              }
            }
            """)
        .addOutputLines(
            "Acquire.java",
            """
            import java.util.concurrent.Semaphore;
            class Acquire {
              void run(Semaphore semaphore, java.util.function.Consumer<Throwable> listener) {
                try {
                  semaphore.acquire();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  listener.accept(e);
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
