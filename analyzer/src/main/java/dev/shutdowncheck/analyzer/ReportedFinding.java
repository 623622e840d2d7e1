package dev.shutdowncheck.analyzer;

import dev.shutdowncheck.findings.Finding;

/**
 * A finding as reported: the checker's record, the severity after the {@code rules} settings, where
 * its file is (relative to the repository root, for SARIF and baselines; and as shown on the
 * console), the fingerprint of its line, and whether the baseline accepts it.
 */
public record ReportedFinding(
    Finding finding,
    Severity severity,
    String repositoryPath,
    String displayPath,
    String lineHash,
    String lineText,
    boolean baselined) {

  public String rule() {
    return finding.rule();
  }

  public int line() {
    return finding.span().startLine();
  }

  public int column() {
    return finding.span().startColumn();
  }

  public ReportedFinding withBaselined(boolean accepted) {
    return new ReportedFinding(
        finding, severity, repositoryPath, displayPath, lineHash, lineText, accepted);
  }
}
