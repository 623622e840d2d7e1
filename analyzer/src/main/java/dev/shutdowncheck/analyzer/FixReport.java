package dev.shutdowncheck.analyzer;

import java.util.List;

/**
 * What a fix run changed: the findings whose suggested fix Error Prone applied, and the files it
 * rewrote (relative to the display root).
 */
public record FixReport(List<ReportedFinding> fixed, List<String> changedFiles) {

  /** Prints one line per applied fix, then a summary. */
  public void print(Console console, String name) {
    for (ReportedFinding f : fixed) {
      console.info("fixed " + f.displayPath() + ":" + f.line() + ":" + f.column() + ": [" + f.rule() + "] "
          + f.finding().message());
    }
    if (changedFiles.isEmpty()) {
      console.info("shutdown-check: no suggested fix to apply in " + name);
    } else {
      console.info("shutdown-check: applied " + fixed.size() + (fixed.size() == 1 ? " fix" : " fixes")
          + " in " + name + "; changed " + String.join(", ", changedFiles)
          + ". Review the change, then build again.");
    }
  }
}
