package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a test's components are stopped: newest first, each within the budget, failures reported. */
class StopTest {

  /** Records the order in which things are stopped. */
  static final List<String> STOPPED = new CopyOnWriteArrayList<>();

  /** Takes its time to close. */
  static final class SlowToClose implements AutoCloseable {
    private final long millis;

    SlowToClose(long millis) {
      this.millis = millis;
    }

    @Override
    public void close() throws InterruptedException {
      Thread.sleep(millis);
      STOPPED.add("slow");
    }
  }

  @VerifyShutdown(budget = "300ms")
  static class OverBudget {
    @ShutdownUnderTest SlowToClose slow = new SlowToClose(5_000);
    @ShutdownUnderTest AutoCloseable first = () -> STOPPED.add("first");

    @Test
    void test() {}
  }

  @Test
  void aStopThatOutlastsTheBudgetIsReportedWithTheBudgetTheTimeAndWhereItWas() {
    STOPPED.clear();
    String message = TestKit.failureOf(OverBudget.class);

    assertTrue(message.contains("  1. slow did not stop within the budget of 300ms (waited 3"), message);
    assertTrue(message.contains("; it was at:\n       at java.lang.Thread.sleep"), message);
    assertTrue(message.contains("\n       at dev.shutdowncheck.junit.StopTest$SlowToClose.close(StopTest.java:"), message);
    assertEquals(List.of("first"), STOPPED, "the stops after a slow one still run, and it was interrupted");
  }

  @VerifyShutdown(budget = "10s")
  static class WithinBudget {
    @ShutdownUnderTest SlowToClose slow = new SlowToClose(200);

    @Test
    void test() {}
  }

  @Test
  void aStopWithinTheBudgetPasses() {
    STOPPED.clear();
    TestKit.assertPasses(WithinBudget.class);
    assertEquals(List.of("slow"), STOPPED);
  }

  static class BudgetFromTheSystemProperty {
    @RegisterExtension final ShutdownVerifier shutdown = new ShutdownVerifier();

    @Test
    void test() {
      shutdown.register(new SlowToClose(5_000));
    }
  }

  @Test
  void theSystemPropertySetsTheBudgetWhereTheClassDoesNot() {
    System.setProperty(Settings.BUDGET_PROPERTY, "250ms");
    try {
      String message = TestKit.failureOf(BudgetFromTheSystemProperty.class);
      assertTrue(message.contains("  1. SlowToClose did not stop within the budget of 250ms (waited "), message);
    } finally {
      System.clearProperty(Settings.BUDGET_PROPERTY);
    }
  }

  @VerifyShutdown(budget = "5s")
  static class ThrowsWhileStopping {
    @ShutdownUnderTest AutoCloseable log = () -> {
      throw new IOException("disk full");
    };
    @ShutdownUnderTest AutoCloseable cache = () -> STOPPED.add("cache");

    @Test
    void test() {}
  }

  @Test
  void aStopThatThrowsIsReportedAndTheOthersStillRun() {
    STOPPED.clear();
    String message = TestKit.failureOf(ThrowsWhileStopping.class);

    assertTrue(message.contains("  1. log threw while stopping, after "), message);
    assertTrue(message.contains(" of the budget of 5s: java.io.IOException: disk full\n"
        + "       at dev.shutdowncheck.junit.StopTest$ThrowsWhileStopping.lambda$new$0(StopTest.java:"), message);
    assertEquals(List.of("cache"), STOPPED);
  }

  @VerifyShutdown
  static class StopsNewestFirst {
    @RegisterExtension final ShutdownVerifier shutdown = new ShutdownVerifier();
    @ShutdownUnderTest AutoCloseable declaredFirst = () -> STOPPED.add("field declared first");
    @ShutdownUnderTest AutoCloseable declaredSecond = () -> STOPPED.add("field declared second");
    @ShutdownUnderTest Thread worker = new Thread(ThreadLeakTest.LeakyWorker::sleepUntilInterrupted, "field-thread");

    @Test
    void test() {
      worker.start();
      shutdown.register("registered first", () -> STOPPED.add("registered first"));
      shutdown.register(new StringBuilder("registered second"), builder -> STOPPED.add(builder.toString()));
    }
  }

  @Test
  void componentsAreStoppedNewestFirstOnceEvenWithTheAnnotationAndARegisteredExtension() {
    STOPPED.clear();
    TestKit.assertPasses(StopsNewestFirst.class);

    assertEquals(
        List.of("registered second", "registered first", "field declared second", "field declared first"),
        STOPPED);
  }
}
