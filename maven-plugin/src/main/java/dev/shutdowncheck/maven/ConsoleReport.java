package dev.shutdowncheck.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * The console: one {@code path:line:column: [Rule] message} line per finding, then the count per
 * rule and where the SARIF went.
 */
final class ConsoleReport {

  private ConsoleReport() {}

  static void print(Log log, String module, List<ReportedFinding> findings, Path sarif) {
    for (ReportedFinding f : findings) {
      String line = f.displayPath() + ":" + f.line() + ":" + f.column() + ": [" + f.rule() + "] "
          + f.finding().message() + (f.baselined() ? " (in baseline)" : "");
      if (f.severity() == Severity.ERROR && !f.baselined()) {
        log.error(line);
      } else {
        log.warn(line);
      }
    }
    if (findings.isEmpty()) {
      log.info("shutdown-check: no findings in " + module);
    } else {
      long accepted = findings.stream().filter(ReportedFinding::baselined).count();
      log.info("shutdown-check: " + findings.size() + (findings.size() == 1 ? " finding" : " findings")
          + " in " + module + " (" + AbstractShutdownCheckMojo.countsByRule(findings) + ")"
          + (accepted > 0 ? ", " + accepted + " of them in the baseline" : ""));
    }
    if (sarif != null) {
      log.info("shutdown-check: SARIF written to " + sarif);
    }
  }

  /** The failure message: what failed, and the three ways out. */
  static String failure(List<ReportedFinding> failing, Severity threshold) {
    String firstRule = failing.get(0).rule();
    return "shutdown-check: " + failing.size() + (failing.size() == 1 ? " finding" : " findings")
        + " at " + threshold + " or above (" + AbstractShutdownCheckMojo.countsByRule(failing) + ").\n"
        + "  Fix: each rule's page says how, e.g. " + pageOf(firstRule) + "\n"
        + "  Suppress one that is intended: @SuppressWarnings(\"" + firstRule
        + "\") on the enclosing method, field or class.\n"
        + "  Accept the current findings: mvn shutdown-check:baseline, then set <baselineFile>"
        + " (or -Dshutdowncheck.baselineFile=...).";
  }

  private static String pageOf(String rule) {
    return SarifReport.INFORMATION_URI + "/blob/main/docs/rules/" + rule + ".md";
  }
}
