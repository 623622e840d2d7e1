package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.AnalysisReport;
import dev.shutdowncheck.analyzer.AnalysisRequest;
import dev.shutdowncheck.analyzer.StandaloneCompiler;
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
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.NONE, threadSafe = true)
public final class BaselineMojo extends AbstractShutdownCheckMojo {

  /**
   * Where the baseline goes; point {@code check}'s {@code baselineFile} at the same file. A relative
   * path is per module; one path for every module (an absolute one) makes one file for the build.
   */
  @Parameter(property = "shutdowncheck.baselineFile", defaultValue = "${project.basedir}/shutdown-check-baseline.json")
  private File baselineFile;

  @Override
  public void execute() throws MojoExecutionException {
    AnalysisRequest request = requestUnlessSkipped(StandaloneCompiler.Run.CHECK, "no baseline written");
    if (request == null) {
      return;
    }
    AnalysisReport report = analyse(request);
    int written;
    try {
      written = BaselineWriter.write(session.getRequest(), baselineFile.toPath(), project.getId(), report.findings());
    } catch (IOException e) {
      throw new MojoExecutionException("shutdown-check cannot write " + baselineFile + ": " + e.getMessage(), e);
    }
    getLog().info("shutdown-check: baseline of " + report.findings().size() + " findings of "
        + project.getArtifactId() + " written to " + baselineFile
        + (written > report.findings().size() ? " (" + written + " with the modules before it)" : ""));
  }
}
