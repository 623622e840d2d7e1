package dev.shutdowncheck.junit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one registration's stop on a thread of its own and waits for it no longer than the budget,
 * so that a stop that hangs costs the budget and no more, and the stops after it still run.
 */
final class Stopper {

  private Stopper() {}

  static void stop(Registration registration, Duration budget, Report report) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread stopping = new Thread(() -> {
      try {
        registration.stop().execute();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, LiveThreads.OWN_PREFIX + "stopping " + registration.name());
    stopping.setDaemon(true);
    long start = System.nanoTime();
    stopping.start();
    stopping.join(Math.max(1, budget.toMillis()));
    String took = Durations.formatElapsed(System.nanoTime() - start);
    String limit = "the budget of " + Durations.format(budget);
    if (stopping.isAlive()) {
      StackTraceElement[] stuckAt = stopping.getStackTrace();
      stopping.interrupt();
      report.add(Report.Kind.STOP,
          registration.name() + " did not stop within " + limit + " (waited " + took + "); it was at:"
              + Stacks.format(stuckAt, Stacks.FRAMES));
    } else if (failure.get() != null) {
      report.add(Report.Kind.STOP,
          registration.name() + " threw while stopping, after " + took + " of " + limit + ": "
              + Stacks.format(failure.get()));
    }
  }
}
