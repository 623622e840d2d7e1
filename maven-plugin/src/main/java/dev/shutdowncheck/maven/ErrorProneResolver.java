package dev.shutdowncheck.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/** Resolves {@code error_prone_core} and what it needs, for standalone mode's processor path. */
final class ErrorProneResolver {

  /** The floor the checker is built and tested on; it runs on JDK 17 and later. */
  static final String FLOOR_VERSION = "2.42.0";
  /** The newest Error Prone the checker is tested with; it needs JDK 21 or later. */
  static final String LATEST_VERSION = "2.50.0";

  private ErrorProneResolver() {}

  /** The Error Prone a forked javac of {@code javaFeatureVersion} can run. */
  static String defaultVersion(int javaFeatureVersion) {
    return javaFeatureVersion >= 21 ? LATEST_VERSION : FLOOR_VERSION;
  }

  static List<Path> resolve(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories,
      String version)
      throws DependencyResolutionException {
    CollectRequest collect =
        new CollectRequest(
            new Dependency(
                new DefaultArtifact("com.google.errorprone", "error_prone_core", "jar", version),
                "runtime"),
            repositories);
    List<Path> jars = new ArrayList<>();
    for (ArtifactResult result :
        system.resolveDependencies(session, new DependencyRequest(collect, null))
            .getArtifactResults()) {
      jars.add(result.getArtifact().getFile().toPath());
    }
    return jars;
  }
}
