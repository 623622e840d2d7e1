package dev.shutdowncheck.analyzer;

import java.util.List;

/** What one analysis found, sorted as SARIF orders it, with the mode that found it. */
public record AnalysisReport(String name, AnalysisRequest.Mode mode, List<ReportedFinding> findings) {

  /** The same findings, those that {@code baseline} accepts marked as such. */
  public AnalysisReport withBaseline(Baseline baseline) {
    return new AnalysisReport(name, mode, baseline.apply(findings));
  }

  /** The findings that fail a build: at or above {@code threshold}, and not in the baseline. */
  public List<ReportedFinding> failing(Severity threshold) {
    return findings.stream().filter(f -> !f.baselined() && f.severity().atLeast(threshold)).toList();
  }

  /** How the console names what was analysed: "app (standalone mode)". */
  public String label() {
    return name + " (" + mode.label() + " mode)";
  }
}
