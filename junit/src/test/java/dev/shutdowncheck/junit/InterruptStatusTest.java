package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A test that leaves its thread's interrupt status set fails, and the flag is cleared. */
class InterruptStatusTest {

  @VerifyShutdown
  static class LeavesInterruptSet {
    @Test
    void test() {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anInterruptLeftSetIsReportedAndCleared() {
    String message = TestKit.failureOf(LeavesInterruptSet.class);

    assertTrue(message.contains("  1. the test thread's interrupt status was left set: an interrupt"
        + " nobody acted on (shutdown-check cleared it)"), message);
    assertTrue(!Thread.currentThread().isInterrupted());
  }

  @VerifyShutdown
  static class HandlesItsInterrupt {
    @Test
    void test() {
      Thread.currentThread().interrupt();
      Thread.interrupted();
    }
  }

  @Test
  void anInterruptTheTestHandledPasses() {
    TestKit.assertPasses(HandlesItsInterrupt.class);
  }
}
