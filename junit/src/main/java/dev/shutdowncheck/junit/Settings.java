package dev.shutdowncheck.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one test is checked against: an attribute of {@link VerifyShutdown} wins, then a system
 * property, then the default.
 */
record Settings(
    Duration budget,
    Duration linger,
    List<Pattern> ignoredThreads,
    List<Pattern> ignoredFiles,
    int fileDescriptorTolerance,
    boolean warnOnly) {

  static final String BUDGET_PROPERTY = "shutdowncheck.budget";
  static final String LINGER_PROPERTY = "shutdowncheck.linger";
  static final String WARN_ONLY_PROPERTY = "shutdowncheck.warnOnly";

  /** Kubernetes' grace period between SIGTERM and SIGKILL. */
  static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);

  static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

  /** The settings of a test class, which may carry no annotation (a registered extension). */
  static Settings of(Optional<VerifyShutdown> annotation) {
    try {
      return annotation.map(Settings::of).orElseGet(Settings::defaults);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("shutdown-check: " + e.getMessage(), e);
    }
  }

  private static Settings of(VerifyShutdown annotation) {
    if (annotation.fileDescriptorTolerance() < 0) {
      throw new IllegalArgumentException(
          "@VerifyShutdown(fileDescriptorTolerance = " + annotation.fileDescriptorTolerance()
              + ") must be 0 or more");
    }
    return new Settings(
        duration(annotation.budget(), "@VerifyShutdown(budget)", BUDGET_PROPERTY, DEFAULT_BUDGET),
        duration(annotation.linger(), "@VerifyShutdown(linger)", LINGER_PROPERTY, DEFAULT_LINGER),
        patterns(annotation.ignoreThreads(), "@VerifyShutdown(ignoreThreads)"),
        patterns(annotation.ignoreFiles(), "@VerifyShutdown(ignoreFiles)"),
        annotation.fileDescriptorTolerance(),
        warnOnlyProperty());
  }

  private static Settings defaults() {
    return new Settings(
        duration("", "", BUDGET_PROPERTY, DEFAULT_BUDGET),
        duration("", "", LINGER_PROPERTY, DEFAULT_LINGER),
        List.of(),
        List.of(),
        0,
        warnOnlyProperty());
  }

  /** The budget a helper outside the extension uses: the system property, else 30 s. */
  static Duration defaultBudget() {
    return duration("", "", BUDGET_PROPERTY, DEFAULT_BUDGET);
  }

  private static Duration duration(String attribute, String where, String property, Duration fallback) {
    if (!attribute.isBlank()) {
      return Durations.parse(attribute, where);
    }
    String value = System.getProperty(property, "");
    return value.isBlank() ? fallback : Durations.parse(value, "-D" + property);
  }

  private static List<Pattern> patterns(String[] regexes, String where) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            where + ": \"" + regex + "\" is not a regular expression: " + e.getDescription());
      }
    }
    return List.copyOf(patterns);
  }

  private static boolean warnOnlyProperty() {
    return Boolean.parseBoolean(System.getProperty(WARN_ONLY_PROPERTY, "false"));
  }

  boolean ignoresThread(String name) {
    return ignoredThreads.stream().anyMatch(p -> p.matcher(name).matches());
  }

  boolean ignoresFile(String target) {
    return ignoredFiles.stream().anyMatch(p -> p.matcher(target).matches());
  }
}
