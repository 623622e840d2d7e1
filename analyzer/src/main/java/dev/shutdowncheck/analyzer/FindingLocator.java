package dev.shutdowncheck.analyzer;

import dev.shutdowncheck.findings.Finding;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the checker's findings into reported ones: paths relative to the repository root (SARIF,
 * baselines) and to the build's root (console), and the text and GitHub fingerprint of each
 * finding's line, reading each source file once.
 */
public final class FindingLocator {

  private final Path repositoryRoot;
  private final Path displayRoot;
  private final Map<Path, SourceLines> sources = new HashMap<>();

  public FindingLocator(Path repositoryRoot, Path displayRoot) {
    this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
    this.displayRoot = displayRoot.toAbsolutePath().normalize();
  }

  private record SourceLines(List<String> lines, Map<Integer, String> hashes) {}

  public ReportedFinding locate(Finding finding, Severity severity) throws IOException {
    Path file = Paths.get(URI.create(finding.uri())).toAbsolutePath().normalize();
    SourceLines source = sources.get(file);
    if (source == null) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      source = new SourceLines(text.lines().toList(), LineHashes.of(text));
      sources.put(file, source);
    }
    int line = finding.span().startLine();
    String lineText = line >= 1 && line <= source.lines().size() ? source.lines().get(line - 1) : "";
    return new ReportedFinding(
        finding,
        severity,
        relative(repositoryRoot, file),
        file.startsWith(displayRoot) ? relative(displayRoot, file) : relative(repositoryRoot, file),
        source.hashes().get(line),
        lineText,
        false);
  }

  /** A relative path with forward slashes, as SARIF URIs and GitHub want it. */
  public static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** The repository root: the nearest directory up from {@code start} with a {@code .git}. */
  public static Path repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir;
      }
    }
    return start.toAbsolutePath().normalize();
  }
}
