package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutdowncheck.findings.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {

  private final RuleCatalog catalog = RuleCatalog.load(getClass().getClassLoader());

  private static ReportedFinding finding(String path, int line, Severity severity, List<Finding.Edit> fix) {
    Finding.Span span = new Finding.Span(line * 100, line * 100 + 7, line, 5, line, 12);
    return new ReportedFinding(
        new Finding("ForcedTermination", "WARNING", "file:///repo/" + path, span, "stop it", fix),
        severity, path, path, "abc:1", "    server.stop(0);", false);
  }

  private JsonNode json(List<ReportedFinding> findings) throws Exception {
    byte[] bytes = SarifJson.toBytes(
        SarifReport.build(catalog, findings, "1.0.0", "shutdown-check/app/", false, List.of()));
    return new ObjectMapper().readTree(bytes);
  }

  @Test
  void warningLevelIsWrittenExplicitlyThoughItIsTheSchemaDefault() throws Exception {
    JsonNode result = json(List.of(finding("src/A.java", 3, Severity.WARNING, List.of())))
        .at("/runs/0/results/0");
    assertEquals("warning", result.get("level").asText());
    assertEquals("ForcedTermination", result.get("ruleId").asText());
    List<String> ids = catalog.all().stream().map(Rule::id).toList();
    assertEquals(ids.indexOf("ForcedTermination"), result.get("ruleIndex").asInt());
    assertEquals("src/A.java", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(5, result.at("/locations/0/physicalLocation/region/startColumn").asInt());
    assertEquals("abc:1", result.at("/partialFingerprints/primaryLocationLineHash").asText());
    assertFalse(result.has("kind") || result.has("rank"), "no noise from java-sarif's defaults");
  }

  @Test
  void emptyRunStillHasResultsAndEveryRule() throws Exception {
    JsonNode run = json(List.of()).at("/runs/0");
    assertTrue(run.get("results").isArray());
    assertEquals(0, run.get("results").size());
    assertEquals(catalog.all().size(), run.at("/tool/driver/rules").size());
    assertEquals("shutdown-check/app/", run.at("/automationDetails/id").asText());
    assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
    JsonNode rule = run.at("/tool/driver/rules/0");
    assertEquals("warning", rule.at("/defaultConfiguration/level").asText());
    assertEquals("warning", rule.at("/properties/problem.severity").asText());
    assertEquals("high", rule.at("/properties/precision").asText());
    assertTrue(rule.at("/help/markdown").isTextual() && rule.at("/help/text").isTextual());
  }

  @Test
  void ruleIndexPointsAtTheRuleOfTheResult() throws Exception {
    JsonNode log = json(List.of(finding("src/A.java", 3, Severity.ERROR, List.of())));
    int index = log.at("/runs/0/results/0/ruleIndex").asInt();
    assertEquals("ForcedTermination", log.at("/runs/0/tool/driver/rules/" + index + "/id").asText());
    assertEquals("error", log.at("/runs/0/results/0/level").asText());
  }

  @Test
  void sameFindingsInAnyOrderGiveTheSameBytes() throws Exception {
    List<ReportedFinding> findings = new ArrayList<>(List.of(
        finding("src/B.java", 9, Severity.WARNING, List.of()),
        finding("src/A.java", 3, Severity.WARNING, List.of()),
        finding("src/A.java", 1, Severity.WARNING, List.of())));
    byte[] first = SarifJson.toBytes(SarifReport.build(catalog, findings, "1", "c/", false, List.of()));
    java.util.Collections.reverse(findings);
    byte[] second = SarifJson.toBytes(SarifReport.build(catalog, findings, "1", "c/", false, List.of()));
    assertArrayEquals(first, second);
    assertEquals(-1, new String(first, java.nio.charset.StandardCharsets.UTF_8).indexOf('\r'));
  }

  @Test
  void suggestedFixBecomesASarifFix() throws Exception {
    Finding.Span at = new Finding.Span(10, 17, 3, 5, 3, 12);
    JsonNode result = json(List.of(finding("src/A.java", 3, Severity.WARNING,
        List.of(new Finding.Edit(at, "server.stop(5)"))))).at("/runs/0/results/0");
    JsonNode replacement = result.at("/fixes/0/artifactChanges/0/replacements/0");
    assertEquals("server.stop(5)", replacement.at("/insertedContent/text").asText());
    assertEquals(12, replacement.at("/deletedRegion/endColumn").asInt());
    assertEquals("src/A.java", result.at("/fixes/0/artifactChanges/0/artifactLocation/uri").asText());
  }

  @Test
  void toolErrorsMakeAFailedInvocationWithNotifications() throws Exception {
    JsonNode invocation = new ObjectMapper().readTree(SarifJson.toBytes(SarifReport.build(
            catalog, List.of(), "1", "c/", false, List.of("javac could not compile A.java"))))
        .at("/runs/0/invocations/0");
    assertFalse(invocation.get("executionSuccessful").asBoolean());
    assertEquals("error", invocation.at("/toolExecutionNotifications/0/level").asText());
    assertEquals("javac could not compile A.java",
        invocation.at("/toolExecutionNotifications/0/message/text").asText());
  }

  @Test
  void pathsAreEscapedAsUriReferences() {
    assertEquals("my%20service/src/A.java", SarifReport.uri("my service/src/A.java"));
  }

  @Test
  void baselinedResultsAreSuppressedSoCodeScanningRaisesNoAlert() throws Exception {
    ReportedFinding accepted = finding("src/A.java", 3, Severity.WARNING, List.of()).withBaselined(true);
    ReportedFinding fresh = finding("src/B.java", 4, Severity.WARNING, List.of());
    JsonNode results = new ObjectMapper().readTree(SarifJson.toBytes(SarifReport.build(
        catalog, List.of(accepted, fresh), "1", "c/", true, List.of()))).at("/runs/0/results");
    assertEquals("unchanged", results.at("/0/baselineState").asText());
    assertEquals("external", results.at("/0/suppressions/0/kind").asText());
    assertEquals("accepted", results.at("/0/suppressions/0/status").asText());
    assertEquals("new", results.at("/1/baselineState").asText());
    assertFalse(results.get(1).has("suppressions"), "a new finding is not suppressed");
  }
}
