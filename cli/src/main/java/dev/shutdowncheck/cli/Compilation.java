package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.Analyzer;
import dev.shutdowncheck.analyzer.CheckerOptions;
import dev.shutdowncheck.analyzer.RuleSettings;
import dev.shutdowncheck.analyzer.StandaloneCompiler;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code fix} and {@code javac-command} share: one javac run of the analyzer, from options
 * that say what to compile and how. Error Prone and the checker come from this jar, which carries
 * both; {@code --processor-path} adds the annotation processors the code needs.
 */
final class Compilation {

  static final Set<String> ONCE = Set.of("--classpath", "--processor-path", "--java-home");
  static final Set<String> REPEATABLE = Set.of("--sources", "--javac-option", "--option", "--rule", "--exclude");

  private Compilation() {}

  static StandaloneCompiler.Job job(
      Main.Cli cli, Analyzer analyzer, Arguments args, StandaloneCompiler.Run run, Path outputDirectory,
      Path findingsDirectory, Path workDirectory)
      throws UsageException {
    List<Path> sources = sources(cli, args);
    RuleSettings rules = RecordedFindings.rules(analyzer, args);
    List<String> checkerOptions;
    try {
      checkerOptions = CheckerOptions.parse(args.all("--option"), "--option");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<Path> processorPath = new ArrayList<>(ownPath());
    List<Path> processors = paths(cli, args.get("--processor-path"));
    processorPath.addAll(processors);
    StandaloneCompiler.Processing processing = processors.isEmpty()
        ? StandaloneCompiler.Processing.OFF
        : new StandaloneCompiler.Processing(true, List.of(), List.of(), workDirectory.resolve("generated-sources"));
    return new StandaloneCompiler.Job(
        Paths.get(args.get("--java-home", System.getProperty("java.home"))),
        sources,
        paths(cli, args.get("--classpath")).stream().map(Path::toString).toList(),
        processorPath,
        args.all("--javac-option"),
        processing,
        StandaloneCompiler.checks(analyzer.catalog(), rules),
        checkerOptions,
        outputDirectory,
        findingsDirectory,
        workDirectory,
        run);
  }

  /**
   * {@code --sources}: directories (their {@code .java} files, without {@code module-info.java}:
   * the analyzer compiles on the class path), files, or {@code @LIST} files of paths.
   */
  static List<Path> sources(Main.Cli cli, Arguments args) throws UsageException {
    List<Path> sources = new ArrayList<>();
    for (String given : args.all("--sources")) {
      if (given.startsWith("@")) {
        Path list = cli.workingDirectory().resolve(given.substring(1));
        try {
          for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
              sources.add(cli.workingDirectory().resolve(line.strip()).normalize());
            }
          }
        } catch (IOException e) {
          throw new UsageException("--sources " + given + ": cannot read " + list + " (" + e.getMessage() + ")");
        }
        continue;
      }
      Path path = cli.workingDirectory().resolve(given).normalize();
      if (Files.isRegularFile(path)) {
        sources.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.walk(path)) {
          files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java")
                  && Files.isRegularFile(f))
              .sorted()
              .forEach(sources::add);
        } catch (IOException e) {
          throw new UsageException("--sources " + given + ": cannot list it (" + e.getMessage() + ")");
        }
      } else {
        throw new UsageException("--sources " + given + " is neither a directory nor a file");
      }
    }
    if (sources.isEmpty()) {
      throw new UsageException("no Java sources: give --sources a directory, a .java file or @LIST");
    }
    return sources;
  }

  private static List<Path> paths(Main.Cli cli, String path) {
    if (path == null || path.isBlank()) {
      return List.of();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(s -> cli.workingDirectory().resolve(s).normalize())
        .toList();
  }

  /**
   * Error Prone and the checker: this jar, which bundles both; or, when the classes run from a
   * directory (the tests, an IDE), the class path they run on.
   */
  static List<Path> ownPath() {
    try {
      Path location = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        return List.of(location);
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through to the class path
    }
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(Paths::get)
        .toList();
  }
}
