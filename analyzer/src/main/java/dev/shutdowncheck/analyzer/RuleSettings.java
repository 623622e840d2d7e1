package dev.shutdowncheck.analyzer;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Per rule, {@code OFF} or the severity it is reported with: the Maven plugin's {@code <rules>}
 * ({@code <UnboundedWait>ERROR</UnboundedWait>}), the command line's {@code --rule
 * UnboundedWait=ERROR}.
 */
public final class RuleSettings {

  public static final RuleSettings NONE = new RuleSettings(Map.of());
  static final String OFF = "OFF";

  /** Rule id to its setting: a {@link Severity} name or {@link #OFF}. */
  private final Map<String, String> settings;

  private RuleSettings(Map<String, String> settings) {
    this.settings = settings;
  }

  /**
   * Validates the settings against the rules the checker has; throws with one clear message that
   * names {@code source}, where the user wrote them (e.g. {@code <rules>}).
   */
  public static RuleSettings parse(Map<String, String> parameter, RuleCatalog catalog, String source) {
    Map<String, String> settings = new TreeMap<>();
    if (parameter == null) {
      return new RuleSettings(settings);
    }
    for (Map.Entry<String, String> entry : new TreeMap<>(parameter).entrySet()) {
      String rule = entry.getKey().strip();
      if (!catalog.contains(rule)) {
        throw new IllegalArgumentException(
            source + " names an unknown rule '" + rule + "'; the rules are: "
                + catalog.all().stream().map(Rule::id).collect(Collectors.joining(", ")));
      }
      String value = entry.getValue() == null ? "" : entry.getValue().strip().toUpperCase();
      if (!value.equals(OFF) && Severity.parseOrNull(value) == null) {
        throw new IllegalArgumentException(
            source + " sets " + rule + " to '" + entry.getValue()
                + "'; expected OFF, ERROR, WARNING or SUGGESTION");
      }
      settings.put(rule, value);
    }
    return new RuleSettings(settings);
  }

  public boolean isOff(String rule) {
    return OFF.equals(settings.get(rule));
  }

  /** The severity a finding of {@code rule} is reported with, given the one it was found with. */
  public Severity severity(String rule, Severity found) {
    Severity configured = Severity.parseOrNull(settings.get(rule));
    return configured != null ? configured : found;
  }
}
