package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.AnalysisException;
import dev.shutdowncheck.analyzer.AnalysisRequest;
import dev.shutdowncheck.analyzer.FixReport;
import dev.shutdowncheck.analyzer.StandaloneCompiler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the suggested fixes of the rules (those a rule offers only where the change is safe) to
 * the module's sources in place, with Error Prone's patching, then prints what it changed. Review
 * the change as any other: a second run changes nothing.
 */
@Mojo(name = "fix", requiresDependencyResolution = ResolutionScope.NONE, threadSafe = true)
public final class FixMojo extends AbstractShutdownCheckMojo {

  @Override
  public void execute() throws MojoExecutionException {
    AnalysisRequest request = requestUnlessSkipped(StandaloneCompiler.Run.FIX, "nothing to fix");
    if (request == null) {
      return;
    }
    progress(request);
    FixReport report;
    try {
      report = analyzer.fix(request);
    } catch (AnalysisException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    report.print(console(), project.getArtifactId());
  }
}
