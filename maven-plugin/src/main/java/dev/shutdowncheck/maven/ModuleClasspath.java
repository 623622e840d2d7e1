package dev.shutdowncheck.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;

/**
 * A module's class path for standalone mode, resolved by the plugin itself so that goal-only runs
 * ({@code mvn shutdown-check:check}) work in a multi-module build: Maven would resolve the
 * reactor's own modules only from a lifecycle that packaged them. Other artifacts resolve as
 * usual; a module of the reactor contributes its jar or classes when this build or an earlier one
 * made them, and otherwise its sources, which javac then reads from {@code -sourcepath}.
 */
final class ModuleClasspath {

  private static final Set<String> MAIN_SCOPES = Set.of("compile", "provided", "system");
  private static final Set<String> TEST_SCOPES = Set.of("compile", "provided", "system", "runtime", "test");

  /** Class path entries, and source roots for javac's {@code -sourcepath} (possibly none). */
  record Entries(List<String> classpath, List<String> sourcepath) {}

  private ModuleClasspath() {}

  static Entries resolve(
      MavenProject project, MavenSession session, ProjectDependenciesResolver resolver, boolean tests)
      throws MojoExecutionException {
    Map<String, MavenProject> reactor = session.getProjects().stream()
        .collect(Collectors.toMap(p -> p.getGroupId() + ":" + p.getArtifactId(), Function.identity(), (a, b) -> a));
    Set<String> scopes = tests ? TEST_SCOPES : MAIN_SCOPES;
    DependencyFilter inScope = (node, parents) ->
        node.getDependency() == null || scopes.contains(node.getDependency().getScope());
    DependencyFilter external = (node, parents) ->
        inScope.accept(node, parents) && (node.getArtifact() == null || !reactor.containsKey(key(node.getArtifact())));

    DefaultDependencyResolutionRequest request =
        new DefaultDependencyResolutionRequest(project, session.getRepositorySession());
    request.setResolutionFilter(external);
    DependencyResolutionResult result;
    try {
      result = resolver.resolve(request);
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "shutdown-check cannot resolve the dependencies of " + project.getArtifactId() + ": " + e.getMessage(), e);
    }

    Set<String> classpath = new LinkedHashSet<>();
    Set<String> sourcepath = new LinkedHashSet<>();
    if (tests) {
      // The tests compile against the module's own main code.
      addModule(project, false, classpath, sourcepath);
    }
    for (DependencyNode node : reactorModules(result.getDependencyGraph(), reactor, inScope)) {
      Artifact artifact = node.getArtifact();
      addModule(reactor.get(key(artifact)), "tests".equals(artifact.getClassifier()), classpath, sourcepath);
    }
    for (org.eclipse.aether.graph.Dependency dependency : result.getDependencies()) {
      if (dependency.getArtifact().getFile() != null) {
        classpath.add(dependency.getArtifact().getFile().getPath());
      }
    }
    return new Entries(List.copyOf(classpath), List.copyOf(sourcepath));
  }

  /** The reactor's modules among the dependencies, transitively, in scope. */
  private static List<DependencyNode> reactorModules(
      DependencyNode root, Map<String, MavenProject> reactor, DependencyFilter inScope) {
    List<DependencyNode> found = new ArrayList<>();
    List<DependencyNode> parents = new ArrayList<>();
    collect(root, parents, reactor, inScope, found);
    return found;
  }

  private static void collect(
      DependencyNode node, List<DependencyNode> parents, Map<String, MavenProject> reactor,
      DependencyFilter inScope, List<DependencyNode> found) {
    for (DependencyNode child : node.getChildren()) {
      parents.add(0, node);
      if (child.getArtifact() != null && reactor.containsKey(key(child.getArtifact()))
          && inScope.accept(child, parents)) {
        found.add(child);
      }
      collect(child, parents, reactor, inScope, found);
      parents.remove(0);
    }
  }

  /** A reactor module's main or test code: packaged, compiled, or else its sources. */
  private static void addModule(MavenProject module, boolean testCode, Set<String> classpath, Set<String> sourcepath) {
    if (!testCode && module.getArtifact() != null && module.getArtifact().getFile() != null
        && module.getArtifact().getFile().isFile()) {
      classpath.add(module.getArtifact().getFile().getPath());
      return;
    }
    String output = testCode ? module.getBuild().getTestOutputDirectory() : module.getBuild().getOutputDirectory();
    if (hasClassFiles(Paths.get(output))) {
      classpath.add(output);
      return;
    }
    List<String> roots = testCode ? module.getTestCompileSourceRoots() : module.getCompileSourceRoots();
    roots.stream().filter(root -> Files.isDirectory(Paths.get(root))).forEach(sourcepath::add);
  }

  static boolean hasClassFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".class"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String key(Artifact artifact) {
    return artifact.getGroupId() + ":" + artifact.getArtifactId();
  }
}
