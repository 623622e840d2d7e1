package dev.shutdowncheck.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves standalone mode's processor path: {@code error_prone_core}, and the module's own
 * annotation processors, each with what it needs at run time.
 */
final class ProcessorPathResolver {

  private ProcessorPathResolver() {}

  static List<Path> resolve(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories,
      String version)
      throws DependencyResolutionException {
    return resolveAll(
        system,
        session,
        repositories,
        List.of(new DefaultArtifact("com.google.errorprone", "error_prone_core", "jar", version)));
  }

  /** The files of {@code artifacts} and of everything they need at run time. */
  static List<Path> resolveAll(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories,
      List<Artifact> artifacts)
      throws DependencyResolutionException {
    CollectRequest collect = new CollectRequest();
    collect.setRepositories(repositories);
    artifacts.forEach(artifact -> collect.addDependency(new Dependency(artifact, "runtime")));
    List<Path> jars = new ArrayList<>();
    for (ArtifactResult result :
        system.resolveDependencies(session, new DependencyRequest(collect, null))
            .getArtifactResults()) {
      jars.add(result.getArtifact().getFile().toPath());
    }
    return jars;
  }
}
