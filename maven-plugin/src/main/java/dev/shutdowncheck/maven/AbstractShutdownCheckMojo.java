package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.AnalysisRequest;
import dev.shutdowncheck.analyzer.Analyzer;
import dev.shutdowncheck.analyzer.CheckerOptions;
import dev.shutdowncheck.analyzer.Console;
import dev.shutdowncheck.analyzer.Excludes;
import dev.shutdowncheck.analyzer.FindingLocator;
import dev.shutdowncheck.analyzer.RuleSettings;
import dev.shutdowncheck.analyzer.StandaloneCompiler;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystem;

/**
 * What the goals share: the parameters that choose what is analysed and how, turned into the
 * analyzer's request. The analysis itself, and its reports, are the analyzer's.
 */
abstract class AbstractShutdownCheckMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  protected PluginDescriptor plugin;

  @Component
  private RepositorySystem repositorySystem;

  @Component
  private ProjectDependenciesResolver dependenciesResolver;

  /** Skip the analysis. */
  @Parameter(property = "shutdowncheck.skip", defaultValue = "false")
  protected boolean skip;

  /** Also analyse the test sources. */
  @Parameter(property = "shutdowncheck.includeTests", defaultValue = "false")
  protected boolean includeTests;

  /** Per rule: {@code OFF}, or the severity to report it with ({@code ERROR}, {@code WARNING}, {@code SUGGESTION}). */
  @Parameter
  protected Map<String, String> rules;

  /**
   * Checker options, passed as {@code -XepOpt:} flags in standalone mode, e.g.
   * {@code <option>ShutdownCheck:ShutdownMethods=com.acme.Pool#drain</option>}.
   */
  @Parameter
  protected List<String> options;

  /**
   * {@code auto} (compiler mode where the compiler already records findings, standalone otherwise),
   * {@code compiler} or {@code standalone}.
   */
  @Parameter(property = "shutdowncheck.mode", defaultValue = "auto")
  protected String mode;

  /** The Error Prone that standalone mode runs; by default 2.42.0 on JDK 17-20, 2.50.0 on 21+. */
  @Parameter(property = "shutdowncheck.errorProneVersion")
  protected String errorProneVersion;

  /**
   * Files whose findings are not reported: path globs ({@code **}{@code /generated/**}) or classes
   * and packages ({@code com.acme.LegacyPool}, {@code com.acme.legacy.*}, {@code com.acme.legacy.**}).
   */
  @Parameter(property = "shutdowncheck.excludes")
  protected List<String> excludes;

  /** The root that SARIF and baseline paths are relative to; by default the enclosing Git checkout. */
  @Parameter(property = "shutdowncheck.repositoryRoot")
  protected File repositoryRoot;

  protected final Analyzer analyzer = Analyzer.forChecker();

  /** Analyses the module as {@code request} says, with a line before a compilation that takes a while. */
  protected final AnalysisReport analyse(AnalysisRequest request) throws MojoExecutionException {
    progress(request);
    try {
      return analyzer.analyse(request);
    } catch (AnalysisException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** One line before the analyzer's own javac runs: they take a while, and the log says why. */
  protected final void progress(AnalysisRequest request) {
    int files = request.compilations().stream().mapToInt(job -> job.sources().size()).sum();
    if (files > 0) {
      getLog().info("shutdown-check: compiling " + files + (files == 1 ? " source file" : " source files")
          + " of " + request.name() + " with Error Prone " + errorProneVersion() + " and the checker ("
          + request.mode().label() + " mode)");
    }
  }

  /**
   * The module's request, or null, after one line that says why, when the goal is skipped or the
   * module has no Java sources ({@code withoutSources} says what that means for this goal).
   */
  protected final AnalysisRequest requestUnlessSkipped(StandaloneCompiler.Run run, String withoutSources)
      throws MojoExecutionException {
    if (skip) {
      getLog().info("shutdown-check: skipped (shutdowncheck.skip)");
      return null;
    }
    AnalysisRequest request = request(run);
    if (request == null) {
      getLog().info("shutdown-check: no Java sources in " + project.getArtifactId() + ", " + withoutSources);
    }
    return request;
  }

  /** The analyzer's request for this module; null when it has no Java sources. */
  protected final AnalysisRequest request(StandaloneCompiler.Run run) throws MojoExecutionException {
    RuleSettings settings;
    List<String> checkerOptions;
    Excludes excluded;
    try {
      settings = RuleSettings.parse(rules, analyzer.catalog(), "<rules>");
      checkerOptions = CheckerOptions.parse(options, "<options>");
      excluded = Excludes.parse(excludes, "<excludes>");
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("shutdown-check: " + e.getMessage());
    }
    MavenModule module = new MavenModule(project, session, repositorySystem, dependenciesResolver);
    List<Path> mainSources = module.sources(false);
    List<Path> testSources = includeTests ? module.sources(true) : List.of();
    if (mainSources.isEmpty() && testSources.isEmpty()) {
      return null;
    }

    CompilerSetup compiler = CompilerSetup.of(project);
    if (run == StandaloneCompiler.Run.CHECK && chooseCompilerMode(compiler)) {
      if (!checkerOptions.isEmpty()) {
        getLog().warn("shutdown-check: <options> apply to standalone mode only; in compiler mode"
            + " put them in the compiler's -Xplugin:ErrorProne argument");
      }
      List<Path> files = new ArrayList<>();
      if (!mainSources.isEmpty()) {
        files.add(recorded(module.recordedFindings(compiler, false), project.getBuild().getOutputDirectory()));
      }
      if (!testSources.isEmpty()) {
        files.add(recorded(module.recordedFindings(compiler, true), project.getBuild().getTestOutputDirectory()));
      }
      return AnalysisRequest.recorded(module.name(), files, settings, compiler.rulesWithExplicitLevel(),
          repositoryRoot(), displayRoot()).excluding(excluded);
    }
    List<Path> errorProne = module.errorProne(errorProneVersion());
    List<String> checks = StandaloneCompiler.checks(analyzer.catalog(), settings);
    List<StandaloneCompiler.Job> jobs = new ArrayList<>();
    if (!mainSources.isEmpty()) {
      jobs.add(module.job(mainSources, false, errorProne, checks, checkerOptions, run));
    }
    if (!testSources.isEmpty()) {
      jobs.add(module.job(testSources, true, errorProne, checks, checkerOptions, run));
    }
    return AnalysisRequest.standalone(module.name(), jobs, settings, repositoryRoot(), displayRoot())
        .excluding(excluded);
  }

  private boolean chooseCompilerMode(CompilerSetup compiler) throws MojoExecutionException {
    switch (mode == null ? "auto" : mode.strip().toLowerCase()) {
      case "auto":
        return compiler.recordsFindings();
      case "standalone":
        return false;
      case "compiler":
        if (!compiler.recordsFindings()) {
          throw new MojoExecutionException(
              "shutdown-check: mode=compiler, but maven-compiler-plugin does not record findings;"
                  + " add -XepOpt:ShutdownCheck:FindingsDir=${project.build.directory}/shutdown-check"
                  + " to its -Xplugin:ErrorProne argument, or use mode=standalone");
        }
        return true;
      default:
        throw new MojoExecutionException(
            "shutdown-check: <mode> is '" + mode + "'; expected auto, compiler or standalone");
    }
  }

  /**
   * The findings file the module's compilation wrote, or one message for why there is none: no
   * compilation in this build yet, or one that did not run the checker.
   */
  private static Path recorded(Path file, String outputDirectory) throws MojoExecutionException {
    if (Files.isRegularFile(file)) {
      return file;
    }
    if (!ModuleClasspath.hasClassFiles(Paths.get(outputDirectory))) {
      throw new MojoExecutionException(
          "shutdown-check (compiler mode) reads the findings that maven-compiler-plugin records, but"
              + " nothing is compiled yet (" + outputDirectory + " has no classes). Run the check with"
              + " the compilation: 'mvn verify', or 'mvn compile shutdown-check:check'.");
    }
    throw new MojoExecutionException(
        "shutdown-check (compiler mode): " + file + " is missing, so the compilation did not run"
            + " the checker. Put dev.shutdowncheck:shutdown-check on the compiler's"
            + " annotationProcessorPaths next to Error Prone, and rebuild with 'mvn clean verify'.");
  }



  private String errorProneVersion() {
    return errorProneVersion == null || errorProneVersion.isBlank()
        ? StandaloneCompiler.defaultErrorProne(Runtime.version().feature())
        : errorProneVersion.strip();
  }

  protected final Path repositoryRoot() {
    if (repositoryRoot != null) {
      return repositoryRoot.toPath().toAbsolutePath().normalize();
    }
    return FindingLocator.repositoryRoot(Paths.get(session.getExecutionRootDirectory()));
  }

  /** Console paths are relative to where the build was started. */
  protected final Path displayRoot() {
    return Paths.get(session.getExecutionRootDirectory());
  }

  /** The analyzer's console on Maven's log. */
  protected final Console console() {
    return Console.of(getLog()::info, getLog()::warn, getLog()::error);
  }
}
