package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.Baseline;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the module's current findings to {@code baselineFile}, so that {@code check} reports them
 * without failing the build and fails only on new ones.
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class BaselineMojo extends AbstractShutdownCheckMojo {

  /** Where the baseline goes; point {@code check}'s {@code baselineFile} at the same file. */
  @Parameter(property = "shutdowncheck.baselineFile", defaultValue = "${project.basedir}/shutdown-check-baseline.json")
  private File baselineFile;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("shutdown-check: skipped (shutdowncheck.skip)");
      return;
    }
    AnalysisReport report = analyse();
    if (report == null) {
      getLog().info("shutdown-check: no Java sources in " + project.getArtifactId() + ", no baseline written");
      return;
    }
    try {
      Baseline.write(baselineFile.toPath(), report.findings());
    } catch (IOException e) {
      throw new MojoExecutionException("shutdown-check cannot write " + baselineFile + ": " + e.getMessage(), e);
    }
    getLog().info("shutdown-check: baseline of " + report.findings().size() + " findings written to "
        + baselineFile);
  }
}
