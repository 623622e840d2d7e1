package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.Baseline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code baseline}: the recorded findings, written as accepted ones. */
final class BaselineCommand {

  private final Main.Cli cli;

  BaselineCommand(Main.Cli cli) {
    this.cli = cli;
  }

  int run(List<String> options) throws UsageException, AnalysisException {
    Arguments args = Arguments.parse("baseline", options, Set.of("--findings", "--out", "--root"), Set.of("--rule", "--exclude"));
    Path out = cli.workingDirectory().resolve(args.require("--out")).normalize();
    AnalysisReport report = RecordedFindings.analyse(cli, cli.analyzer(), args);
    try {
      Baseline.write(out, report.findings());
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check cannot write " + out + ": " + e.getMessage(), e);
    }
    cli.out().println("[INFO] shutdown-check: baseline of " + report.findings().size() + " findings written to " + out);
    return Main.OK;
  }
}
