package dev.shutdowncheck.analyzer;

import java.util.Locale;

/** Error Prone's severities, ordered from least to most severe, with their SARIF names. */
public enum Severity {
  SUGGESTION("note", "recommendation"),
  WARNING("warning", "warning"),
  ERROR("error", "error");

  private final String sarifLevel;
  private final String problemSeverity;

  Severity(String sarifLevel, String problemSeverity) {
    this.sarifLevel = sarifLevel;
    this.problemSeverity = problemSeverity;
  }

  /** The SARIF {@code level}. */
  public String sarifLevel() {
    return sarifLevel;
  }

  /** GitHub's {@code problem.severity} rule property. */
  public String problemSeverity() {
    return problemSeverity;
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Parses a severity as users write it; null when it is not one. */
  public static Severity parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
