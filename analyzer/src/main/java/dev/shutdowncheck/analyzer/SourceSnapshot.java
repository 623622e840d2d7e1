package dev.shutdowncheck.analyzer;

import dev.shutdowncheck.findings.Finding;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bytes of a compilation's sources before a fix run, to tell which files it rewrote. */
final class SourceSnapshot {

  private final Map<Path, byte[]> contents;

  private SourceSnapshot(Map<Path, byte[]> contents) {
    this.contents = contents;
  }

  static SourceSnapshot of(List<StandaloneCompiler.Job> jobs) throws AnalysisException {
    Map<Path, byte[]> contents = new LinkedHashMap<>();
    for (StandaloneCompiler.Job job : jobs) {
      for (Path source : job.sources()) {
        Path file = source.toAbsolutePath().normalize();
        try {
          contents.put(file, Files.readAllBytes(file));
        } catch (IOException e) {
          throw new AnalysisException("shutdown-check cannot read " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return new SourceSnapshot(contents);
  }

  /** The files whose bytes differ now, in the order of the sources. */
  List<Path> changedFiles() throws AnalysisException {
    List<Path> changed = new ArrayList<>();
    for (Map.Entry<Path, byte[]> entry : contents.entrySet()) {
      try {
        if (!Arrays.equals(entry.getValue(), Files.readAllBytes(entry.getKey()))) {
          changed.add(entry.getKey());
        }
      } catch (IOException e) {
        throw new AnalysisException("shutdown-check cannot read " + entry.getKey() + ": " + e.getMessage(), e);
      }
    }
    return changed;
  }

  static Path path(Finding finding) {
    return Paths.get(URI.create(finding.uri())).toAbsolutePath().normalize();
  }
}
