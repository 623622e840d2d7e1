package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Threads and files belong to the whole JVM: with parallel execution, a watched class runs alone. */
class IsolationTest {

  static CountDownLatch watchedStarted;
  static volatile boolean otherRunning;
  static volatile boolean watchedSawOther;

  @VerifyShutdown
  static class Watched {
    @Test
    void test() throws InterruptedException {
      watchedStarted.countDown();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
      while (System.nanoTime() < end) {
        watchedSawOther |= otherRunning;
        Thread.sleep(10);
      }
    }
  }

  /** Runs until Watched starts, or 5 s: run at the same time, they would overlap. */
  static class Other {
    @Test
    void test() throws InterruptedException {
      otherRunning = true;
      watchedStarted.await(5, TimeUnit.SECONDS);
      Thread.sleep(100);
      otherRunning = false;
    }
  }

  @Test
  void noOtherTestRunsWhileAWatchedClassRuns() {
    watchedStarted = new CountDownLatch(1);
    watchedSawOther = false;
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .selectors(selectClass(Other.class), selectClass(Watched.class))
        .execute();

    assertEquals(List.of(), TestKit.failures(results));
    assertEquals(2, results.testEvents().succeeded().count());
    assertFalse(watchedSawOther, "Other ran while Watched did");
  }
}
