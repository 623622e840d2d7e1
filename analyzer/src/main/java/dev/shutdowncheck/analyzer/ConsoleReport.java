package dev.shutdowncheck.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The console: one {@code path:line:column: [Rule] message} line per finding, then the count per
 * rule and where the SARIF went. Every front end prints the same lines.
 */
public final class ConsoleReport {

  private ConsoleReport() {}

  public static void print(Console console, String module, List<ReportedFinding> findings, Path sarif) {
    for (ReportedFinding f : findings) {
      String line = f.displayPath() + ":" + f.line() + ":" + f.column() + ": [" + f.rule() + "] "
          + f.finding().message() + (f.baselined() ? " (in baseline)" : "");
      if (f.severity() == Severity.ERROR && !f.baselined()) {
        console.error(line);
      } else {
        console.warn(line);
      }
    }
    if (findings.isEmpty()) {
      console.info("shutdown-check: no findings in " + module);
    } else {
      long accepted = findings.stream().filter(ReportedFinding::baselined).count();
      console.info("shutdown-check: " + count(findings.size()) + " in " + module
          + " (" + countsByRule(findings) + ")"
          + (accepted > 0 ? ", " + accepted + " of them in the baseline" : ""));
    }
    if (sarif != null) {
      console.info("shutdown-check: SARIF written to " + sarif);
    }
  }

  /**
   * The failure message: what failed, and the three ways out; {@code acceptAdvice} says how this
   * front end writes and uses a baseline.
   */
  public static String failure(List<ReportedFinding> failing, Severity threshold, String acceptAdvice) {
    String firstRule = failing.get(0).rule();
    return "shutdown-check: " + count(failing.size()) + " at " + threshold + " or above ("
        + countsByRule(failing) + ").\n"
        + "  Fix: each rule's page says how, e.g. " + pageOf(firstRule) + "\n"
        + "  Suppress one that is intended: @SuppressWarnings(\"" + firstRule
        + "\") on the enclosing method, field or class.\n"
        + "  Accept the current findings: " + acceptAdvice;
  }

  /** {@code ExecutorNeverShutdown: 1, UnboundedWait: 2}, by rule id. */
  public static String countsByRule(List<ReportedFinding> findings) {
    return findings.stream()
        .collect(Collectors.groupingBy(ReportedFinding::rule, TreeMap::new, Collectors.counting()))
        .entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String count(int findings) {
    return findings + (findings == 1 ? " finding" : " findings");
  }

  private static String pageOf(String rule) {
    return SarifReport.INFORMATION_URI + "/blob/main/docs/rules/" + rule + ".md";
  }
}
