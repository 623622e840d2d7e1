package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs a test class that uses the extension (a nested class of a test, which JUnit and Surefire
 * do not run by themselves) and reads how its tests ended.
 */
final class TestKit {

  private TestKit() {}

  static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  /** The failure message of the one test of {@code testClass}, which must fail. */
  static String failureOf(Class<?> testClass) {
    List<String> failures = failures(run(testClass));
    assertEquals(1, failures.size(), () -> testClass.getSimpleName() + " should fail once: " + failures);
    return failures.get(0);
  }

  /** Every test of {@code testClass} passes. */
  static void assertPasses(Class<?> testClass) {
    EngineExecutionResults results = run(testClass);
    List<String> failures = failures(results);
    assertTrue(failures.isEmpty(), () -> testClass.getSimpleName() + " should pass: " + failures);
    assertTrue(results.testEvents().succeeded().count() > 0, () -> testClass.getSimpleName() + " ran no test");
  }

  static List<String> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(TestKit::message)
        .collect(Collectors.toList());
  }

  private static String message(Event event) {
    return event.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(thrown -> thrown.getClass().getSimpleName() + ": " + thrown.getMessage())
        .orElse("(no exception)");
  }
}
