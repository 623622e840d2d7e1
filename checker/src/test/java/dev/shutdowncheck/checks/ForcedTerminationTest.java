package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ForcedTerminationTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ForcedTermination.class, getClass());

  @Test
  void haltIsForced() {
    helper
        .addSourceLines(
            "Main.java",
            """
            class Main {
              void emergency() {
                // BUG: Diagnostic contains: Runtime.halt() stops the JVM at once
                Runtime.getRuntime().halt(1);
              }
            }
            """)
        .doTest();
  }

  @Test
  void destroyForciblyWithoutAskingFirst() {
    helper
        .addSourceLines(
            "Workers.java",
            """
            import java.util.concurrent.TimeUnit;
            class Workers {
              void stop(Process process) throws InterruptedException {
                // BUG: Diagnostic contains: destroyForcibly() kills the process
                process.destroyForcibly();
              }
              // The usual "run a command with a timeout" helper: it never asks the process to stop.
              void runWithTimeout(Process process) throws InterruptedException {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                  // BUG: Diagnostic contains: destroy() and wait a bounded time
                  process.destroyForcibly();
                }
              }
              // destroy() without a bounded wait gives the process no time to exit.
              void noWait(Process process) {
                process.destroy();
                // BUG: Diagnostic contains: destroyForcibly()
                process.destroyForcibly();
              }
              void handle(ProcessHandle handle) {
                // BUG: Diagnostic contains: destroyForcibly()
                handle.destroyForcibly();
              }
              void children(ProcessHandle handle) {
                // BUG: Diagnostic contains: destroyForcibly()
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
              }
            }
            """)
        .doTest();
  }

  @Test
  void httpServerStopWithoutDrainTime() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import com.sun.net.httpserver.HttpServer;
            class Server {
              private static final int NO_DELAY = 0;
              private final HttpServer server;
              Server(HttpServer server) { this.server = server; }
              void close() {
                // BUG: Diagnostic contains: HttpServer.stop(0)
                server.stop(0);
              }
              void closeNow() {
                // BUG: Diagnostic contains: HttpServer.stop(0)
                server.stop(NO_DELAY);
              }
            }
            """)
        .doTest();
  }

  @Test
  void gracefulStopThenForce() {
    helper
        .addSourceLines(
            "Supervisor.java",
            """
            import java.util.concurrent.TimeUnit;
            class Supervisor {
              // The documented escalation: ask, wait with a deadline, then force.
              void stop(Process process) throws InterruptedException {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                  process.destroyForcibly();
                }
              }
              void stopHandle(ProcessHandle handle) throws Exception {
                handle.destroy();
                try {
                  handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                  handle.destroyForcibly();
                }
              }
              void stopAsync(Process process) {
                process.destroy();
                process.onExit()
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> process.destroyForcibly());
              }
              void stopChildren(ProcessHandle parent) throws Exception {
                parent.descendants().forEach(ProcessHandle::destroy);
                parent.onExit().get(5, TimeUnit.SECONDS);
                parent.descendants().forEach(ProcessHandle::destroyForcibly);
              }
            }
            """)
        .doTest();
  }

  @Test
  void otherStopsAndLookalikes() {
    helper
        .addSourceLines(
            "Lookalikes.java",
            """
            import com.sun.net.httpserver.HttpServer;
            class Lookalikes {
              // A drain time lets in-flight exchanges finish.
              void close(HttpServer server, int grace) {
                server.stop(5);
                server.stop(grace);
              }
              // Our own halt() is not Runtime.halt().
              void halt() {}
              void useOwn() { halt(); }
              // Exiting normally runs the shutdown hooks.
              void exit() { System.exit(0); }
              // Only asking is graceful.
              void ask(Process process) { process.destroy(); }
              static class Machine {
                void destroyForcibly() {}
              }
              void machine(Machine m) { m.destroyForcibly(); }
              // A process that is not ours to wait for: its handle is destroyed gracefully.
              void parent() { ProcessHandle.current().parent().ifPresent(ProcessHandle::destroy); }
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
            class Watchdog {
              @SuppressWarnings("ForcedTermination") // the last resort after the grace period
              void expire() {
                Runtime.getRuntime().halt(2);
              }
            }
            """)
        .doTest();
  }

  /**
   * The rule reads the calls of a whole top-level class at once, so each suppression around a call
   * counts: on a local variable, a field, a nested class, an outer class; a sibling still reports.
   */
  @Test
  void suppressedAtEveryDeclarationAroundTheCall() {
    helper
        .addSourceLines(
            "Supervisor.java",
            """
            class Supervisor {
              @SuppressWarnings("ForcedTermination")
              private final Runnable lastResort = () -> Runtime.getRuntime().halt(3);

              // javac gives the locals of a field's lambda a method of its own, not the field
              @SuppressWarnings("ForcedTermination")
              private final Runnable watchdog =
                  () -> {
                    Runnable kill = () -> Runtime.getRuntime().halt(4);
                    kill.run();
                  };

              void expire() {
                @SuppressWarnings("ForcedTermination") // after the grace period
                Runnable kill = () -> Runtime.getRuntime().halt(2);
                kill.run();
              }

              @SuppressWarnings("ForcedTermination")
              static class Watchdog {
                void expire() {
                  Runtime.getRuntime().halt(2);
                }

                class Inner {
                  void expire() {
                    Runtime.getRuntime().halt(2);
                  }
                }
              }

              static class Other {
                void expire() {
                  // BUG: Diagnostic contains: Runtime.halt()
                  Runtime.getRuntime().halt(2);
                }
              }
            }
            """)
        .doTest();
  }
}
