package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.Analyzer;
import dev.shutdowncheck.analyzer.Baseline;
import dev.shutdowncheck.analyzer.ConsoleReport;
import dev.shutdowncheck.analyzer.ReportedFinding;
import dev.shutdowncheck.analyzer.SarifJson;
import dev.shutdowncheck.analyzer.SarifReport;
import dev.shutdowncheck.analyzer.Severity;
import dev.shutdowncheck.analyzer.ToolVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code report}: the recorded findings on the console and in SARIF; fails on those that count. */
final class ReportCommand {

  private static final Set<String> OPTIONS =
      Set.of("--findings", "--sarif", "--root", "--baseline", "--fail-on", "--category");

  private final Main.Cli cli;

  ReportCommand(Main.Cli cli) {
    this.cli = cli;
  }

  int run(List<String> options) throws UsageException, AnalysisException {
    Arguments args = Arguments.parse("report", options, OPTIONS, Set.of("--rule", "--exclude"));
    Path sarif = cli.workingDirectory().resolve(args.require("--sarif")).normalize();
    Severity threshold = threshold(args.get("--fail-on", "WARNING"));
    Baseline baseline = baseline(args.get("--baseline"));
    Analyzer analyzer = cli.analyzer();

    AnalysisReport report = RecordedFindings.analyse(cli, analyzer, args);
    if (baseline != null) {
      report = report.withBaseline(baseline);
    }
    String category = args.get("--category");
    String automationId = SarifReport.TOOL_NAME + "/" + (category == null ? "" : category + "/");
    try {
      SarifJson.write(SarifReport.build(analyzer.catalog(), report.findings(), ToolVersion.current(),
          automationId, baseline != null, List.of()), sarif);
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check cannot write " + sarif + ": " + e.getMessage(), e);
    }
    ConsoleReport.print(StreamConsole.on(cli.out()), report.name(), report.findings(), sarif);
    List<ReportedFinding> failing = report.failing(threshold);
    if (failing.isEmpty()) {
      return Main.OK;
    }
    cli.err().println(ConsoleReport.failure(failing, threshold,
        "java -jar shutdown-check-cli.jar baseline --findings DIR --out FILE, then report --baseline FILE."));
    return Main.FINDINGS;
  }

  private static Severity threshold(String text) throws UsageException {
    Severity threshold = Severity.parseOrNull(text);
    if (threshold == null || threshold == Severity.SUGGESTION) {
      throw new UsageException("--fail-on is '" + text + "'; expected WARNING or ERROR");
    }
    return threshold;
  }

  private Baseline baseline(String file) throws AnalysisException {
    if (file == null) {
      return null;
    }
    try {
      return Baseline.read(cli.workingDirectory().resolve(file).normalize());
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check: " + e.getMessage()
          + "; write one with 'java -jar shutdown-check-cli.jar baseline', or leave out --baseline");
    }
  }
}
