package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.StandaloneCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code javac-command}: writes the analyzer's javac argument file and prints the command that
 * runs it, one argument a line, so that the benchmark times exactly what the analyzer runs.
 */
final class JavacCommand {

  private final Main.Cli cli;

  JavacCommand(Main.Cli cli) {
    this.cli = cli;
  }

  int run(List<String> options) throws UsageException {
    Set<String> once = new HashSet<>(Compilation.ONCE);
    once.addAll(Set.of("--run", "--out", "--findings", "--work"));
    Arguments args = Arguments.parse("javac-command", options, once, Compilation.REPEATABLE);
    StandaloneCompiler.Run run = run(args.require("--run"));
    Path work = cli.workingDirectory().resolve(args.require("--work")).normalize();
    StandaloneCompiler.Job job = Compilation.job(cli, cli.analyzer(), args, run,
        cli.workingDirectory().resolve(args.require("--out")).normalize(),
        cli.workingDirectory().resolve(args.require("--findings")).normalize(), work);
    Path argFile = work.resolve(job.outputDirectory().getFileName() + ".javac-args");
    try {
      Files.createDirectories(work);
      Files.write(argFile, StandaloneCompiler.javacArguments(job), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--work " + work + " cannot be written: " + e.getMessage());
    }
    StandaloneCompiler.command(job, argFile).forEach(cli.out()::println);
    return Main.OK;
  }

  private static StandaloneCompiler.Run run(String text) throws UsageException {
    try {
      return StandaloneCompiler.Run.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--run is '" + text + "'; expected one of check, fix, build-with-rules,"
          + " build-without-checks, build-with-default-checks, build-plain");
    }
  }
}
