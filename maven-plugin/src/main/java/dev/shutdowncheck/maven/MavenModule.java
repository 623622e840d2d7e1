package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.StandaloneCompiler;
import dev.shutdowncheck.checks.ShutdownRule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What the analyzer needs to know of one Maven module, read from its model: its sources, class
 * path, compiler flags and annotation processors, and the Error Prone to run, resolved.
 */
final class MavenModule {

  private final MavenProject project;
  private final MavenSession session;
  private final RepositorySystem repositorySystem;
  private final ProjectDependenciesResolver dependenciesResolver;

  MavenModule(
      MavenProject project, MavenSession session, RepositorySystem repositorySystem,
      ProjectDependenciesResolver dependenciesResolver) {
    this.project = project;
    this.session = session;
    this.repositorySystem = repositorySystem;
    this.dependenciesResolver = dependenciesResolver;
  }

  String name() {
    return project.getArtifactId();
  }

  /** The module's main or test Java sources, sorted. */
  List<Path> sources(boolean tests) throws MojoExecutionException {
    List<String> roots = tests ? project.getTestCompileSourceRoots() : project.getCompileSourceRoots();
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

  /** Where the compiler records findings for the main or test compilation (compiler mode). */
  Path recordedFindings(CompilerSetup compiler, boolean tests) {
    String output = tests ? project.getBuild().getTestOutputDirectory() : project.getBuild().getOutputDirectory();
    return Paths.get(compiler.findingsDir()).resolve(Paths.get(output).getFileName() + ".jsonl");
  }

  /** One javac run of the main or test sources with Error Prone and the checker. */
  StandaloneCompiler.Job job(
      List<Path> sources,
      boolean tests,
      List<Path> errorProne,
      List<String> checks,
      List<String> checkerOptions,
      StandaloneCompiler.Run run)
      throws MojoExecutionException {
    String outputName = tests ? "test-classes" : "classes";
    Path work = Paths.get(project.getBuild().getDirectory(), "shutdown-check");
    ModuleClasspath.Entries entries = ModuleClasspath.resolve(project, session, dependenciesResolver, tests);
    List<String> classpath = entries.classpath();
    AnnotationProcessing processing = AnnotationProcessing.of(project, tests);
    List<Path> processorPath = new ArrayList<>(errorProne);
    if (processing.enabled()) {
      processorPath.addAll(processorsOf(processing, classpath));
    }
    List<String> compilerOptions = new ArrayList<>(CompilerFlags.of(project, tests));
    if (!entries.sourcepath().isEmpty()) {
      compilerOptions.add("-sourcepath");
      compilerOptions.add(String.join(java.io.File.pathSeparator, entries.sourcepath()));
    }
    return new StandaloneCompiler.Job(
        Paths.get(System.getProperty("java.home")),
        sources,
        classpath,
        processorPath,
        compilerOptions,
        processing.enabled()
            ? new StandaloneCompiler.Processing(
                true, processing.processors(), processing.options(), work.resolve("generated-" + outputName))
            : StandaloneCompiler.Processing.OFF,
        checks,
        checkerOptions,
        work.resolve(outputName),
        work.resolve(run == StandaloneCompiler.Run.FIX ? "fix-findings" : "standalone-findings"),
        work,
        run);
  }

  /** Error Prone of {@code version} with what it needs, then the checker jar. */
  List<Path> errorProne(String version) throws MojoExecutionException {
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
    } catch (URISyntaxException | SecurityException e) {
      throw new MojoExecutionException("shutdown-check cannot locate its checker jar", e);
    }
    return path;
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
}
