package dev.shutdowncheck.analyzer;

import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Fix;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import dev.shutdowncheck.findings.Finding;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds the SARIF 2.1.0 log that GitHub code scanning ingests: every rule of the checker once,
 * one result per finding with a repository-relative location and GitHub's line fingerprint.
 * java-sarif's unique-item arrays are {@code Set}s: they are filled as insertion-ordered sets so
 * that {@code ruleIndex} and the output stay stable.
 */
public final class SarifReport {

  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String TOOL_NAME = "shutdown-check";
  public static final String INFORMATION_URI = "https://github.com/shutdown-check/shutdown-check";

  /** Orders results so that the same findings give the same bytes. */
  public static final Comparator<ReportedFinding> ORDER =
      Comparator.comparing(ReportedFinding::repositoryPath)
          .thenComparingInt(f -> f.finding().span().startOffset())
          .thenComparingInt(f -> f.finding().span().endOffset())
          .thenComparing(ReportedFinding::rule)
          .thenComparing(f -> f.finding().message());

  private SarifReport() {}

  /**
   * One run over {@code findings}. {@code automationId} names the run's category ({@code
   * shutdown-check/MODULE/}); {@code toolErrors} become notifications of a failed execution.
   */
  public static SarifSchema210 build(
      RuleCatalog catalog,
      List<ReportedFinding> findings,
      String toolVersion,
      String automationId,
      boolean baselineUsed,
      List<String> toolErrors) {
    List<Rule> rules = new ArrayList<>(catalog.all());
    Map<String, Integer> ruleIndex = new HashMap<>();
    LinkedHashSet<ReportingDescriptor> descriptors = new LinkedHashSet<>();
    for (Rule rule : rules) {
      ruleIndex.put(rule.id(), descriptors.size());
      descriptors.add(descriptor(rule));
    }
    ToolComponent driver =
        new ToolComponent()
            .withName(TOOL_NAME)
            .withVersion(toolVersion)
            .withSemanticVersion(toolVersion)
            .withInformationUri(URI.create(INFORMATION_URI))
            .withRules(descriptors)
            .withLanguage(null)
            .withContents(null)
            .withIsComprehensive(null);

    List<Result> results = new ArrayList<>();
    findings.stream()
        .sorted(ORDER)
        .forEach(f -> results.add(result(f, ruleIndex.get(f.rule()), baselineUsed)));

    Run run =
        new Run()
            .withTool(new Tool().withDriver(driver))
            .withInvocations(List.of(invocation(toolErrors)))
            .withAutomationDetails(new RunAutomationDetails().withId(automationId))
            .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
            .withLanguage(null)
            .withResults(results);
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  private static ReportingDescriptor descriptor(Rule rule) {
    PropertyBag properties =
        new PropertyBag()
            .withTags(new LinkedHashSet<>(rule.tags()))
            .withAdditionalProperty("precision", "high")
            .withAdditionalProperty("problem.severity", rule.defaultSeverity().problemSeverity());
    return new ReportingDescriptor()
        .withId(rule.id())
        .withName(rule.name())
        .withShortDescription(new MultiformatMessageString().withText(rule.summary()))
        .withFullDescription(new MultiformatMessageString().withText(rule.fullDescription()))
        .withHelp(
            new MultiformatMessageString()
                .withText(rule.helpText())
                .withMarkdown(rule.helpMarkdown()))
        .withHelpUri(URI.create(rule.helpUri()))
        .withDefaultConfiguration(
            new ReportingConfiguration()
                .withLevel(ReportingConfiguration.Level.fromValue(rule.defaultSeverity().sarifLevel()))
                .withRank(null))
        .withProperties(properties);
  }

  private static Result result(ReportedFinding reported, int ruleIndex, boolean baselineUsed) {
    Finding finding = reported.finding();
    Result result =
        new Result()
            .withRuleId(finding.rule())
            .withRuleIndex(ruleIndex)
            .withKind(null)
            .withRank(null)
            .withLevel(Result.Level.fromValue(reported.severity().sarifLevel()))
            .withMessage(new Message().withText(finding.message()))
            .withLocations(
                List.of(
                    new Location()
                        .withId(null)
                        .withPhysicalLocation(
                            new PhysicalLocation()
                                .withArtifactLocation(artifact(reported))
                                .withRegion(region(finding.span())))));
    if (reported.lineHash() != null) {
      result.setPartialFingerprints(
          new PartialFingerprints()
              .withAdditionalProperty("primaryLocationLineHash", reported.lineHash()));
    }
    if (!finding.fix().isEmpty()) {
      result.setFixes(new LinkedHashSet<>(List.of(fix(reported))));
    }
    if (baselineUsed) {
      result.setBaselineState(
          reported.baselined() ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW);
    }
    if (reported.baselined()) {
      // Code scanning raises no alert for a suppressed result: the baseline accepted it.
      result.setSuppressions(new LinkedHashSet<>(List.of(
          new Suppression()
              .withKind(Suppression.Kind.EXTERNAL)
              .withStatus(Suppression.Status.ACCEPTED)
              .withJustification("Accepted in the shutdown-check baseline"))));
    }
    return result;
  }

  private static Fix fix(ReportedFinding reported) {
    List<Replacement> replacements = new ArrayList<>();
    for (Finding.Edit edit : reported.finding().fix()) {
      replacements.add(
          new Replacement()
              .withDeletedRegion(region(edit.span()))
              .withInsertedContent(new ArtifactContent().withText(edit.replacement())));
    }
    ArtifactChange change =
        new ArtifactChange().withArtifactLocation(artifact(reported)).withReplacements(replacements);
    return new Fix()
        .withDescription(new Message().withText("Apply the suggested fix of " + reported.rule()))
        .withArtifactChanges(new LinkedHashSet<>(List.of(change)));
  }

  private static ArtifactLocation artifact(ReportedFinding reported) {
    return new ArtifactLocation().withUri(uri(reported.repositoryPath())).withIndex(null);
  }

  /** A relative path as a URI reference: spaces and other reserved characters escaped. */
  static String uri(String relativePath) {
    try {
      return new URI(null, null, relativePath, null).toASCIIString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + relativePath, e);
    }
  }

  private static Region region(Finding.Span span) {
    return new Region()
        .withStartLine(span.startLine())
        .withStartColumn(span.startColumn())
        .withEndLine(span.endLine())
        .withEndColumn(span.endColumn())
        .withCharOffset(null)
        .withCharLength(null)
        .withByteOffset(null)
        .withByteLength(null);
  }

  private static Invocation invocation(List<String> toolErrors) {
    List<Notification> notifications = new ArrayList<>();
    for (String error : toolErrors) {
      notifications.add(
          new Notification()
              .withLevel(Notification.Level.ERROR)
              .withMessage(new Message().withText(error)));
    }
    Invocation invocation = new Invocation().withExecutionSuccessful(toolErrors.isEmpty());
    if (!notifications.isEmpty()) {
      invocation.setToolExecutionNotifications(notifications);
    }
    return invocation;
  }
}
