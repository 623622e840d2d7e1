package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on findings a build recorded: no javac runs here (see {@link StandaloneRunTest}). */
class AnalyzerTest {

  @TempDir Path repo;

  private final Analyzer analyzer = Analyzer.forChecker();

  private Path source(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String finding(Path file, String rule, String severity, int line, int offset) {
    return "{\"rule\":\"" + rule + "\",\"severity\":\"" + severity + "\",\"uri\":\"" + file.toUri()
        + "\",\"span\":{\"startOffset\":" + offset + ",\"endOffset\":" + (offset + 4) + ",\"startLine\":" + line
        + ",\"startColumn\":5,\"endLine\":" + line + ",\"endColumn\":9},\"message\":\"m\",\"fix\":[]}";
  }

  private Path findings(String... lines) throws IOException {
    Path file = repo.resolve("build/shutdown-check/classes.jsonl");
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private AnalysisReport analyse(Path findings, RuleSettings rules, Set<String> explicit) throws AnalysisException {
    return analyzer.analyse(AnalysisRequest.recorded("app", List.of(findings), rules, explicit, repo,
        repo.resolve("app")));
  }

  @Test
  void recordedFindingsAreLocatedSortedAndReportedAtTheRulesOwnLevel() throws Exception {
    Path b = source("app/src/B.java", "class B {\n  void f() { halt(); }\n}\n");
    Path a = source("app/src/A.java", "class A {\n  x\n  y\n}\n");
    // -XepAllErrorsAsWarnings recorded ExitInShutdownHook as a warning: its own level is ERROR.
    Path file = findings(
        finding(b, "ForcedTermination", "WARNING", 2, 12),
        finding(a, "ExitInShutdownHook", "WARNING", 3, 14),
        finding(a, "ForcedTermination", "WARNING", 2, 10));
    AnalysisReport report = analyse(file, RuleSettings.NONE, Set.of());

    List<ReportedFinding> found = report.findings();
    assertEquals(List.of("app/src/A.java:2", "app/src/A.java:3", "app/src/B.java:2"),
        found.stream().map(f -> f.repositoryPath() + ":" + f.line()).toList());
    assertEquals("src/A.java", found.get(0).displayPath(), "the console shows paths below where the build ran");
    assertEquals("  y", found.get(1).lineText());
    assertEquals(Severity.ERROR, found.get(1).severity());
    assertEquals("app (compiler mode)", report.label());
    assertEquals(1, report.failing(Severity.ERROR).size());
    assertEquals(3, report.failing(Severity.WARNING).size());
  }

  @Test
  void aLevelTheBuildSetOnPurposeWinsAndRuleSettingsWinOverBoth() throws Exception {
    Path a = source("app/src/A.java", "class A {\n  x\n}\n");
    Path file = findings(finding(a, "ExitInShutdownHook", "WARNING", 2, 10),
        finding(a, "ForcedTermination", "WARNING", 2, 10));
    AnalysisReport explicit = analyse(file, RuleSettings.NONE, Set.of("ExitInShutdownHook"));
    assertEquals(Severity.WARNING, explicit.findings().get(0).severity());

    RuleSettings rules = RuleSettings.parse(
        Map.of("ExitInShutdownHook", "SUGGESTION", "ForcedTermination", "OFF"), analyzer.catalog(), "--rule");
    AnalysisReport configured = analyse(file, rules, Set.of("ExitInShutdownHook"));
    assertEquals(1, configured.findings().size(), "ForcedTermination is off");
    assertEquals(Severity.SUGGESTION, configured.findings().get(0).severity());
    assertTrue(configured.failing(Severity.WARNING).isEmpty());
  }

  @Test
  void baselinedFindingsDoNotFail() throws Exception {
    Path a = source("app/src/A.java", "class A {\n  x\n}\n");
    Path file = findings(finding(a, "ForcedTermination", "WARNING", 2, 10));
    AnalysisReport report = analyse(file, RuleSettings.NONE, Set.of());
    Path baseline = repo.resolve("baseline.json");
    Baseline.write(baseline, report.findings());
    assertTrue(report.withBaseline(Baseline.read(baseline)).failing(Severity.WARNING).isEmpty());
  }

  @Test
  void aCorruptFindingsFileNamesItsLine() throws Exception {
    Path file = findings("{\"rule\":\"ForcedTermination\"", "");
    AnalysisException e = assertThrows(AnalysisException.class, () -> analyse(file, RuleSettings.NONE, Set.of()));
    assertTrue(e.getMessage().startsWith("shutdown-check cannot read " + file + ": " + file + ":1 is not a"
        + " shutdown-check finding"), e.getMessage());
  }

  @Test
  void aFindingInAFileThatIsGoneSaysSo() throws Exception {
    Path file = findings(finding(repo.resolve("app/src/Gone.java"), "ForcedTermination", "WARNING", 2, 10));
    AnalysisException e = assertThrows(AnalysisException.class, () -> analyse(file, RuleSettings.NONE, Set.of()));
    assertTrue(e.getMessage().contains("cannot read the source of a finding"), e.getMessage());
  }

  @Test
  void consoleLinesAndFailureMessage() throws Exception {
    Path a = source("app/src/A.java", "class A {\n  x\n}\n");
    AnalysisReport report = analyse(findings(finding(a, "ExitInShutdownHook", "ERROR", 2, 10)),
        RuleSettings.NONE, Set.of());
    List<String> lines = new java.util.ArrayList<>();
    Console console = Console.of(line -> lines.add("INFO " + line), line -> lines.add("WARN " + line),
        line -> lines.add("ERROR " + line));
    ConsoleReport.print(console, report.label(), report.findings(), Path.of("out.sarif"));
    assertEquals(List.of(
            "ERROR src/A.java:2:5: [ExitInShutdownHook] m",
            "INFO shutdown-check: 1 finding in app (compiler mode) (ExitInShutdownHook: 1)",
            "INFO shutdown-check: SARIF written to out.sarif"),
        lines);
    String failure = ConsoleReport.failure(report.failing(Severity.WARNING), Severity.WARNING, "run X.");
    assertTrue(failure.startsWith("shutdown-check: 1 finding at WARNING or above (ExitInShutdownHook: 1):\n"
        + "  src/A.java:2:5: [ExitInShutdownHook] m\n"), "the failure names the finding: " + failure);
    assertTrue(failure.endsWith("Accept the current findings: run X."), failure);
  }

  @Test
  void baselinedFindingsAreCountedNotPrinted() throws Exception {
    Path a = source("app/src/A.java", "class A {\n  x\n  y\n}\n");
    Path file = findings(finding(a, "ForcedTermination", "WARNING", 2, 10));
    Path baseline = repo.resolve("baseline.json");
    Baseline.write(baseline, analyse(file, RuleSettings.NONE, Set.of()).findings());
    file = findings(finding(a, "ForcedTermination", "WARNING", 2, 10), finding(a, "UnboundedWait", "WARNING", 3, 14));
    AnalysisReport report = analyse(file, RuleSettings.NONE, Set.of()).withBaseline(Baseline.read(baseline));

    List<String> lines = new java.util.ArrayList<>();
    ConsoleReport.print(Console.of(lines::add, lines::add, lines::add), report.label(), report.findings(), null);
    assertEquals(List.of(
            "src/A.java:3:5: [UnboundedWait] m",
            "shutdown-check: 1 finding in the baseline, not shown (the SARIF lists them as suppressed)",
            "shutdown-check: 2 findings in app (compiler mode) (ForcedTermination: 1, UnboundedWait: 1), 1 of them in"
                + " the baseline"),
        lines);
    String failure = ConsoleReport.failure(report.failing(Severity.WARNING), Severity.WARNING, "x");
    assertTrue(failure.contains("  src/A.java:3:5: [UnboundedWait] m\n"), failure);
    assertTrue(!failure.contains("ForcedTermination"), "the baseline's finding does not fail: " + failure);
  }

  @Test
  void aFailureNamesTwentyFindingsAndCountsTheRest() throws Exception {
    StringBuilder text = new StringBuilder("class A {\n");
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 2; i <= 26; i++) {
      text.append("  x\n");
    }
    Path a = source("app/src/A.java", text + "}\n");
    for (int i = 2; i <= 26; i++) {
      lines.add(finding(a, "ForcedTermination", "WARNING", i, 10 + 4 * i));
    }
    AnalysisReport report = analyse(findings(lines.toArray(String[]::new)), RuleSettings.NONE, Set.of());
    String failure = ConsoleReport.failure(report.failing(Severity.WARNING), Severity.WARNING, "x");
    assertEquals(20, failure.lines().filter(l -> l.startsWith("  src/A.java:")).count(), failure);
    assertTrue(failure.contains("  ... and 5 more (see the SARIF)"), failure);
  }
}
