package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.AnalysisRequest;
import dev.shutdowncheck.analyzer.Analyzer;
import dev.shutdowncheck.analyzer.FixReport;
import dev.shutdowncheck.analyzer.StandaloneCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code fix}: Error Prone applies the rules' suggested fixes to the sources in place. */
final class FixCommand {

  private final Main.Cli cli;

  FixCommand(Main.Cli cli) {
    this.cli = cli;
  }

  int run(List<String> options) throws UsageException, AnalysisException {
    Set<String> once = new java.util.HashSet<>(Compilation.ONCE);
    once.add("--root");
    Arguments args = Arguments.parse("fix", options, once, Compilation.REPEATABLE);
    Analyzer analyzer = cli.analyzer();
    Path work;
    try {
      work = Files.createTempDirectory("shutdown-check-fix");
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check cannot create a work directory: " + e.getMessage(), e);
    }
    try {
      StandaloneCompiler.Job job = Compilation.job(cli, analyzer, args, StandaloneCompiler.Run.FIX,
          work.resolve("classes"), work.resolve("findings"), work);
      AnalysisRequest request = AnalysisRequest.standalone("the sources", List.of(job),
          RecordedFindings.rules(analyzer, args), RecordedFindings.root(cli, args), cli.workingDirectory())
          .excluding(RecordedFindings.excludes(args));
      FixReport report = analyzer.fix(request);
      report.print(StreamConsole.on(cli.out()), "the sources");
      return Main.OK;
    } finally {
      deleteQuietly(work);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
