package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.AnalysisRequest;
import dev.shutdowncheck.analyzer.Baseline;
import dev.shutdowncheck.analyzer.ConsoleReport;
import dev.shutdowncheck.analyzer.FindingLocator;
import dev.shutdowncheck.analyzer.ReportedFinding;
import dev.shutdowncheck.analyzer.SarifJson;
import dev.shutdowncheck.analyzer.SarifReport;
import dev.shutdowncheck.analyzer.Severity;
import dev.shutdowncheck.analyzer.StandaloneCompiler;
import dev.shutdowncheck.analyzer.ToolVersion;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Reports the module's shutdown mistakes on the console and in SARIF, and fails the build on
 * those at or above {@code failOnSeverity} that the baseline does not accept. In a multi-module
 * build the execution root also gets one merged SARIF run for upload.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.NONE,
    threadSafe = true)
public final class CheckMojo extends AbstractShutdownCheckMojo {

  /** Fail the build on findings (at or above {@code failOnSeverity}). */
  @Parameter(property = "shutdowncheck.failOnViolation", defaultValue = "true")
  private boolean failOnViolation;

  /** The least severity that fails the build: {@code ERROR} or {@code WARNING}. */
  @Parameter(property = "shutdowncheck.failOnSeverity", defaultValue = "WARNING")
  private String failOnSeverity;

  /** Where the module's SARIF goes. */
  @Parameter(property = "shutdowncheck.sarifFile", defaultValue = "${project.build.directory}/shutdown-check.sarif")
  private File sarifFile;

  /** Where the merged SARIF of a multi-module build goes; by default the execution root's build directory. */
  @Parameter(property = "shutdowncheck.mergedSarifFile")
  private File mergedSarifFile;

  /** Accepted findings (written by the {@code baseline} goal): reported, but they do not fail the build. */
  @Parameter(property = "shutdowncheck.baselineFile")
  private File baselineFile;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Severity threshold = Severity.parseOrNull(failOnSeverity);
    if (threshold == null || threshold == Severity.SUGGESTION) {
      throw new MojoExecutionException(
          "shutdown-check: <failOnSeverity> is '" + failOnSeverity + "'; expected ERROR or WARNING");
    }
    ReactorReport reactor = ReactorReport.of(session, this::runsCheck);
    if (skip) {
      getLog().info("shutdown-check: skipped (shutdowncheck.skip)");
      completeReactor(reactor, List.of(), List.of(), List.of(), threshold);
      return;
    }
    Baseline baseline = null;
    AnalysisReport report;
    try {
      AnalysisRequest request = request(StandaloneCompiler.Run.CHECK);
      if (request == null) {
        // Nothing to check, so no baseline to read: an aggregator needs none.
        getLog().info("shutdown-check: no Java sources in " + project.getArtifactId() + ", skipped");
        completeReactor(reactor, List.of(), List.of(), List.of(), threshold);
        return;
      }
      baseline = readBaseline();
      report = analyse(request);
    } catch (MojoExecutionException e) {
      // The SARIF says the analysis failed and why, rather than claiming a clean module.
      List<String> errors = List.of(e.getMessage());
      write(sarifFile.toPath(), List.of(), automationId(), false, errors);
      completeReactor(reactor, List.of(), errors, List.of(), threshold);
      throw e;
    }
    if (baseline != null) {
      report = report.withBaseline(baseline);
    }

    Path sarif = sarifFile.toPath();
    write(sarif, report.findings(), automationId(), baseline != null, List.of());
    ConsoleReport.print(console(), report.label(), report.findings(), sarif);
    completeReactor(reactor, report.findings(), List.of(), failOnViolation ? report.failing(threshold) : List.of(),
        threshold);
  }

  /**
   * Adds this module to the build's report. The module that completes it writes the merged SARIF
   * and fails the build for every module's failing findings, so that a multi-module build reports
   * all modules before it fails, once; a single module fails at once.
   */
  private void completeReactor(
      ReactorReport reactor, List<ReportedFinding> findings, List<String> toolErrors,
      List<ReportedFinding> failing, Severity threshold)
      throws MojoExecutionException, MojoFailureException {
    if (!reactor.expects(project)) {
      failIfAny(failing, "at " + threshold + " or above");
      return;
    }
    ReactorReport.Merged merged = reactor.add(project, findings, toolErrors, failing, threshold.name());
    if (merged == null) {
      if (!failing.isEmpty()) {
        getLog().info("shutdown-check: " + project.getArtifactId() + " has findings that fail the build;"
            + " it fails once the other modules are reported");
      }
      return;
    }
    if (reactor.isMultiModule()) {
      Path file = mergedSarifFile != null ? mergedSarifFile.toPath() : defaultMergedFile();
      write(file, merged.findings(), SarifReport.TOOL_NAME + "/", baselineFile != null,
          merged.toolErrors());
      getLog().info("shutdown-check: merged SARIF of the build's modules written to " + file);
    }
    failIfAny(merged.failing(), "at " + merged.thresholds() + " or above");
  }

  private static void failIfAny(List<ReportedFinding> failing, String what) throws MojoFailureException {
    if (!failing.isEmpty()) {
      throw new MojoFailureException(ConsoleReport.failure(failing, what,
          "mvn shutdown-check:baseline, then set <baselineFile> (or -Dshutdowncheck.baselineFile=...)."));
    }
  }

  private Path defaultMergedFile() {
    for (MavenProject candidate : session.getProjects()) {
      if (candidate.isExecutionRoot()) {
        return Paths.get(candidate.getBuild().getDirectory(), "shutdown-check-merged.sarif");
      }
    }
    return Paths.get(session.getExecutionRootDirectory(), "target", "shutdown-check-merged.sarif");
  }

  private void write(
      Path file,
      List<ReportedFinding> findings,
      String automationId,
      boolean baselineUsed,
      List<String> toolErrors)
      throws MojoExecutionException {
    try {
      SarifJson.write(
          SarifReport.build(analyzer.catalog(), findings, ToolVersion.current(), automationId, baselineUsed, toolErrors),
          file);
    } catch (IOException e) {
      throw new MojoExecutionException("shutdown-check cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** One category per module, so that per-module uploads do not collide: {@code shutdown-check/PATH/}. */
  private String automationId() {
    String module = FindingLocator.relative(repositoryRoot(), project.getBasedir().toPath().toAbsolutePath().normalize());
    return SarifReport.TOOL_NAME + "/" + (module.isEmpty() ? project.getArtifactId() : module) + "/";
  }

  private Baseline readBaseline() throws MojoExecutionException {
    if (baselineFile == null) {
      return null;
    }
    try {
      return Baseline.read(baselineFile.toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "shutdown-check: " + e.getMessage() + "; write one with 'mvn shutdown-check:baseline'"
              + " or remove <baselineFile>");
    }
  }

  /** Whether {@code candidate} runs this goal in this build: invoked directly, or bound in its POM. */
  private boolean runsCheck(MavenProject candidate) {
    String prefix = plugin.getGoalPrefix() + ":check";
    String key = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":";
    for (String goal : session.getGoals()) {
      String g = goal.toLowerCase(Locale.ROOT);
      if (g.equals(prefix) || (g.startsWith(key) && g.endsWith(":check"))) {
        return true;
      }
    }
    Plugin declared = candidate.getBuild().getPluginsAsMap().get(plugin.getPluginLookupKey());
    if (declared == null) {
      return false;
    }
    for (PluginExecution execution : declared.getExecutions()) {
      if (execution.getGoals().contains("check")) {
        return true;
      }
    }
    return false;
  }
}
