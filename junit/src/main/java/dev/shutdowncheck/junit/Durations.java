package dev.shutdowncheck.junit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in annotations and system properties: 30s, 1500ms, 2m. */
final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

  private Durations() {}

  /** The duration {@code text} names; {@code where} says in the error what gave the text. */
  static Duration parse(String text, String where) {
    Matcher form = FORM.matcher(text.trim());
    if (!form.matches()) {
      throw new IllegalArgumentException(
          where + ": \"" + text + "\" is not a duration; write it as 30s, 1500ms or 2m");
    }
    long amount = Long.parseLong(form.group(1));
    switch (form.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      default:
        return Duration.ofMinutes(amount);
    }
  }

  /** A configured duration, the way it would be written: 30s, 1500ms. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /** A measured time: 850 ms, 2.31 s. */
  static String formatElapsed(long nanos) {
    long millis = nanos / 1_000_000;
    return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }
}
