package dev.shutdowncheck.maven;

import dev.shutdowncheck.checks.ShutdownRule;
import dev.shutdowncheck.findings.Finding;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What the {@code check} and {@code baseline} goals share: the parameters that choose what is
 * analysed and how, and the analysis itself, in compiler mode (read what the project's own
 * Error Prone compilation recorded) or standalone mode (compile with Error Prone in a forked JVM).
 */
abstract class AbstractShutdownCheckMojo extends AbstractMojo {

  private static final Pattern OPTION = Pattern.compile("[A-Za-z_][\\w.-]*(?::[\\w.-]+)*=\\S*");

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  protected PluginDescriptor plugin;

  @Component
  private RepositorySystem repositorySystem;

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

  /** The root that SARIF and baseline paths are relative to; by default the enclosing Git checkout. */
  @Parameter(property = "shutdowncheck.repositoryRoot")
  protected File repositoryRoot;

  /** What one analysis of the module found; {@code null} findings when it has no sources. */
  record Analysis(List<ReportedFinding> findings, RuleCatalog catalog, String modeUsed) {
    boolean skipped() {
      return findings == null;
    }
  }

  protected final RuleCatalog catalog() {
    return RuleCatalog.load(ShutdownRule.class.getClassLoader());
  }

  protected final Analysis analyse() throws MojoExecutionException {
    RuleCatalog catalog = catalog();
    RuleSettings settings;
    try {
      settings = RuleSettings.parse(rules, catalog);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("shutdown-check: " + e.getMessage());
    }
    List<String> checkerOptions = checkerOptions();

    List<Path> mainSources = javaSources(project.getCompileSourceRoots());
    List<Path> testSources = includeTests ? javaSources(project.getTestCompileSourceRoots()) : List.of();
    if (mainSources.isEmpty() && testSources.isEmpty()) {
      return new Analysis(null, catalog, null);
    }

    CompilerSetup compiler = CompilerSetup.of(project);
    boolean compilerMode = chooseCompilerMode(compiler);
    List<Finding> findings = new ArrayList<>();
    if (compilerMode) {
      if (!checkerOptions.isEmpty()) {
        getLog().warn("shutdown-check: <options> apply to standalone mode only; in compiler mode"
            + " put them in the compiler's -Xplugin:ErrorProne argument");
      }
      Path dir = Paths.get(compiler.findingsDir());
      if (!mainSources.isEmpty()) {
        findings.addAll(readRecorded(dir, project.getBuild().getOutputDirectory()));
      }
      if (!testSources.isEmpty()) {
        findings.addAll(readRecorded(dir, project.getBuild().getTestOutputDirectory()));
      }
    } else {
      List<Path> processorPath = processorPath();
      List<String> checks = StandaloneCompiler.checks(catalog, settings);
      if (!mainSources.isEmpty()) {
        findings.addAll(
            compileStandalone(mainSources, false, "classes", processorPath, checks, checkerOptions));
      }
      if (!testSources.isEmpty()) {
        findings.addAll(
            compileStandalone(testSources, true, "test-classes", processorPath, checks, checkerOptions));
      }
    }
    return new Analysis(report(findings, catalog, settings, compilerMode ? compiler : null), catalog,
        compilerMode ? "compiler" : "standalone");
  }

