package dev.shutdowncheck.maven;

import dev.shutdowncheck.analyzer.ReportedFinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * Collects each module's findings during a multi-module build, so that the module that completes
 * the set (the last to finish, also under {@code -T}) writes one merged SARIF run for upload and
 * fails the build once for every module's failing findings: every module is reported first.
 */
final class ReactorReport {

  /** One report per build; the request is shared by every module's session, also in parallel builds. */
  private static final Map<Object, ReactorReport> BY_BUILD =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Set<String> expected;
  private final Map<String, List<ReportedFinding>> received = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();
  private final List<ReportedFinding> failing = new ArrayList<>();
  private final Set<String> thresholds = new TreeSet<>();

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

  /** Whether {@code project} is one of the modules this build runs the check in. */
  boolean expects(MavenProject project) {
    return expected.contains(project.getId());
  }

  /** Whether the build has more than one module to merge. */
  boolean isMultiModule() {
    return expected.size() > 1;
  }

  /**
   * Records one module's findings, and those of them that fail the build at {@code threshold};
   * returns everything once every expected module has reported (to the caller that completed the
   * set, exactly once), otherwise null.
   */
  synchronized Merged add(
      MavenProject project, List<ReportedFinding> findings, List<String> toolErrors,
      List<ReportedFinding> moduleFailing, String threshold) {
    received.put(project.getId(), findings);
    errors.addAll(toolErrors);
    failing.addAll(moduleFailing);
    if (!moduleFailing.isEmpty()) {
      thresholds.add(threshold);
    }
    if (!received.keySet().containsAll(expected) || received.size() != expected.size()) {
      return null;
    }
    List<ReportedFinding> all = new ArrayList<>();
    received.values().forEach(all::addAll);
    return new Merged(all, List.copyOf(errors), List.copyOf(failing), String.join(" or ", thresholds));
  }

  /** The whole build: every finding, the tool errors, the findings that fail it and at what level. */
  record Merged(
      List<ReportedFinding> findings, List<String> toolErrors, List<ReportedFinding> failing,
      String thresholds) {}
}
