package dev.shutdowncheck.findings;

import java.util.List;

/**
 * One finding as the Maven plugin reads it back: where it is (offsets and 1-based lines and
 * columns, columns counted in UTF-16 code units without expanding tabs), what it says, and the
 * suggested fix as text edits.
 */
public record Finding(
    String rule,
    String severity,
    String uri,
    Span span,
    String message,
    List<Edit> fix) {

  /** A stretch of source: offsets, then 1-based line and column of its start and its end. */
  public record Span(
      int startOffset, int endOffset, int startLine, int startColumn, int endLine, int endColumn) {}

  /** Replace the text in {@code span} with {@code replacement}. */
  public record Edit(Span span, String replacement) {}
}
