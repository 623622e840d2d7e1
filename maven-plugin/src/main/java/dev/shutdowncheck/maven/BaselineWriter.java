package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.Baseline;
import dev.shutdowncheck.analyzer.ReportedFinding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * Writes the baseline goal's files so that modules that name the same file share it: with a path
 * of its own per module (the default) each module writes its findings; with one path for the whole
 * build, each module writes what every module so far in this build found, so none overwrites
 * another's. A finding is matched by its repository path, so one file serves every module.
 */
final class BaselineWriter {

  /** Per build (its request), per file: the findings of the modules that wrote it so far. */
  private static final Map<Object, Map<Path, Map<String, List<ReportedFinding>>>> BY_BUILD =
      Collections.synchronizedMap(new WeakHashMap<>());

  private BaselineWriter() {}

  /** Writes {@code file} with this module's findings and those earlier modules put there; returns their count. */
  static int write(Object build, Path file, String module, List<ReportedFinding> findings) throws IOException {
    Map<Path, Map<String, List<ReportedFinding>>> files = BY_BUILD.computeIfAbsent(build, b -> new TreeMap<>());
    synchronized (files) {
      Map<String, List<ReportedFinding>> modules =
          files.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new TreeMap<>());
      modules.put(module, findings);
      List<ReportedFinding> all = new ArrayList<>();
      modules.values().forEach(all::addAll);
      Baseline.write(file, all);
      return all.size();
    }
  }
}
