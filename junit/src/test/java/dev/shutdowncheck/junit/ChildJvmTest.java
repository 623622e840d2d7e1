package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutdowncheck.junit.child.Mains;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to real child JVMs. The class verifies its own shutdown too: the helper leaves no
 * thread and no pipe behind, whatever way the child ended.
 */
@VerifyShutdown
class ChildJvmTest {

  @Test
  void aChildThatRunsItsHooksAndExitsOnSigtermPassesAndTheHooksOutputComesBack() throws Exception {
    ChildJvm.Exit exit = ChildJvm.forMain(Mains.Clean.class)
        .readyWhenOutputContains("ready to serve")
        .budget("20s")
        .sigtermWhenReady();

    assertEquals(143, exit.code());
    assertEquals(List.of("ready to serve", "drained 3 requests"), exit.output());
    assertEquals(List.of("drained 3 requests"), exit.outputAfterSigterm());
  }

  @Test
  void readinessCanBeAPortThatAcceptsConnectionsAndWorkCanBeSentBeforeSigterm() throws Exception {
    int port = freePort();
    StringBuilder answered = new StringBuilder();

    ChildJvm.Exit exit = ChildJvm.forMain(Class.forName("dev.shutdowncheck.junit.child.Mains$Listening"))
        .arguments(String.valueOf(port))
        .readyWhenListeningOn(port)
        .onceReady(() -> {
          try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
              InputStream in = socket.getInputStream()) {
            answered.append(in.read() == '\n' ? "answered" : "not answered");
          }
        })
        .budget("20s")
        .sigtermWhenReady();

    assertEquals("answered", answered.toString());
    assertEquals(List.of("stopped listening"), exit.outputAfterSigterm());
  }

  @Test
  void aChildThatHangsIsKilledAndTheTestFailsWithItsThreads() {
    AssertionError failure = assertThrows(AssertionError.class, () -> ChildJvm.forMain(Mains.ExitInHook.class)
        .readyWhenOutputContains("ready")
        .budget("2s")
        .sigtermWhenReady());

    String message = failure.getMessage();
    assertTrue(message.startsWith("ExitInHook (in a child JVM) did not exit within the budget of 2s after"
        + " SIGTERM, so it was killed (SIGKILL). Its threads at the deadline:\n"), message);
    assertTrue(message.contains("\"exiting-hook\" BLOCKED on java.lang.Class@"), message);
    assertTrue(message.contains("\n  at java.lang.Shutdown.exit(Shutdown.java:"), message);
    assertTrue(message.contains("\n  at java.lang.System.exit(System.java:"), message);
    assertTrue(message.contains("\n  at dev.shutdowncheck.junit.child.Mains$ExitInHook.lambda$main$0(Mains.java:"), message);
    assertTrue(message.endsWith("Its output after SIGTERM:\n  stopping"), message);
  }

  @Test
  void anAbnormalExitCodeFailsTheTest() {
    AssertionError failure = assertThrows(AssertionError.class, () -> ChildJvm.forMain(Mains.HaltsInHook.class)
        .readyWhenOutputContains("ready")
        .budget("20s")
        .sigtermWhenReady());

    assertEquals("HaltsInHook (in a child JVM) exited with code 3 after SIGTERM, not with 0 or 143 (143 is"
        + " 128 + 15: the JVM ran its shutdown hooks on SIGTERM). Its output after SIGTERM: (none)", failure.getMessage());
  }

  @Test
  void aChildThatDiesWhileStartingFailsWithItsOutput() {
    AssertionError failure = assertThrows(AssertionError.class, () -> ChildJvm.forMain(Mains.FailsToStart.class)
        .readyWhenOutputContains("ready")
        .sigtermWhenReady());

    String message = failure.getMessage();
    assertTrue(message.startsWith("FailsToStart (in a child JVM) exited with code 1 before it was ready (waiting"
        + " for a line of its output containing \"ready\"); its output:\n"
        + "  Exception in thread \"main\" java.lang.IllegalStateException: no configuration\n"), message);
  }

  @Test
  void aChildThatNeverGetsReadyIsKilledAtTheStartupTimeoutWithItsThreads() {
    AssertionError failure = assertThrows(AssertionError.class, () -> ChildJvm.forMain(Mains.NeverReady.class)
        .readyWhenOutputContains("ready")
        .startupTimeout("2s")
        .sigtermWhenReady());

    String message = failure.getMessage();
    assertTrue(message.startsWith("NeverReady (in a child JVM) was not ready within 2s (waiting for a line of its"
        + " output containing \"ready\"), so it was killed. Its threads then:\n"), message);
    assertTrue(message.contains("\"main\" WAITING on java.util.concurrent.CountDownLatch$Sync@"), message);
    assertTrue(message.contains("\n  at dev.shutdowncheck.junit.child.Mains$NeverReady.main(Mains.java:"), message);
  }

  @Test
  void withoutAWayToKnowItIsReadyItRefusesToStart() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChildJvm.forMain(Mains.Clean.class).sigtermWhenReady());
    assertEquals("ChildJvm: say when Clean is ready: readyWhenOutputContains or readyWhenListeningOn", e.getMessage());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
