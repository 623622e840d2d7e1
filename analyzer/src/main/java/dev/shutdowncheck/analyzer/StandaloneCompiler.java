package dev.shutdowncheck.analyzer;

import dev.shutdowncheck.findings.FindingsRecorder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Standalone mode: javac with Error Prone and the checker, in a forked JVM that carries the
 * {@code --add-exports} flags Error Prone needs, over one set of sources. Only the checker's rules
 * run; its findings land in {@code findingsDir/NAME.jsonl} as in compiler mode, so both modes read
 * the same file.
 */
public final class StandaloneCompiler {

  /** The Error Prone the checker is built and tested on; it runs on JDK 17 and later. */
  public static final String FLOOR_ERROR_PRONE = "2.42.0";
  /** The newest Error Prone the checker is tested with; it needs JDK 21 or later. */
  public static final String LATEST_ERROR_PRONE = "2.50.0";

  /** The javac internals Error Prone reaches into (JDK 16+ closes them by default). */
  private static final List<String> JVM_FLAGS =
      List.of(
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.main=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.model=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.processing=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED");

  private static final long TIMEOUT_MINUTES = 30;

  /** The Error Prone a javac of {@code javaFeatureVersion} runs by default. */
  public static String defaultErrorProne(int javaFeatureVersion) {
    return javaFeatureVersion >= 21 ? LATEST_ERROR_PRONE : FLOOR_ERROR_PRONE;
  }

  /** What a javac run does with Error Prone. */
  public enum Run {
    /** Our rules, findings recorded; javac stops once the rules have run and writes no classes. */
    CHECK(true, true, true),
    /**
     * Our rules, and Error Prone applies their suggested fixes to the sources in place. It does so
     * when the compilation completes, so this run goes on to write classes (into the work area).
     */
    FIX(true, true, false),
    /** For the benchmark, like a build with the checker: our rules, findings recorded, classes. */
    BUILD_WITH_RULES(true, true, false),
    /** For the benchmark: Error Prone with every check off, classes written. */
    BUILD_WITHOUT_CHECKS(true, false, false),
    /** For the benchmark: Error Prone's default checks (errors as warnings), classes written. */
    BUILD_WITH_DEFAULT_CHECKS(true, false, false),
    /** For the benchmark: plain javac, classes written. */
    BUILD_PLAIN(false, false, false);

    private final boolean errorProne;
    private final boolean ourRules;
    private final boolean stopsAfterFlow;

    Run(boolean errorProne, boolean ourRules, boolean stopsAfterFlow) {
      this.errorProne = errorProne;
      this.ourRules = ourRules;
      this.stopsAfterFlow = stopsAfterFlow;
    }
  }

  /**
   * One javac run. {@code compilerOptions} are the module's own ({@code -source}/{@code -target}
   * or {@code --release}, {@code -encoding}, ...); {@code checks} are {@code -Xep:} values ({@code
   * Rule:WARN}, {@code Rule:OFF}); {@code checkerOptions} are {@code -XepOpt:} values.
   */
  public record Job(
      Path javaHome,
      List<Path> sources,
      List<String> classpath,
      List<Path> processorPath,
      List<String> compilerOptions,
      Processing processing,
      List<String> checks,
      List<String> checkerOptions,
      Path outputDirectory,
      Path findingsDirectory,
      Path workDirectory,
      Run run) {

    /** The findings file this run writes: the checker names it after the output directory. */
    public Path findingsFile() {
      return findingsDirectory.resolve(outputDirectory.getFileName() + FindingsFile.SUFFIX);
    }
  }

  /**
   * Annotation processing as the module's own build does it: off, or on with the processors found
   * on the processor path (or only {@code processors}), their {@code -A} options, and a directory
   * for the sources they generate.
   */
  public record Processing(boolean enabled, List<String> processors, List<String> options, Path generatedSources) {
    public static final Processing OFF = new Processing(false, List.of(), List.of(), null);
  }

  /** The outcome: javac's exit code and where its output went. */
  public record Outcome(int exitCode, Path log) {
    public boolean compiled() {
      return exitCode == 0;
    }
  }

  private StandaloneCompiler() {}

  public static Outcome compile(Job job) throws IOException, InterruptedException {
    Files.createDirectories(job.outputDirectory());
    Files.createDirectories(job.workDirectory());
    if (job.processing().enabled()) {
      Files.createDirectories(job.processing().generatedSources());
    }
    String name = job.outputDirectory().getFileName().toString();
    Path argFile = job.workDirectory().resolve(name + ".javac-args");
    Path log = job.workDirectory().resolve(name + ".javac.log");
    Files.write(argFile, javacArguments(job), StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(command(job, argFile))
            .directory(job.workDirectory().toFile()) // javac drops its crash files in the cwd
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
        throw new IOException("javac did not finish within " + TIMEOUT_MINUTES + " minutes; see " + log);
      }
    } catch (InterruptedException e) {
      process.destroy();
      throw e;
    }
    return new Outcome(process.exitValue(), log);
  }

