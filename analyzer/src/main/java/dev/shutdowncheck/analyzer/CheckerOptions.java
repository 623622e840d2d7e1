package dev.shutdowncheck.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checker options as users write them for a front end ({@code ShutdownCheck:ShutdownMethods=a.B#c},
 * with or without {@code -XepOpt:}), checked for their form; the checker checks their values.
 */
public final class CheckerOptions {

  private static final Pattern OPTION = Pattern.compile("[A-Za-z_][\\w.-]*(?::[\\w.-]+)*=\\S*");
  private static final String FLAG = "-XepOpt:";

  private CheckerOptions() {}

  /** The options as {@code -XepOpt:} values; throws naming {@code source} on a malformed one. */
  public static List<String> parse(List<String> options, String source) {
    List<String> result = new ArrayList<>();
    if (options == null) {
      return result;
    }
    for (String option : options) {
      String text = option == null ? "" : option.strip();
      if (text.startsWith(FLAG)) {
        text = text.substring(FLAG.length());
      }
      if (!OPTION.matcher(text).matches()) {
        throw new IllegalArgumentException(
            source + " has a malformed entry '" + option
                + "'; expected Name=value, e.g. ShutdownCheck:ShutdownMethods=com.acme.Pool#drain");
      }
      result.add(text);
    }
    return result;
  }
}
