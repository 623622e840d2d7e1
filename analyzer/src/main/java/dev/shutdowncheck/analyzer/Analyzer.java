package dev.shutdowncheck.analyzer;

import dev.shutdowncheck.checks.ShutdownRule;
import dev.shutdowncheck.findings.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pipeline every front end shares: get the findings (read what a build recorded, or run javac
 * with Error Prone and the checker), drop the rules that are off, settle each finding's severity,
 * locate it in its file, and sort. The writers ({@link ConsoleReport}, {@link SarifReport},
 * {@link Baseline}) take it from there.
 */
public final class Analyzer {

  private final RuleCatalog catalog;

  public Analyzer(RuleCatalog catalog) {
    this.catalog = catalog;
  }

  /** The analyzer of the checker this build carries. */
  public static Analyzer forChecker() {
    return new Analyzer(RuleCatalog.load(ShutdownRule.class.getClassLoader()));
  }

  public RuleCatalog catalog() {
    return catalog;
  }

  public AnalysisReport analyse(AnalysisRequest request) throws AnalysisException {
    List<Finding> findings = new ArrayList<>();
    if (request.mode() == AnalysisRequest.Mode.RECORDED) {
      for (Path file : request.recordedFindings()) {
        findings.addAll(read(file));
      }
    } else {
      for (StandaloneCompiler.Job job : request.compilations()) {
        findings.addAll(compile(request.name(), job));
      }
    }
    return new AnalysisReport(request.name(), request.mode(), report(findings, request));
  }

  /**
   * Runs {@link StandaloneCompiler.Run#FIX} compilations: Error Prone applies the rules' suggested
   * fixes to the sources in place. Reports the findings whose fix changed a file.
   */
  public FixReport fix(AnalysisRequest request) throws AnalysisException {
    SourceSnapshot before = SourceSnapshot.of(request.compilations());
    List<Finding> findings = new ArrayList<>();
    for (StandaloneCompiler.Job job : request.compilations()) {
      if (job.run() != StandaloneCompiler.Run.FIX) {
        throw new IllegalArgumentException("not a fix run: " + job.run());
      }
      findings.addAll(compile(request.name(), job));
    }
    List<Path> changed = before.changedFiles();
    List<Finding> fixed = findings.stream()
        .filter(f -> !f.fix().isEmpty() && changed.contains(SourceSnapshot.path(f)))
        .toList();
    return new FixReport(report(fixed, request), changed.stream()
        .map(file -> FindingLocator.relative(request.displayRoot().toAbsolutePath().normalize(), file))
        .toList());
  }

  private List<Finding> compile(String name, StandaloneCompiler.Job job) throws AnalysisException {
    StandaloneCompiler.Outcome outcome;
    try {
      Files.deleteIfExists(job.findingsFile());
      outcome = StandaloneCompiler.compile(job);
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check cannot run javac: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnalysisException("shutdown-check was interrupted while javac ran", e);
    }
    // The checker reports a malformed -XepOpt value as a diagnostic; it must fail the analysis.
    String badFlag = StandaloneCompiler.misconfiguration(outcome.log());
    if (badFlag != null) {
      throw new AnalysisException("shutdown-check: " + badFlag);
    }
    if (!outcome.compiled()) {
      throw new AnalysisException(
          "shutdown-check (standalone mode) could not compile " + name
              + "; fix these errors first (javac output: " + outcome.log() + "):\n"
              + StandaloneCompiler.errors(outcome.log()));
    }
    if (!Files.isRegularFile(job.findingsFile())) {
      // The checker starts this file for every compilation unit; no file means it never ran.
      throw new AnalysisException(
          "shutdown-check (standalone mode): javac ran but the checker did not; see " + outcome.log());
    }
    // Sources javac read from -sourcepath (another module's) are compiled too: not this module's findings.
    Set<Path> own = job.sources().stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
    return read(job.findingsFile()).stream().filter(f -> own.contains(SourceSnapshot.path(f))).toList();
  }

  private static List<Finding> read(Path file) throws AnalysisException {
    try {
      return FindingsFile.read(file);
    } catch (IOException e) {
      throw new AnalysisException("shutdown-check cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private List<ReportedFinding> report(List<Finding> findings, AnalysisRequest request)
      throws AnalysisException {
    FindingLocator locator = new FindingLocator(request.repositoryRoot(), request.displayRoot());
    List<ReportedFinding> reported = new ArrayList<>();
    for (Finding finding : findings) {
      Rule rule = catalog.get(finding.rule());
      if (rule == null || request.rules().isOff(finding.rule())) {
        continue;
      }
      try {
        ReportedFinding located =
            locator.locate(finding, request.rules().severity(rule.id(), foundSeverity(finding, rule, request)));
        if (!request.excludes().excludes(located.repositoryPath())) {
          reported.add(located);
        }
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        throw new AnalysisException(
            "shutdown-check cannot read the source of a finding, " + finding.uri() + ": " + e.getMessage(), e);
      }
    }
    reported.sort(SarifReport.ORDER);
    return reported;
  }

  /**
   * A rule's own level, unless the build set one for it: standalone mode runs every rule as a
   * warning, and {@code -XepAllErrorsAsWarnings} only keeps a compilation going.
   */
  private static Severity foundSeverity(Finding finding, Rule rule, AnalysisRequest request) {
    if (request.rulesWithExplicitLevel().contains(rule.id())) {
      return Objects.requireNonNullElse(Severity.parseOrNull(finding.severity()), rule.defaultSeverity());
    }
    return rule.defaultSeverity();
  }
}
