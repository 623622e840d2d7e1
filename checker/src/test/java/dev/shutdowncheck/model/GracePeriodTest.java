package dev.shutdowncheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.ErrorProneFlags;
import dev.shutdowncheck.checks.ExecutorNeverShutdown;
import dev.shutdowncheck.findings.ConfigurationErrorTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GracePeriodTest {

  @Test
  void durationsInSecondsMinutesAndMilliseconds() {
    assertEquals(Duration.ofSeconds(45), GracePeriod.parse("45s"));
    assertEquals(Duration.ofMinutes(2), GracePeriod.parse("2m"));
    assertEquals(Duration.ofMillis(1500), GracePeriod.parse(" 1500ms "));
    assertEquals(Duration.ofHours(1), GracePeriod.parse("1h"));
  }

  @Test
  void platformNamesStandForTheirDefaults() {
    assertEquals(Duration.ofSeconds(30), GracePeriod.parse("kubernetes"));
    assertEquals(Duration.ofSeconds(30), GracePeriod.parse("ECS"));
    assertEquals(Duration.ofSeconds(10), GracePeriod.parse("docker"));
    assertEquals(Duration.ofSeconds(10), GracePeriod.parse("cloudrun"));
    assertEquals(Duration.ofSeconds(90), GracePeriod.parse("systemd"));
    assertEquals(Duration.ofSeconds(2), GracePeriod.parse("lambda"));
  }

  @Test
  void defaultIsThirtySecondsAndTheFlagSetsIt() {
    assertEquals(Duration.ofSeconds(30), ShutdownCheckOptions.from(ErrorProneFlags.empty()).gracePeriod());
    assertEquals(
        Duration.ofSeconds(10),
        ShutdownCheckOptions.from(ErrorProneFlags.fromMap(Map.of("ShutdownCheck:GracePeriod", "docker")))
            .gracePeriod());
    assertEquals(
        Duration.ofSeconds(90),
        LifecycleModel.from(ErrorProneFlags.fromMap(Map.of("ShutdownCheck:GracePeriod", "90s"))).gracePeriod());
  }

  @Test
  void malformedValuesNameTheFlagAndTheForms() {
    for (String malformed : new String[] {"30", "30 s", "0s", "-5s", "thirty", "heroku", "1.5s", ""}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> GracePeriod.parse(malformed), malformed);
      assertTrue(error.getMessage().contains("-XepOpt:ShutdownCheck:GracePeriod"), error.getMessage());
      assertTrue(error.getMessage().contains("'" + malformed + "'"), error.getMessage());
      assertTrue(error.getMessage().contains("30s, 2m or 1500ms"), error.getMessage());
      assertTrue(error.getMessage().contains("kubernetes (30 s)"), error.getMessage());
      assertTrue(error.getMessage().contains("lambda (2 s)"), error.getMessage());
    }
  }

  @Test
  void malformedFlagFailsTheCompilationWithOnePlainError() {
    ConfigurationErrorTest.assertOnePlainError(
        "-XepOpt:ShutdownCheck:GracePeriod=30",
        "-XepOpt:ShutdownCheck:GracePeriod has a malformed value '30'; expected a duration greater"
            + " than zero such as 30s, 2m or 1500ms, or a platform: "
            + GracePeriod.platforms(),
        ExecutorNeverShutdown.class);
  }

  @Test
  void durationsAreWrittenForPeople() {
    assertEquals("250 ms", GracePeriod.describe(Duration.ofMillis(250)));
    assertEquals("20 s", GracePeriod.describe(Duration.ofSeconds(20)));
    assertEquals("1.5 s", GracePeriod.describe(Duration.ofMillis(1500)));
  }
}
