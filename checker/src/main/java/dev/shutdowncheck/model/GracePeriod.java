package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How long the platform lets a process shut down before it kills it: the {@code
 * -XepOpt:ShutdownCheck:GracePeriod} flag, as a duration ({@code 45s}, {@code 2m}, {@code 1500ms})
 * or the name of a platform, whose default is taken from its own documentation.
 */
public final class GracePeriod {

  public static final String FLAG = ShutdownCheckOptions.PREFIX + "GracePeriod";

  /** Kubernetes' default {@code terminationGracePeriodSeconds}, and Spring Boot's per phase. */
  public static final Duration DEFAULT = Duration.ofSeconds(30);

  /**
   * The platforms' defaults, from their documentation: Kubernetes, "Pod Lifecycle: termination of
   * Pods" ({@code terminationGracePeriodSeconds}, 30); Amazon ECS, the container definition's
   * {@code stopTimeout} and the agent's {@code ECS_CONTAINER_STOP_TIMEOUT} (30 s); Docker, {@code
   * docker stop --time} (10 s); Cloud Run, the container runtime contract (SIGKILL 10 s after
   * SIGTERM); systemd, {@code DefaultTimeoutStopSec=} in systemd-system.conf (90 s); AWS Lambda, the
   * Extensions API's shutdown phase (2,000 ms for the runtime and its extensions together).
   */
  private static final ImmutableMap<String, Duration> PLATFORMS =
      ImmutableMap.<String, Duration>builder()
          .put("kubernetes", Duration.ofSeconds(30))
          .put("ecs", Duration.ofSeconds(30))
          .put("docker", Duration.ofSeconds(10))
          .put("cloudrun", Duration.ofSeconds(10))
          .put("systemd", Duration.ofSeconds(90))
          .put("lambda", Duration.ofSeconds(2))
          .buildOrThrow();

  private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private GracePeriod() {}

  /** Parses the flag's value; throws with a message naming the flag and its forms if malformed. */
  public static Duration parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Duration platform = PLATFORMS.get(text);
    if (platform != null) {
      return platform;
    }
    Matcher amount = AMOUNT.matcher(text);
    if (amount.matches()) {
      long number = Long.parseLong(amount.group(1));
      Duration parsed =
          switch (amount.group(2)) {
            case "ms" -> Duration.ofMillis(number);
            case "s" -> Duration.ofSeconds(number);
            case "m" -> Duration.ofMinutes(number);
            default -> Duration.ofHours(number);
          };
      if (!parsed.isZero()) {
        return parsed;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            "-XepOpt:%s has a malformed value '%s'; expected a duration greater than zero such as"
                + " 30s, 2m or 1500ms, or a platform: %s",
            FLAG, value, platforms()));
  }

  /** The platform names with their grace periods, as the error message and the docs list them. */
  static String platforms() {
    return PLATFORMS.entrySet().stream()
        .map(e -> e.getKey() + " (" + describe(e.getValue()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** {@code 30 s}, {@code 1.5 s}, {@code 250 ms}: how a duration is written in messages. */
  public static String describe(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis % 1000 == 0) {
      return (millis / 1000) + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
