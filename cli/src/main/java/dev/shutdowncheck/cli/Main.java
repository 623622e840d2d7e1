package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.Analyzer;
import dev.shutdowncheck.analyzer.ToolVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar shutdown-check-cli.jar COMMAND [OPTIONS]}: the front end for builds other than
 * Maven. Exits 0 when all is well, 1 when findings fail the check, 2 on bad usage or when the
 * analysis cannot run.
 */
public final class Main {

  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT = """
      Usage: java -jar shutdown-check-cli.jar COMMAND [OPTIONS]

      Commands:
        report    --findings DIR --sarif FILE [--root DIR] [--baseline FILE] [--fail-on WARNING|ERROR]
                  [--rule RULE=LEVEL]... [--exclude PATTERN]... [--category NAME]
                  Reports the findings a build recorded with -XepOpt:ShutdownCheck:FindingsDir=DIR:
                  prints them, writes SARIF, and exits 1 when findings at or above --fail-on
                  (default WARNING) are not in the baseline.
        baseline  --findings DIR --out FILE [--root DIR] [--rule RULE=LEVEL]... [--exclude PATTERN]...
                  Writes the recorded findings to a baseline that 'report --baseline' accepts.
        fix       --sources PATH... [--classpath PATH] [--processor-path PATH] [--javac-option OPT]...
                  [--option NAME=VALUE]... [--rule RULE=OFF]... [--root DIR]
                  Compiles the sources with Error Prone and applies the rules' suggested fixes in
                  place, then prints what it changed.
        rules     Prints the id of every rule, one a line.
        javac-command --run RUN --sources PATH... --out DIR --findings DIR --work DIR [--classpath PATH]
                  [--processor-path PATH] [--javac-option OPT]... [--rule RULE=LEVEL]...
                  Prints the javac command the analyzer runs, one argument a line (bench/run uses it).
        help      Prints this text. --version prints the version.

      RULE=LEVEL: a rule id and OFF, ERROR, WARNING or SUGGESTION. PATH lists: separated by '%s'.
      --exclude: findings in these files are not reported: a path glob (**/generated/**) or a class
      or package (com.acme.LegacyPool, com.acme.legacy.*, com.acme.legacy.**).
      --sources takes a directory, a .java file, or @FILE listing one path a line.
      --root: what paths in SARIF and baselines are relative to; default the Git root of the
      current directory.
      Exit status: 0 no failing finding, 1 failing findings, 2 bad usage or the analysis could not run.
      """.formatted(java.io.File.pathSeparator);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err, Paths.get("").toAbsolutePath()));
  }

  static int run(List<String> args, PrintStream out, PrintStream err, Path workingDirectory) {
    if (args.isEmpty()) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    String command = args.get(0);
    List<String> options = args.subList(1, args.size());
    Cli cli = new Cli(out, err, workingDirectory);
    try {
      switch (command) {
        case "report":
          return new ReportCommand(cli).run(options);
        case "baseline":
          return new BaselineCommand(cli).run(options);
        case "fix":
          return new FixCommand(cli).run(options);
        case "rules":
          Arguments.parse(command, options, java.util.Set.of(), java.util.Set.of());
          cli.analyzer().catalog().all().forEach(rule -> out.println(rule.id()));
          return OK;
        case "javac-command":
          return new JavacCommand(cli).run(options);
        case "help", "--help", "-h":
          out.print(USAGE_TEXT);
          return OK;
        case "--version", "version":
          out.println("shutdown-check " + ToolVersion.current());
          return OK;
        default:
          throw new UsageException("unknown command '" + command + "'");
      }
    } catch (UsageException e) {
      err.println("shutdown-check: " + e.getMessage());
      err.println("Run 'java -jar shutdown-check-cli.jar help' for the commands and their options.");
      return USAGE;
    } catch (AnalysisException e) {
      err.println(e.getMessage());
      return USAGE;
    }
  }

  /** What every command needs: where to print, where it runs, and the analyzer. */
  record Cli(PrintStream out, PrintStream err, Path workingDirectory) {
    Analyzer analyzer() {
      return Analyzer.forChecker();
    }
  }
}
