package dev.shutdowncheck.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * How a module's own {@code maven-compiler-plugin} runs annotation processors, so that standalone
 * mode compiles the module the same way: code that uses Lombok, or classes that AutoValue or
 * MapStruct generate, compiles only with its processors.
 *
 * <p>{@code processorPath} lists the {@code <annotationProcessorPaths>} artifacts; when there are
 * none, javac finds processors on the class path, and so does standalone mode. {@code processors}
 * are the {@code <annotationProcessors>} class names (none: every processor found runs), and
 * {@code options} the {@code -A} arguments.
 */
record AnnotationProcessing(
    boolean enabled, List<Coordinates> processorPath, List<String> processors, List<String> options) {

  /** An artifact of {@code <annotationProcessorPaths>}; {@code version} may be managed elsewhere. */
  record Coordinates(String groupId, String artifactId, String version, String classifier, String type) {
    String key() {
      return groupId + ":" + artifactId;
    }

    Artifact toArtifact() {
      return new DefaultArtifact(groupId, artifactId, classifier, type, version);
    }
  }

  static final AnnotationProcessing DEFAULT = new AnnotationProcessing(true, List.of(), List.of(), List.of());

  /** Reads the plugin's configuration, then its executions' (for the main or test compilation). */
  static AnnotationProcessing of(MavenProject project, boolean tests) {
    Plugin compiler = project.getBuild().getPluginsAsMap().get(CompilerSetup.COMPILER_PLUGIN);
    if (compiler == null) {
      return DEFAULT;
    }
    List<Xpp3Dom> configurations = new ArrayList<>();
    String execution = tests ? "default-testCompile" : "default-compile";
    for (PluginExecution e : compiler.getExecutions()) {
      if (e.getId().equals(execution) && e.getConfiguration() instanceof Xpp3Dom dom) {
        configurations.add(dom); // an execution's own settings come first
      }
    }
    if (compiler.getConfiguration() instanceof Xpp3Dom dom) {
      configurations.add(dom);
    }
    return parse(configurations);
  }

  /** The settings of the first configuration that has each one. */
  static AnnotationProcessing parse(List<Xpp3Dom> configurations) {
    Xpp3Dom proc = first(configurations, "proc");
    Xpp3Dom paths = first(configurations, "annotationProcessorPaths");
    Xpp3Dom names = first(configurations, "annotationProcessors");
    Xpp3Dom args = first(configurations, "compilerArgs");
    List<String> arguments = values(args);
    boolean enabled =
        !(proc != null && "none".equals(text(proc))) && !arguments.contains("-proc:none");
    List<Coordinates> processorPath = new ArrayList<>();
    if (paths != null) {
      for (Xpp3Dom path : paths.getChildren()) {
        processorPath.add(
            new Coordinates(
                text(path.getChild("groupId")),
                text(path.getChild("artifactId")),
                text(path.getChild("version")),
                text(path.getChild("classifier")),
                Objects.requireNonNullElse(text(path.getChild("type")), "jar")));
      }
    }
    List<String> options = arguments.stream().filter(a -> a.startsWith("-A")).toList();
    return new AnnotationProcessing(enabled, List.copyOf(processorPath), values(names), options);
  }

  /**
   * {@code <annotationProcessorPaths>} entries with the version the module manages or depends on
   * where the entry gives none (maven-compiler-plugin 3.12 and later allow that).
   */
  List<Coordinates> versionedProcessorPath(MavenProject project) {
    List<Coordinates> versioned = new ArrayList<>();
    for (Coordinates c : processorPath) {
      String version = c.version() != null ? c.version() : versionIn(project, c.key());
      versioned.add(new Coordinates(c.groupId(), c.artifactId(), version, c.classifier(), c.type()));
    }
    return versioned;
  }

  private static String versionIn(MavenProject project, String key) {
    List<Dependency> candidates = new ArrayList<>(project.getDependencies());
    if (project.getDependencyManagement() != null) {
      candidates.addAll(project.getDependencyManagement().getDependencies());
    }
    return candidates.stream()
        .filter(d -> key.equals(d.getGroupId() + ":" + d.getArtifactId()) && d.getVersion() != null)
        .map(Dependency::getVersion)
        .findFirst()
        .orElse(null);
  }

  private static Xpp3Dom first(List<Xpp3Dom> configurations, String name) {
    return configurations.stream().map(c -> c.getChild(name)).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static List<String> values(Xpp3Dom list) {
    if (list == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Xpp3Dom child : list.getChildren()) {
      String value = text(child);
      if (value != null) {
        values.add(value);
      }
    }
    return List.copyOf(values);
  }

  private static String text(Xpp3Dom node) {
    if (node == null || node.getValue() == null || node.getValue().isBlank()) {
      return null;
    }
    return node.getValue().strip();
  }
}
