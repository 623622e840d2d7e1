package dev.shutdowncheck.junit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;

/**
 * Something a test wants stopped after it: a name for the report, the object itself where there
 * is one (its fields are searched for executors), and how to stop it. A stop may wait without end:
 * {@link Stopper} gives it the budget, then interrupts it.
 */
record Registration(String name, Object component, Executable stop) {

  /** How a field's value of one of the types {@link ShutdownUnderTest} takes is stopped. */
  static Registration ofValue(String name, Object value) {
    if (value instanceof ExecutorService) {
      ExecutorService executor = (ExecutorService) value;
      return new Registration(name, value, () -> {
        executor.shutdown();
        while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
          // Until it terminates or Stopper interrupts this wait at the end of the budget.
        }
      });
    }
    if (value instanceof Thread) {
      Thread thread = (Thread) value;
      return new Registration(name, value, () -> {
        thread.interrupt();
        thread.join();
      });
    }
    AutoCloseable closeable = (AutoCloseable) value;
    return new Registration(name, value, closeable::close);
  }

  /** Whether {@link #ofValue} can stop a value of this declared type. */
  static boolean canStop(Class<?> type) {
    return ExecutorService.class.isAssignableFrom(type)
        || Thread.class.isAssignableFrom(type)
        || AutoCloseable.class.isAssignableFrom(type);
  }
}
