package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.ReportedFinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * Collects each module's findings during a multi-module build, so that the module that completes
 * the set (the last to finish, also under {@code -T}) can write one merged SARIF run for upload.
 */
final class ReactorReport {

  /** One report per build; the request is shared by every module's session, also in parallel builds. */
  private static final Map<Object, ReactorReport> BY_BUILD =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Set<String> expected;
  private final Map<String, List<ReportedFinding>> received = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();

  private ReactorReport(Set<String> expected) {
    this.expected = expected;
  }

  static ReactorReport of(MavenSession session, Predicate<MavenProject> runsCheck) {
    return BY_BUILD.computeIfAbsent(session.getRequest(), request -> {
      Set<String> expected = new LinkedHashSet<>();
      for (MavenProject project : session.getProjects()) {
        if (runsCheck.test(project)) {
          expected.add(project.getId());
        }
      }
      return new ReactorReport(expected);
    });
  }

  /** Whether the build has more than one module to merge. */
  boolean isMultiModule() {
    return expected.size() > 1;
  }

  /**
   * Records one module's findings; returns all findings once every expected module has reported
   * (to the caller that completed the set, exactly once), otherwise null.
   */
  synchronized Merged add(MavenProject project, List<ReportedFinding> findings, List<String> toolErrors) {
    received.put(project.getId(), findings);
    errors.addAll(toolErrors);
    if (!received.keySet().containsAll(expected) || received.size() != expected.size()) {
      return null;
    }
    List<ReportedFinding> all = new ArrayList<>();
    received.values().forEach(all::addAll);
    return new Merged(all, List.copyOf(errors));
  }

  record Merged(List<ReportedFinding> findings, List<String> toolErrors) {}
}