  private List<ReportedFinding> report(
      List<Finding> findings, RuleCatalog catalog, RuleSettings settings, CompilerSetup compiler)
      throws MojoExecutionException {
    FindingLocator locator = new FindingLocator(repositoryRoot(), displayRoot());
    List<ReportedFinding> reported = new ArrayList<>();
    for (Finding finding : findings) {
      Rule rule = catalog.get(finding.rule());
      if (settings.isOff(finding.rule()) || rule == null) {
        continue;
      }
      // A rule's own level, unless the compiler set one for it: standalone mode runs every rule
      // as a warning, and -XepAllErrorsAsWarnings only keeps the compilation going.
      Severity found = rule.defaultSeverity();
      if (compiler != null && compiler.rulesWithExplicitLevel().contains(rule.id())) {
        found = Objects.requireNonNullElse(Severity.parseOrNull(finding.severity()), found);
      }
      try {
        reported.add(locator.locate(finding, settings.severity(finding.rule(), found)));
      } catch (IOException | UncheckedIOException e) {
        throw new MojoExecutionException(
            "shutdown-check cannot read the source of a finding, " + finding.uri() + ": " + e.getMessage(), e);
      }
    }
    reported.sort(SarifReport.ORDER);
    return reported;
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

  private List<Finding> readRecorded(Path dir, String outputDirectory) throws MojoExecutionException {
    Path file = dir.resolve(Paths.get(outputDirectory).getFileName() + ".jsonl");
    if (!Files.isRegularFile(file)) {
      throw new MojoExecutionException(
          "shutdown-check (compiler mode): " + file + " is missing, so the compilation did not run"
              + " the checker. Put dev.shutdowncheck:shutdown-check on the compiler's"
              + " annotationProcessorPaths next to Error Prone, and rebuild with 'mvn clean verify'.");
    }
    try {
      return FindingsFile.read(file);
    } catch (IOException e) {
      throw new MojoExecutionException("shutdown-check cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private List<Finding> compileStandalone(
      List<Path> sources,
      boolean tests,
      String outputName,
      List<Path> errorProne,
      List<String> checks,
      List<String> checkerOptions)
      throws MojoExecutionException {
    Path work = Paths.get(project.getBuild().getDirectory(), "shutdown-check");
    Path findingsDir = work.resolve("standalone-findings");
    List<String> classpath = classpath(tests);
    AnnotationProcessing processing = AnnotationProcessing.of(project, tests);
    List<Path> processorPath = new ArrayList<>(errorProne);
    if (processing.enabled()) {
      processorPath.addAll(processorsOf(processing, classpath));
    }
    StandaloneCompiler.Job job =
        new StandaloneCompiler.Job(
            Paths.get(System.getProperty("java.home")),
            sources,
            classpath,
            processorPath,
            work.resolve(outputName),
            findingsDir,
            release(),
            project.getProperties().getProperty("project.build.sourceEncoding"),
            checks,
            checkerOptions,
            processing.enabled()
                ? new StandaloneCompiler.Processing(
                    true, processing.processors(), processing.options(), work.resolve("generated-" + outputName))
                : StandaloneCompiler.Processing.OFF,
            work);
    StandaloneCompiler.Outcome outcome;
    try {
      Files.deleteIfExists(findingsDir.resolve(outputName + ".jsonl"));
      outcome = StandaloneCompiler.compile(job);
    } catch (IOException e) {
      throw new MojoExecutionException("shutdown-check cannot run javac: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("shutdown-check was interrupted while javac ran", e);
    }
    // The checker reports a malformed -XepOpt value as a diagnostic; it must fail the goal.
    String badFlag = StandaloneCompiler.misconfiguration(outcome.log());
    if (badFlag != null) {
      throw new MojoExecutionException("shutdown-check: " + badFlag);
    }
    if (!outcome.compiled()) {
      throw new MojoExecutionException(
          "shutdown-check (standalone mode) could not compile " + project.getArtifactId()
              + "; fix these errors first (javac output: " + outcome.log() + "):\n"
              + StandaloneCompiler.errors(outcome.log()));
    }
    Path file = findingsDir.resolve(outputName + ".jsonl");
    if (!Files.isRegularFile(file)) {
      // The checker starts this file for every compilation unit; no file means it never ran.
      throw new MojoExecutionException(
          "shutdown-check (standalone mode): javac ran but the checker did not; see " + outcome.log());
    }
    try {
      return FindingsFile.read(file);
    } catch (IOException e) {
      throw new MojoExecutionException("shutdown-check cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where the module's own compilation finds its annotation processors: the artifacts of
   * {@code <annotationProcessorPaths>}, or else its class path, where javac looks by default.
   */
  private List<Path> processorsOf(AnnotationProcessing processing, List<String> classpath)
      throws MojoExecutionException {
    if (processing.processorPath().isEmpty()) {
      return classpath.stream().map(Paths::get).toList();
    }
    List<Artifact> artifacts = new ArrayList<>();
    for (AnnotationProcessing.Coordinates c : processing.versionedProcessorPath(project)) {
      if (c.groupId() == null || c.artifactId() == null || c.version() == null) {
        throw new MojoExecutionException(
            "shutdown-check: an <annotationProcessorPaths> entry of maven-compiler-plugin ("
                + c.key() + ") has no groupId, artifactId or version, and the module manages none;"
                + " give the entry all three");
      }
      artifacts.add(c.toArtifact());
    }
    try {
      return ProcessorPathResolver.resolveAll(
          repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories(), artifacts);
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "shutdown-check cannot resolve the module's <annotationProcessorPaths>: " + e.getMessage(), e);
    }
  }

  private List<String> checkerOptions() throws MojoExecutionException {
    List<String> result = new ArrayList<>();
    if (options == null) {
      return result;
    }
    for (String option : options) {
      String text = option == null ? "" : option.strip();
      if (text.startsWith("-XepOpt:")) {
        text = text.substring("-XepOpt:".length());
      }
      if (!OPTION.matcher(text).matches()) {
        throw new MojoExecutionException(
            "shutdown-check: <options> has a malformed entry '" + option
                + "'; expected Name=value, e.g. ShutdownCheck:ShutdownMethods=com.acme.Pool#drain");
      }
      result.add(text);
    }
    return result;
  }

  private List<Path> processorPath() throws MojoExecutionException {
    String version = errorProneVersion == null || errorProneVersion.isBlank()
        ? ProcessorPathResolver.defaultVersion(Runtime.version().feature())
        : errorProneVersion.strip();
    List<Path> path = new ArrayList<>();
    try {
      path.addAll(ProcessorPathResolver.resolve(
          repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories(), version));
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "shutdown-check cannot resolve Error Prone " + version + " (errorProneVersion): " + e.getMessage(), e);
    }
    try {
      path.add(Paths.get(ShutdownRule.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (java.net.URISyntaxException | SecurityException e) {
      throw new MojoExecutionException("shutdown-check cannot locate its checker jar", e);
    }
    return path;
  }

  private List<String> classpath(boolean tests) throws MojoExecutionException {
    try {
      List<String> elements =
          tests ? project.getTestClasspathElements() : project.getCompileClasspathElements();
      String own = tests ? project.getBuild().getTestOutputDirectory() : project.getBuild().getOutputDirectory();
      return elements.stream().filter(e -> !e.equals(own)).toList();
    } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("shutdown-check needs the module's dependencies resolved", e);
    }
  }

  /** The Java release the module compiles for, as the compiler plugin's properties say. */
  private String release() {
    for (String key : List.of("maven.compiler.release", "maven.compiler.source")) {
      String value = project.getProperties().getProperty(key);
      if (value != null && !value.isBlank()) {
        String release = value.strip().startsWith("1.") ? value.strip().substring(2) : value.strip();
        return release.matches("\\d+") ? release : null;
      }
    }
    return null;
  }

  private static List<Path> javaSources(List<String> roots) throws MojoExecutionException {
    List<Path> sources = new ArrayList<>();
    for (String root : roots) {
      Path dir = Paths.get(root);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).forEach(sources::add);
      } catch (IOException e) {
        throw new MojoExecutionException("shutdown-check cannot list the sources in " + dir, e);
      }
    }
    sources.sort(null);
    return sources;
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

  protected final String toolVersion() {
    return plugin.getVersion();
  }

  static String countsByRule(List<ReportedFinding> findings) {
    return findings.stream()
        .collect(Collectors.groupingBy(ReportedFinding::rule, java.util.TreeMap::new, Collectors.counting()))
        .entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
