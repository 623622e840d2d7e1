package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

  private final RuleCatalog catalog = RuleCatalog.load(getClass().getClassLoader());

  @Test
  void findsTheCheckerRulesThroughTheServiceLoader() {
    Rule rule = catalog.get("ForcedTermination");
    assertEquals("Forced termination", rule.name());
    assertEquals(Severity.WARNING, rule.defaultSeverity());
    assertTrue(rule.helpUri().endsWith("/docs/rules/ForcedTermination.md"));
    assertTrue(rule.tags().size() <= 10);
    assertTrue(rule.helpMarkdown().startsWith("# ForcedTermination"), "help is the bundled doc page");
    for (Rule each : catalog.all()) {
      assertNotEquals(each.id(), each.name(), "SARIF wants a readable name different from the id");
    }
  }

  @Test
  void rulesAreSortedById() {
    List<String> ids = catalog.all().stream().map(Rule::id).toList();
    assertEquals(ids.stream().sorted().toList(), ids);
  }

  @Test
  void readableNameSplitsCamelCase() {
    assertEquals("Executor never shutdown", RuleCatalog.readableName("ExecutorNeverShutdown"));
    assertEquals("Unbounded wait", RuleCatalog.readableName("UnboundedWait"));
  }

  @Test
  void fullDescriptionIsTheFirstParagraphAfterTheTitle() {
    String page = "# UnboundedWait\n\nA wait without a deadline\non a shutdown path.\n\n## Why\nmore";
    assertEquals(
        "A wait without a deadline on a shutdown path.",
        RuleCatalog.firstParagraph(page, "fallback"));
    assertEquals("fallback", RuleCatalog.firstParagraph("# Title only", "fallback"));
    assertEquals("Kills `halt()`.", RuleCatalog.firstParagraph("# X\n\n**Kills `halt()`.**\n", "-"));
  }

  @Test
  void unknownRuleNameFailsWithTheListOfRules() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RuleSettings.parse(Map.of("ForcedTerminaton", "OFF"), catalog, "<rules>"));
    assertTrue(e.getMessage().startsWith("<rules> names an unknown rule 'ForcedTerminaton'"), e.getMessage());
    assertTrue(e.getMessage().contains("ForcedTermination"), e.getMessage());
  }

  @Test
  void malformedRuleLevelFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RuleSettings.parse(Map.of("ForcedTermination", "loud"), catalog, "<rules>"));
    assertTrue(e.getMessage().contains("expected OFF, ERROR, WARNING or SUGGESTION"), e.getMessage());
  }

  @Test
  void ruleSettingsTurnOffAndOverrideSeverity() {
    RuleSettings off = RuleSettings.parse(Map.of("ForcedTermination", "off"), catalog, "<rules>");
    assertTrue(off.isOff("ForcedTermination"));
    RuleSettings error = RuleSettings.parse(Map.of("ForcedTermination", "ERROR"), catalog, "<rules>");
    assertEquals(Severity.ERROR, error.severity("ForcedTermination", Severity.WARNING));
  }
}
