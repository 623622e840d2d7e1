package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ExitInShutdownHookTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ExitInShutdownHook.class, getClass());

  @Test
  void exitInLambdaHook() {
    helper
        .addSourceLines(
            "App.java",
            """
            class App {
              void install() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  System.out.println("bye");
                  // BUG: Diagnostic contains: runs inside a shutdown hook
                  System.exit(0);
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitInAnonymousThreadAndRuntimeExit() {
    helper
        .addSourceLines(
            "App.java",
            """
            class App {
              static {
                Runtime.getRuntime().addShutdownHook(new Thread() {
                  @Override public void run() {
                    // BUG: Diagnostic contains: blocks forever
                    Runtime.getRuntime().exit(1);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitReachedThroughMethodReferenceAndHelpers() {
    helper
        .addSourceLines(
            "Server.java",
            """
            class Server {
              Server() {
                Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "shutdown"));
              }
              private void onShutdown() {
                flush();
                stopOrDie();
              }
              private void flush() {}
              private void stopOrDie() {
                try {
                  flush();
                } catch (RuntimeException e) {
                  // BUG: Diagnostic contains: ExitInShutdownHook
                  System.exit(2);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitInNamedHookClassAndLocalVariable() {
    helper
        .addSourceLines(
            "Main.java",
            """
            class Main {
              static class Hook extends Thread {
                @Override public void run() {
                  // BUG: Diagnostic contains: ExitInShutdownHook
                  System.exit(0);
                }
              }
              public static void main(String[] args) {
                Runtime.getRuntime().addShutdownHook(new Hook());
                Runnable cleanup = () -> {
                  // BUG: Diagnostic contains: ExitInShutdownHook
                  System.exit(3);
                };
                Thread hook = new Thread(cleanup);
                Runtime.getRuntime().addShutdownHook(hook);
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitInTheHookThatAFieldOfItsOwnClassHolds() {
    // Mule's standalone container (MULE-12725): the hook, an inner Thread class kept in a static
    // field, called doShutdown(), which stops the container and then calls System.exit(0).
    helper
        .addSourceLines(
            "MuleContainer.java",
            """
            class MuleContainer {
              private static MuleShutdownHook muleShutdownHook;
              public void registerShutdownHook() {
                if (muleShutdownHook == null) {
                  muleShutdownHook = new MuleShutdownHook();
                } else {
                  Runtime.getRuntime().removeShutdownHook(muleShutdownHook);
                }
                Runtime.getRuntime().addShutdownHook(muleShutdownHook);
              }
              public void shutdown() {
                Runtime.getRuntime().removeShutdownHook(muleShutdownHook);
                doShutdown();
              }
              protected void doShutdown() {
                stop();
                // BUG: Diagnostic contains: runs inside a shutdown hook
                System.exit(0);
              }
              public void stop() {}
              private class MuleShutdownHook extends Thread {
                @Override public void run() {
                  doShutdown();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void hooksHeldInFieldsThatStopWithoutExiting() {
    helper
        .addSourceLines(
            "Container.java",
            """
            class Container {
              // Mule's fix: the hook stops the container; exiting stays on the other paths.
              private static StopHook stopHook;
              // A plain Thread field: what it runs is not known here.
              private Thread plainHook;
              void install(Thread given) {
                stopHook = new StopHook();
                Runtime.getRuntime().addShutdownHook(stopHook);
                plainHook = given;
                Runtime.getRuntime().addShutdownHook(plainHook);
              }
              void shutdown() {
                Runtime.getRuntime().removeShutdownHook(stopHook);
                stop();
                System.exit(0);
              }
              void stop() {}
              private class StopHook extends Thread {
                @Override public void run() {
                  Container.this.stop();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitInAnotherFileIsReportedAtTheHook() {
    helper
        .addSourceLines(
            "Lifecycle.java",
            """
            class Lifecycle {
              // Fine on its own: called from main when startup fails.
              static void terminate(int status) {
                System.exit(status);
              }
            }
            """)
        .addSourceLines(
            "Main.java",
            """
            class Main {
              public static void main(String[] args) {
                // BUG: Diagnostic contains: reaches System.exit() in Lifecycle.terminate()
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Lifecycle.terminate(0)));
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitOutsideHooks() {
    helper
        .addSourceLines(
            "Cli.java",
            """
            class Cli {
              // The normal way to end a command-line tool: the hooks run after this.
              public static void main(String[] args) {
                Runtime.getRuntime().addShutdownHook(new Thread(Cli::flushLogs));
                if (args.length == 0) {
                  System.exit(64);
                }
                System.exit(run(args));
              }
              static void flushLogs() { System.out.flush(); }
              static int run(String[] args) { return 0; }
            }
            """)
        .doTest();
  }

  @Test
  void hooksThatReturnOrOnlyDeclareExits() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.ExecutorService;
            class Service {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              void install() {
                // A hook that stops work and returns: the JVM then halts by itself.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  pool.shutdown();
                  // A watchdog declared here, not run by the hook itself.
                  Runnable onTimeout = new Runnable() {
                    @Override public void run() { System.exit(1); }
                  };
                }));
                // Halting is ForcedTermination's business; it does not deadlock.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(0)));
              }
              // A thread that is started, not registered as a hook, may exit.
              void startWatchdog() {
                new Thread(() -> System.exit(1)).start();
              }
              // Removing a hook runs nothing.
              void uninstall(Thread hook) {
                Runtime.getRuntime().removeShutdownHook(hook);
              }
            }
            """)
        .doTest();
  }

  @Test
  void recursiveHookTerminates() {
    helper
        .addSourceLines(
            "Retry.java",
            """
            class Retry {
              void install() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(3)));
              }
              void drain(int attempts) {
                if (attempts > 0) {
                  drain(attempts - 1);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void hookFromThreadFactoryAndUnknownRunnable() {
    helper
        .addSourceLines(
            "Factory.java",
            """
            import java.util.concurrent.ThreadFactory;
            class Factory {
              // The runnable comes from elsewhere: nothing is known of it.
              void install(ThreadFactory threads, Runnable cleanup) {
                Runtime.getRuntime().addShutdownHook(threads.newThread(cleanup));
                Runtime.getRuntime().addShutdownHook(threads.newThread(() -> System.out.println("bye")));
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressedAtTheExit() {
    helper
        .addSourceLines(
            "Legacy.java",
            """
            class Legacy {
              void install() {
                Runtime.getRuntime().addShutdownHook(new Thread(this::die));
              }
              @SuppressWarnings("ExitInShutdownHook")
              void die() {
                System.exit(0);
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitHelpersOfLibrariesAndOfTheUsersFlag() {
    // Exit helpers whose code is not compiled here: an interface stands for a library class.
    CompilationTestHelper.newInstance(ExitInShutdownHook.class, getClass())
        .setArgs("-XepOpt:ShutdownCheck:ExitMethods=com.acme.Fatal#die")
        .addSourceLines(
            "Fatal.java",
            """
            package com.acme;
            public interface Fatal {
              void die(int status);
              void report(int status);
            }
            """)
        .addSourceLines(
            "Node.java",
            """
            import com.acme.Fatal;
            class Node {
              void install(Fatal fatal) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  fatal.report(0); // not named by the flag: says nothing about exiting
                  // BUG: Diagnostic contains: runs inside a shutdown hook
                  fatal.die(0);
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void hadoopsExitUtilOnAJoinedThread() {
    LibraryStubs.addHadoopExitUtil(helper)
        .addSourceLines(
            "Balancer.java",
            """
            import org.apache.hadoop.util.ExitUtil;
            class Balancer {
              private volatile boolean running = true;
              private final Thread mover = new Thread(() -> {
                while (running) {
                  try {
                    moveBlocks();
                  } catch (RuntimeException e) {
                    // BUG: Diagnostic contains: mover.join()
                    ExitUtil.terminate(1, e.getMessage());
                  }
                }
              });
              void start() {
                mover.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  running = false;
                  try {
                    mover.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              void moveBlocks() {}
            }
            """)
        .doTest();
  }

  @Test
  void exitHelperOfALibraryIsNotAnExitWithoutTheFlag() {
    helper
        .addSourceLines(
            "Fatal.java",
            """
            package com.acme;
            public interface Fatal {
              void die(int status);
            }
            """)
        .addSourceLines(
            "Node.java",
            """
            import com.acme.Fatal;
            class Node {
              void install(Fatal fatal) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> fatal.die(0)));
              }
            }
            """)
        .doTest();
  }

  // Exits on a thread that a hook joins: exit waits for the hook, the hook for the exiting thread.

  @Test
  void exitOnTheMainThreadThatTheHookJoins() {
    helper
        .addSourceLines(
            "ConsumerApp.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            class ConsumerApp {
              static final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              static volatile boolean running = true;
              public static void main(String[] args) {
                if (args.length == 0) {
                  System.exit(64); // before the hook is registered: the hook is not waiting yet
                }
                Thread mainThread = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  running = false;
                  try {
                    mainThread.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
                try {
                  while (running) {
                    process(queue.take());
                  }
                } catch (RuntimeException | InterruptedException e) {
                  // BUG: Diagnostic contains: waits for with mainThread.join() (line 14)
                  System.exit(1);
                }
              }
              static void process(String record) {}
            }
            """)
        .doTest();
  }

  @Test
  void exitInTheUncaughtExceptionHandlerOfThreadsTheHookJoins() {
    helper
        .addSourceLines(
            "Consumer.java",
            """
            class Consumer extends Thread {
              volatile boolean stopped;
              @Override public void run() {
                while (!stopped) {
                  poll();
                }
              }
              void poll() {}
            }
            """)
        .addSourceLines(
            "Main.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class Main {
              public static void main(String[] args) {
                Thread.UncaughtExceptionHandler handler = new Thread.UncaughtExceptionHandler() {
                  @Override public void uncaughtException(Thread thread, Throwable failure) {
                    // BUG: Diagnostic contains: consumer.join()
                    System.exit(1);
                  }
                };
                List<Consumer> consumers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                  Consumer consumer = new Consumer();
                  consumer.setUncaughtExceptionHandler(handler);
                  consumers.add(consumer);
                  consumer.start();
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  for (Consumer consumer : consumers) {
                    consumer.stopped = true;
                    try {
                      consumer.join();
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitInTheBodyOfAWorkerTheHookJoins() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.io.IOException;
            class Indexer {
              private volatile boolean running = true;
              private final Thread worker = new Thread(this::indexLoop, "indexer");
              void start() {
                worker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
              }
              private void stop() {
                running = false;
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              private void indexLoop() {
                while (running) {
                  try {
                    indexNext();
                  } catch (IOException e) {
                    fail(e);
                  }
                }
              }
              private void fail(IOException e) {
                // BUG: Diagnostic contains: worker.join()
                System.exit(3);
              }
              private void indexNext() throws IOException {}
            }
            """)
        .doTest();
  }

  @Test
  void exitInTheHandlerOfThreadsMadeByTheClassesOwnFactory() {
    helper
        .addSourceLines(
            "ExecutorThreads.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class ExecutorThreads {
              private final List<Thread> threads = new ArrayList<>();
              void launch(int executors) {
                for (int i = 0; i < executors; i++) {
                  threads.add(startExecutor(i));
                }
                Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown));
              }
              private Thread startExecutor(int id) {
                Thread thread = new Thread(() -> executeLoop(id), "executor-" + id);
                thread.setUncaughtExceptionHandler((t, failure) -> {
                  // BUG: Diagnostic contains: t.join()
                  Runtime.getRuntime().exit(13);
                });
                thread.start();
                return thread;
              }
              private void shutdown() {
                for (Thread t : threads) {
                  t.interrupt();
                }
                for (Thread t : threads) {
                  try {
                    t.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
              private void executeLoop(int id) {}
            }
            """)
        .doTest();
  }

  @Test
  void exitInAnotherFileOnAJoinedThreadIsReportedAtTheJoin() {
    helper
        .addSourceLines(
            "Fatal.java",
            """
            class Fatal {
              static void halt(Throwable cause) {
                cause.printStackTrace();
                System.exit(70);
              }
            }
            """)
        .addSourceLines(
            "Pump.java",
            """
            class Pump extends Thread {
              volatile boolean running = true;
              @Override public void run() {
                try {
                  while (running) {
                    pumpOnce();
                  }
                } catch (RuntimeException e) {
                  Fatal.halt(e);
                }
              }
              void pumpOnce() {}
            }
            """)
        .addSourceLines(
            "Replicator.java",
            """
            class Replicator {
              private final Pump pump = new Pump();
              void start() {
                pump.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  pump.running = false;
                  try {
                    // BUG: Diagnostic contains: can reach System.exit() in Fatal.halt()
                    pump.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void theDefaultHandlerExitsOnAJoinedThreadWithoutAHandlerOfItsOwn() {
    helper
        .addSourceLines(
            "Service.java",
            """
            class Service {
              private volatile boolean running = true;
              private final Thread poller = new Thread(this::poll, "poller");
              private final Thread flusher = new Thread(this::flush, "flusher");
              public static void main(String[] args) {
                // Fail fast: any thread that dies of an exception takes the process down.
                Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
                  failure.printStackTrace();
                  // BUG: Diagnostic contains: poller.join()
                  System.exit(1);
                });
                new Service().start();
              }
              void start() {
                // The flusher has a handler of its own: the default one does not run on it.
                flusher.setUncaughtExceptionHandler((thread, failure) -> failure.printStackTrace());
                poller.start();
                flusher.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  running = false;
                  try {
                    flusher.join();
                    poller.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              void poll() {}
              void flush() {}
            }
            """)
        .doTest();
  }

  @Test
  void noHandlerRunsOnAThreadThatCatchesEveryThrowable() {
    helper
        .addSourceLines(
            "Relay.java",
            """
            class Relay {
              private volatile boolean running = true;
              private final Thread relay = new Thread(() -> {
                try {
                  while (running) {
                    forward();
                  }
                } catch (Throwable failure) {
                  failure.printStackTrace(); // the thread ends here; no exception leaves it
                }
              });
              void start() {
                relay.setUncaughtExceptionHandler((thread, failure) -> System.exit(1));
                relay.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  running = false;
                  try {
                    relay.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              void forward() {}
            }
            """)
        .doTest();
  }

  @Test
  void aDefaultHandlerThatOnlyLogs() {
    helper
        .addSourceLines(
            "Service.java",
            """
            class Service {
              private final Thread poller = new Thread(this::poll, "poller");
              void start() {
                Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> failure.printStackTrace());
                poller.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  poller.interrupt();
                  try {
                    poller.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              void poll() {}
            }
            """)
        .doTest();
  }

  @Test
  void threadsTheHookJoinsThatEndWithoutExiting() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            class Worker {
              private volatile boolean running = true;
              private final Thread loop = new Thread(() -> {
                while (running) {
                  step();
                }
              });
              private final Thread reporter = new Thread(() -> System.exit(2)); // not joined
              Worker() {
                // The handler logs, or halts (no hooks run, so nothing waits for it).
                loop.setUncaughtExceptionHandler((thread, failure) -> failure.printStackTrace());
                Thread other = new Thread(() -> {});
                other.setUncaughtExceptionHandler((thread, failure) -> Runtime.getRuntime().halt(1));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  running = false;
                  try {
                    loop.join();
                    other.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              void step() {}
            }
            """)
        .doTest();
  }

  @Test
  void aFactorysOtherThreadMayExit() {
    helper
        .addSourceLines(
            "Supervised.java",
            """
            class Supervised {
              private Thread worker;
              void start() {
                worker = newWorker();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  worker.interrupt();
                  try {
                    worker.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              private Thread newWorker() {
                Thread watchdog = new Thread(() -> System.exit(1)); // not the thread returned
                watchdog.setDaemon(true);
                Thread made = new Thread(this::work);
                made.setUncaughtExceptionHandler((t, failure) -> failure.printStackTrace());
                made.start();
                return made;
              }
              private void work() {}
            }
            """)
        .doTest();
  }

  @Test
  void exitsThatDoNotRunOnTheJoinedThread() {
    helper
        .addSourceLines(
            "Launcher.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Launcher {
              public static void main(String[] args) throws Exception {
                ExecutorService watchdogs = Executors.newSingleThreadExecutor();
                Thread mainThread = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    mainThread.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
                // Run by other threads: the main thread goes on, ends, and the hook's join returns.
                watchdogs.submit(() -> System.exit(1));
                new Thread(() -> System.exit(1)).start();
                Runnable later = new Runnable() {
                  @Override public void run() { System.exit(1); }
                };
                serve();
                watchdogs.shutdown();
              }
              static void serve() {}
            }
            """)
        .doTest();
  }

  @Test
  void joinsWithATimeoutEndTheWait() {
    helper
        .addSourceLines(
            "Daemon.java",
            """
            class Daemon {
              public static void main(String[] args) {
                Thread mainThread = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    mainThread.join(5_000); // the hook gives up after 5 s, and the exit completes
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
                try {
                  serve();
                } catch (RuntimeException e) {
                  System.exit(1);
                }
              }
              static void serve() {}
            }
            """)
        .doTest();
  }

  @Test
  void exitOnAJoinedThreadSuppressedWhereItIsWritten() {
    helper
        .addSourceLines(
            "Tool.java",
            """
            class Tool {
              @SuppressWarnings("ExitInShutdownHook")
              public static void main(String[] args) {
                Thread mainThread = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    mainThread.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
                System.exit(0);
              }
            }
            """)
        .doTest();
  }

  @Test
  void oddShapesOfJoinedThreads() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.function.Supplier;
            class Odd {
              private final Thread[] workers = new Thread[2];
              private Thread spare;
              private Thread chosen;
              Odd(boolean twice, Supplier<Thread> threads) {
                workers[0] = new Thread(this::work);
                workers[1] = again(3);
                chosen = twice ? workers[0] : threads.get();
                spare = (Thread) threads.get();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    for (Thread worker : workers) {
                      worker.join();
                    }
                    chosen.join();
                    spare.join();
                    threads.get().join();
                    Thread.currentThread().join(1);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
              private Thread again(int times) {
                return times == 0 ? new Thread(this::work) : again(times - 1);
              }
              private void work() {}
            }
            """)
        .doTest();
  }

  @Test
  void exitingHandlerSetOnAThreadWhoseOwnHookJoinsIt() {
    // Secor as released with upload-on-shutdown (PR 481, fixed by PR 593): each consumer thread
    // registered a hook that joined the consumer itself, and the main class gave the consumers an
    // uncaught-exception handler that exited; a crashing consumer hung the JVM in exit().
    helper
        .addSourceLines(
            "Consumer.java",
            """
            class Consumer extends Thread {
              private volatile boolean shuttingDown;
              private void init() {
                Runtime.getRuntime().addShutdownHook(this.new FinalUpload());
              }
              private class FinalUpload extends Thread {
                @Override public void run() {
                  shuttingDown = true;
                  try {
                    Consumer.this.join();
                  } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                  }
                }
              }
              @Override public void run() {
                init();
                while (!shuttingDown) {
                  consume();
                }
              }
              private void consume() {}
            }
            """)
        .addSourceLines(
            "ConsumerMain.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class ConsumerMain {
              static void run(int threads) throws InterruptedException {
                Thread.UncaughtExceptionHandler handler = new Thread.UncaughtExceptionHandler() {
                  @Override public void uncaughtException(Thread thread, Throwable failure) {
                    // BUG: Diagnostic contains: Consumer's shutdown hook waits for that thread with Consumer.this.join()
                    System.exit(1);
                  }
                };
                List<Consumer> consumers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                  Consumer consumer = new Consumer();
                  consumer.setUncaughtExceptionHandler(handler);
                  consumer.start();
                  consumers.add(consumer);
                }
                for (Consumer consumer : consumers) {
                  consumer.join();
                }
              }
              static void runOne() {
                Consumer consumer = new Consumer();
                consumer.setUncaughtExceptionHandler(
                    // BUG: Diagnostic contains: Consumer thread whose uncaught-exception handler it is
                    (thread, failure) -> System.exit(2));
                consumer.start();
              }
            }
            """)
                .addSourceLines(
            "Uploader.java",
            """
            // Sets its own handler: the same deadlock with both halves in one class.
            class Uploader extends Thread {
              Uploader() {
                setUncaughtExceptionHandler(
                    // BUG: Diagnostic contains: Uploader's shutdown hook waits for that thread with Uploader.this.join()
                    (thread, failure) -> System.exit(3));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    Uploader.this.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitingHandlersOnThreadsThatNoHookOfTheirOwnJoinsForever() {
    helper
        .addSourceLines(
            "BoundedConsumer.java",
            """
            // Its hook waits for it at most ten seconds: exit() is delayed, not hung.
            class BoundedConsumer extends Thread {
              void init() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    BoundedConsumer.this.join(10_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
            }
            """)
        .addSourceLines(
            "OtherJoiner.java",
            """
            // Its hook joins another thread, not itself.
            class OtherJoiner extends Thread {
              private final Thread flusher = new Thread(() -> {});
              void init() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    flusher.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
            }
            """)
        .addSourceLines(
            "PlainWorker.java",
            """
            class PlainWorker extends Thread {
              @Override public void run() {}
            }
            """)
        .addSourceLines(
            "Main.java",
            """
            class Main {
              static void start(Thread.UncaughtExceptionHandler logOnly) {
                BoundedConsumer bounded = new BoundedConsumer();
                bounded.setUncaughtExceptionHandler((t, e) -> System.exit(1));
                OtherJoiner other = new OtherJoiner();
                other.setUncaughtExceptionHandler((t, e) -> System.exit(1));
                PlainWorker plain = new PlainWorker();
                plain.setUncaughtExceptionHandler((t, e) -> System.exit(1));
                Thread thread = new Thread(() -> {});
                thread.setUncaughtExceptionHandler((t, e) -> System.exit(1));
              }
              static void startLogging() {
                Consumer consumer = new Consumer();
                // A handler that only logs: the thread dies, the hook's join returns.
                consumer.setUncaughtExceptionHandler((t, e) -> System.err.println(e));
              }
            }
            """)
        .addSourceLines(
            "Consumer.java",
            """
            class Consumer extends Thread {
              void init() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    Consumer.this.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
            }
            """)
        .doTest();
  }
}
