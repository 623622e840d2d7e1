package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.AnalysisRequest;
import dev.shutdowncheck.analyzer.Analyzer;
import dev.shutdowncheck.analyzer.Excludes;
import dev.shutdowncheck.analyzer.FindingLocator;
import dev.shutdowncheck.analyzer.FindingsFile;
import dev.shutdowncheck.analyzer.RuleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code report} and {@code baseline} share: the findings a build recorded, analysed. */
final class RecordedFindings {

  private RecordedFindings() {}

  static AnalysisReport analyse(Main.Cli cli, Analyzer analyzer, Arguments args)
      throws UsageException, AnalysisException {
    String given = args.require("--findings");
    Path dir = cli.workingDirectory().resolve(given).normalize();
    if (!Files.isDirectory(dir)) {
      throw new AnalysisException("shutdown-check: the findings directory " + dir + " does not exist."
          + " Compile first, with shutdown-check next to Error Prone on the processor path and"
          + " -XepOpt:ShutdownCheck:FindingsDir=" + given + " in the Error Prone flags.");
    }
    List<Path> files;
    try {
      files = FindingsFile.filesIn(dir);
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new AnalysisException("shutdown-check: " + dir + " has no findings files (*"
          + FindingsFile.SUFFIX + "), so no compilation ran the checker there. Put shutdown-check next"
          + " to Error Prone on the processor path, and -XepOpt:ShutdownCheck:FindingsDir=" + given
          + " in the Error Prone flags, then compile again.");
    }
    AnalysisRequest request = AnalysisRequest.recorded(given, files, rules(analyzer, args), Set.of(),
        root(cli, args), cli.workingDirectory()).excluding(excludes(args));
    return analyzer.analyse(request);
  }

  /** {@code --rule RULE=LEVEL}, repeated. */
  static RuleSettings rules(Analyzer analyzer, Arguments args) throws UsageException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String rule : args.all("--rule")) {
      int equals = rule.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--rule takes RULE=LEVEL, e.g. --rule UnboundedWait=ERROR; got '" + rule + "'");
      }
      settings.put(rule.substring(0, equals), rule.substring(equals + 1));
    }
    try {
      return RuleSettings.parse(settings, analyzer.catalog(), "--rule");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** {@code --exclude PATTERN}, repeated: path globs, or classes and packages. */
  static Excludes excludes(Arguments args) throws UsageException {
    try {
      return Excludes.parse(args.all("--exclude"), "--exclude");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** {@code --root}, or the Git root of the working directory. */
  static Path root(Main.Cli cli, Arguments args) throws UsageException {
    String root = args.get("--root");
    if (root == null) {
      return FindingLocator.repositoryRoot(cli.workingDirectory());
    }
    Path dir = cli.workingDirectory().resolve(root).normalize();
    if (!Files.isDirectory(dir)) {
      throw new UsageException("--root " + root + " is not a directory");
    }
    return dir;
  }
}
