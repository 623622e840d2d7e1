package dev.shutdowncheck.maven;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code rules} parameter: per rule, {@code OFF} or the severity it is reported with, e.g.
 * {@code <rules><UnboundedWait>ERROR</UnboundedWait><MissingTimeout>OFF</MissingTimeout></rules>}.
 */
final class RuleSettings {

  static final String OFF = "OFF";

  /** Rule id to its setting: a {@link Severity} name or {@link #OFF}. */
  private final Map<String, String> settings;

  private RuleSettings(Map<String, String> settings) {
    this.settings = settings;
  }

  /** Validates the parameter against the rules the checker has; throws with one clear message. */
  static RuleSettings parse(Map<String, String> parameter, RuleCatalog catalog) {
    Map<String, String> settings = new TreeMap<>();
    if (parameter == null) {
      return new RuleSettings(settings);
    }
    for (Map.Entry<String, String> entry : new TreeMap<>(parameter).entrySet()) {
      String rule = entry.getKey().strip();
      if (!catalog.contains(rule)) {
        throw new IllegalArgumentException(
            "<rules> names an unknown rule '" + rule + "'; the rules are: "
                + catalog.all().stream().map(Rule::id).collect(Collectors.joining(", ")));
      }
      String value = entry.getValue() == null ? "" : entry.getValue().strip().toUpperCase();
      if (!value.equals(OFF) && Severity.parseOrNull(value) == null) {
        throw new IllegalArgumentException(
            "<rules><" + rule + "> is '" + entry.getValue()
                + "'; expected OFF, ERROR, WARNING or SUGGESTION");
      }
      settings.put(rule, value);
    }
    return new RuleSettings(settings);
  }

  boolean isOff(String rule) {
    return OFF.equals(settings.get(rule));
  }

  /** The severity a finding of {@code rule} is reported with, given the one it was found with. */
  Severity severity(String rule, Severity found) {
    Severity configured = Severity.parseOrNull(settings.get(rule));
    return configured != null ? configured : found;
  }

  /** The settings as Error Prone flags, e.g. {@code -Xep:MissingTimeout:OFF}. */
  Map<String, String> asMap() {
    return Collections.unmodifiableMap(settings);
  }
}
