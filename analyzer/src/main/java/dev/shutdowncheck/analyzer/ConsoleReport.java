package dev.shutdowncheck.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The console: one {@code path:line:column: [Rule] message} line per finding that the baseline
 * does not accept, one count line for those it does, then the count per rule and where the SARIF
 * went. Every front end prints the same lines.
 */
public final class ConsoleReport {

  /** How many findings a failure message names; the rest are counted. */
  static final int NAMED_IN_FAILURE = 20;

  private ConsoleReport() {}

  public static void print(Console console, String module, List<ReportedFinding> findings, Path sarif) {
    long accepted = 0;
    for (ReportedFinding f : findings) {
      if (f.baselined()) {
        accepted++;
      } else if (f.severity() == Severity.ERROR) {
        console.error(line(f));
      } else {
        console.warn(line(f));
      }
    }
    if (accepted > 0) {
      console.info("shutdown-check: " + count(accepted) + " in the baseline, not shown (the SARIF"
          + " lists them as suppressed)");
    }
    if (findings.isEmpty()) {
      console.info("shutdown-check: no findings in " + module);
    } else {
      console.info("shutdown-check: " + count(findings.size()) + " in " + module
          + " (" + countsByRule(findings) + ")"
          + (accepted > 0 ? ", " + accepted + " of them in the baseline" : ""));
    }
    if (sarif != null) {
      console.info("shutdown-check: SARIF written to " + sarif);
    }
  }

  /** One finding as the console shows it: {@code path:line:column: [Rule] message}. */
  public static String line(ReportedFinding f) {
    return f.displayPath() + ":" + f.line() + ":" + f.column() + ": [" + f.rule() + "] " + f.finding().message();
  }

  /**
   * The failure message: what failed, named (the first {@value #NAMED_IN_FAILURE}, so that a
   * quiet build shows them too), and the three ways out; {@code acceptAdvice} says how this front
   * end writes and uses a baseline.
   */
  public static String failure(List<ReportedFinding> failing, Severity threshold, String acceptAdvice) {
    return failure(failing, "at " + threshold + " or above", acceptAdvice);
  }

  /** As {@link #failure(List, Severity, String)}, with {@code what} saying which findings fail. */
  public static String failure(List<ReportedFinding> failing, String what, String acceptAdvice) {
    String firstRule = failing.get(0).rule();
    StringBuilder named = new StringBuilder();
    failing.stream().limit(NAMED_IN_FAILURE).forEach(f -> named.append("  ").append(line(f)).append('\n'));
    if (failing.size() > NAMED_IN_FAILURE) {
      named.append("  ... and ").append(failing.size() - NAMED_IN_FAILURE).append(" more (see the SARIF)\n");
    }
    return "shutdown-check: " + count(failing.size()) + " " + what + " ("
        + countsByRule(failing) + "):\n"
        + named
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

  private static String count(long findings) {
    return findings + (findings == 1 ? " finding" : " findings");
  }

  private static String pageOf(String rule) {
    return SarifReport.INFORMATION_URI + "/blob/main/docs/rules/" + rule + ".md";
  }
}