  /**
   * The command that runs javac on {@code argFile} (written from {@link #javacArguments}): the
   * command line every front end and the benchmark use.
   */
  public static List<String> command(Job job, Path argFile) {
    List<String> command = new ArrayList<>();
    command.add(javac(job.javaHome()).toString());
    if (job.run().errorProne) {
      for (String flag : JVM_FLAGS) {
        command.add("-J" + flag);
      }
    }
    command.add("@" + argFile);
    return command;
  }

  /** One argument a line, quoted for javac's @-file syntax. */
  public static List<String> javacArguments(Job job) {
    List<String> args = new ArrayList<>();
    if (job.run().errorProne) {
      args.add("-XDcompilePolicy=simple");
      args.add("--should-stop=ifError=FLOW");
    }
    if (job.run().stopsAfterFlow) {
      // The rules run when flow analysis ends; the class files after it would only be thrown away.
      args.add("--should-stop=ifNoError=FLOW");
    }
    if (job.processing().enabled()) {
      args.add("-s");
      args.add(job.processing().generatedSources().toString());
      if (!job.processing().processors().isEmpty()) {
        args.add("-processor");
        args.add(String.join(",", job.processing().processors()));
      }
      args.addAll(job.processing().options());
    } else {
      args.add("-proc:none");
    }
    args.add("-implicit:none");
    args.add("-Xmaxwarns");
    args.add("100000");
    args.addAll(job.compilerOptions());
    args.add("-d");
    args.add(job.outputDirectory().toString());
    args.add("-classpath");
    args.add(String.join(File.pathSeparator, job.classpath()));
    if (job.run().errorProne || job.processing().enabled()) {
      args.add("-processorpath");
      args.add(String.join(File.pathSeparator, job.processorPath().stream().map(Path::toString).toList()));
    }
    if (job.run().errorProne) {
      args.add(errorProneFlags(job));
    }
    for (Path source : job.sources()) {
      args.add(source.toString());
    }
    return args.stream().map(StandaloneCompiler::quote).toList();
  }

  /**
   * {@code -Xplugin:ErrorProne} with only this checker's rules on, findings recorded, and for
   * {@link Run#FIX} their fixes applied in place.
   */
  static String errorProneFlags(Job job) {
    if (job.run() == Run.BUILD_WITH_DEFAULT_CHECKS) {
      // An ERROR-level default check must not stop the compilation early.
      return "-Xplugin:ErrorProne -XepAllErrorsAsWarnings";
    }
    StringBuilder flags = new StringBuilder("-Xplugin:ErrorProne -XepDisableAllChecks");
    if (!job.run().ourRules) {
      return flags.toString();
    }
    for (String check : job.checks()) {
      flags.append(" -Xep:").append(check);
    }
    flags.append(" -XepOpt:").append(FindingsRecorder.FINDINGS_DIR_FLAG).append('=')
        .append(job.findingsDirectory());
    for (String option : job.checkerOptions()) {
      flags.append(" -XepOpt:").append(option);
    }
    if (job.run() == Run.FIX) {
      List<String> fixed = job.checks().stream()
          .filter(check -> !check.endsWith(":OFF"))
          .map(check -> check.substring(0, check.indexOf(':') < 0 ? check.length() : check.indexOf(':')))
          .toList();
      flags.append(" -XepPatchChecks:").append(String.join(",", fixed))
          .append(" -XepPatchLocation:IN_PLACE");
    }
    return flags.toString();
  }

  private static String quote(String arg) {
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Path javac(Path javaHome) {
    return javaHome.resolve("bin").resolve(isWindows() ? "javac.exe" : "javac");
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
  }

  /** The checker's message about its configuration (a malformed {@code -XepOpt:} value), if any. */
  public static String misconfiguration(Path log) {
    String marker = "shutdown-check is misconfigured: ";
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains(marker))
          .map(line -> line.substring(line.indexOf(marker) + marker.length()))
          .findFirst()
          .orElse(null);
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  /** javac's error lines (and the lines that explain them), without its warnings. */
  public static String errors(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      StringBuilder errors = new StringBuilder();
      boolean inError = false;
      int shown = 0;
      for (String line : lines) {
        if (line.contains(": error:") || line.startsWith("error:")) {
          inError = true;
          shown++;
        } else if (line.contains(": warning:") || line.matches("\\d+ (errors?|warnings?)")) {
          inError = false;
        }
        if (inError && shown <= 20) {
          errors.append(line).append('\n');
        }
      }
      if (errors.length() == 0) {
        return String.join("\n", lines.subList(0, Math.min(lines.size(), 40)));
      }
      return errors.toString().strip();
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  /**
   * The {@code -Xep:} flags: each of the checker's rules off or on as a warning, so that javac
   * fails only on compile errors; the reported severity comes from the rule and {@code <rules>}.
   */
  public static List<String> checks(RuleCatalog catalog, RuleSettings settings) {
    List<String> flags = new ArrayList<>();
    for (Rule rule : catalog.all()) {
      flags.add(rule.id() + (settings.isOff(rule.id()) ? ":OFF" : ":WARN"));
    }
    return flags;
  }
}
