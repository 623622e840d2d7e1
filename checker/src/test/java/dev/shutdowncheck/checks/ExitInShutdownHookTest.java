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
}
