package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Durations, system properties, warn-only mode, and the errors that name a misconfiguration. */
class SettingsTest {

  @Test
  void durationsAreWrittenInMillisecondsSecondsOrMinutes() {
    assertEquals(Duration.ofMillis(1500), Durations.parse("1500ms", "budget"));
    assertEquals(Duration.ofSeconds(30), Durations.parse(" 30s ", "budget"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m", "budget"));
    assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    assertEquals("850 ms", Durations.formatElapsed(850_000_000L));
    assertEquals("2.31 s", Durations.formatElapsed(2_310_000_000L));
  }

  @Test
  void aMalformedDurationNamesWhereItCameFromAndHowToWriteIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("30 seconds", "-Dshutdowncheck.budget"));
    assertEquals("-Dshutdowncheck.budget: \"30 seconds\" is not a duration; write it as 30s, 1500ms or 2m", e.getMessage());
  }

  @VerifyShutdown(budget = "thirty seconds")
  static class MalformedBudget {
    @Test
    void test() {}
  }

  @Test
  void aMalformedAttributeFailsTheTestWithOneClearMessage() {
    String message = TestKit.failureOf(MalformedBudget.class);
    assertEquals("ExtensionConfigurationException: shutdown-check: @VerifyShutdown(budget): \"thirty seconds\""
        + " is not a duration; write it as 30s, 1500ms or 2m", message);
  }

  @VerifyShutdown(ignoreThreads = "worker-[")
  static class MalformedFilter {
    @Test
    void test() {}
  }

  @Test
  void aMalformedFilterNamesTheAttribute() {
    String message = TestKit.failureOf(MalformedFilter.class);
    assertTrue(message.startsWith("ExtensionConfigurationException: shutdown-check: @VerifyShutdown(ignoreThreads):"
        + " \"worker-[\" is not a regular expression: "), message);
  }

  @VerifyShutdown
  static class StaticField {
    @ShutdownUnderTest static AutoCloseable shared = () -> {};

    @Test
    void test() {}
  }

  @Test
  void aStaticFieldIsRefusedBecauseTheNextTestWouldFindItStopped() {
    String message = TestKit.failureOf(StaticField.class);
    assertEquals("ExtensionConfigurationException: shutdown-check: @ShutdownUnderTest StaticField.shared is static: it would be"
        + " stopped after the first test and broken for the next; make it an instance field", message);
  }

  @VerifyShutdown
  static class FieldOfAnotherType {
    @ShutdownUnderTest StringBuilder server = new StringBuilder();

    @Test
    void test() {}
  }

  @Test
  void aFieldOfATypeItCannotStopSaysWhatToDoInstead() {
    String message = TestKit.failureOf(FieldOfAnotherType.class);
    assertEquals("ExtensionConfigurationException: shutdown-check: @ShutdownUnderTest FieldOfAnotherType.server is a"
        + " java.lang.StringBuilder: it must be an AutoCloseable, an ExecutorService or a Thread; register"
        + " anything else with ShutdownVerifier.register(component, stop)", message);
  }

  @Test
  void registeringOutsideATestSaysHowToRegisterTheExtension() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ShutdownVerifier().register("server", () -> {}));
    assertTrue(e.getMessage().startsWith("ShutdownVerifier.register works on the test's own thread"), e.getMessage());
  }

  static class LeaksWithWarnOnly {
    @RegisterExtension final ShutdownVerifier shutdown = new ShutdownVerifier();

    @Test
    void test() {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void warnOnlyModeReportsWithoutFailing() {
    System.setProperty(Settings.WARN_ONLY_PROPERTY, "true");
    try {
      EngineExecutionResults results = TestKit.run(LeaksWithWarnOnly.class);

      assertEquals(List.of(), TestKit.failures(results));
      List<String> entries = results.allEvents().reportingEntryPublished().stream()
          .map(event -> event.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow())
          .map(entry -> entry.getKeyValuePairs().get("shutdown-check"))
          .collect(java.util.stream.Collectors.toList());
      assertEquals(1, entries.size(), entries.toString());
      assertTrue(entries.get(0).contains("interrupt status was left set"), entries.get(0));
    } finally {
      System.clearProperty(Settings.WARN_ONLY_PROPERTY);
    }
  }
}
