package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.CloseSkipsStop;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownStep;
import dev.shutdowncheck.analysis.SkippedByFailure;
import dev.shutdowncheck.analysis.UnreleasedField;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.TestCode;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/**
 * A class has a shutdown path (close(), @PreDestroy, a shutdown hook, ...) but that path forgets one
 * of the resources the class created: typically the database pool is closed and the cache client
 * next to it is not.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "The shutdown path releases some owned resources but misses this one",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/IncompleteShutdown.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class IncompleteShutdown extends ResourceFieldRule {

  public IncompleteShutdown() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public IncompleteShutdown(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  /**
   * Fields that only a stop method releases while the inherited close() skips it (see {@link
   * CloseSkipsStop}), and releases in one try that an earlier failing release skips (see {@link
   * SkippedByFailure}).
   */
  @Override
  void reportAlso(ClassLifecycle lifecycle, VisitorState state) {
    if (lifecycle.shutdownPaths().isEmpty()) {
      return; // no plan to read, no stop method
    }
    for (CloseSkipsStop found : CloseSkipsStop.in(lifecycle, state)) {
      if (!isSuppressedWithin(found.field().field(), state)) {
        state.reportMatch(finding(found.field().declaration(), closeSkipsStopMessage(found), state));
      }
    }
    for (SkippedByFailure found : SkippedByFailure.in(lifecycle.shutdownPlan(), state)) {
      TreePath call = found.call();
      if (PlanRule.inThisFile(call, state) && !TestCode.isInTestClass(call, state)) {
        reportAt(call, state, here -> finding(call.getLeaf(), skippedMessage(found, here), here));
      }
    }
  }

  private static String closeSkipsStopMessage(CloseSkipsStop found) {
    String stop = found.stop().getName() + "()";
    Symbol field = found.field().field();
    return "`" + field.getSimpleName() + "` (" + field.type.tsym.getSimpleName() + ") is released only by "
        + stop + ", and close(), inherited from " + found.inheritedClose().owner.getSimpleName()
        + ", never calls it: closing this object (as try-with-resources does) leaves it "
        + (found.field().kind() == LifecycleKind.RESOURCE ? "open" : "running")
        + "; override close() to call " + stop + " and the inherited close()";
  }

  private static String skippedMessage(SkippedByFailure found, VisitorState state) {
    ShutdownStep failing = found.failing();
    String what =
        found.call() == failing.site()
            ? (failing.subject() == null ? "" : failing.subject().getSimpleName() + ".") + PlanRule.callName(failing)
            : callName(found.call().getLeaf());
    List<String> skipped = new ArrayList<>();
    for (SkippedByFailure.Skipped call : found.skipped()) {
      String name =
          call.step().site() != call.call()
              ? "what `" + callName(call.call().getLeaf()) + "` releases"
              : inLoopOver(call.step().subject(), call.call())
                  ? "that element of " + PlanRule.subjectName(call.step())
                  : PlanRule.subjectName(call.step());
      if (!skipped.contains(name)) {
        skipped.add(name);
      }
    }
    String last = skipped.remove(skipped.size() - 1);
    String names = skipped.isEmpty() ? last : String.join(", ", skipped) + " and " + last;
    String failure =
        found.guardedSibling() == null
            ? "If `" + what + "` throws " + found.exception().tsym.getSimpleName()
            : "`" + what + "` has no try/catch of its own, unlike `"
                + receiverAndName(found.guardedSibling().getLeaf()) + "` at line "
                + line(found.guardedSibling().getLeaf(), state) + ": if it throws";
    return failure + ", the catch at line " + line(found.handler(), state)
        + " skips the rest of this try, and with it the release of " + names
        + ": one failed release leaves the rest open; give each release its own"
        + " try/catch (or release the rest in a finally block)";
  }

  /** How a call is named in messages with what it is called on: {@code lookup.close()}. */
  private static String receiverAndName(Tree call) {
    Symbol receiver = call instanceof ExpressionTree expression ? Receivers.receiverOf(expression) : null;
    String name = PlanRule.methodCallName(call);
    return (receiver == null ? "" : receiver.getSimpleName() + ".") + (name == null ? callName(call) : name);
  }

  /** Whether {@code call} runs once per element of {@code collection}, in a for-each loop over it. */
  private static boolean inLoopOver(Symbol collection, TreePath call) {
    for (TreePath p = call; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof EnhancedForLoopTree loop
          && collection != null
          && collection.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(loop.getExpression())))) {
        return true;
      }
    }
    return false;
  }

  @Override
  boolean reports(UnreleasedField field) {
    return field.hasShutdownPath() || field.onlyInheritsShutdown();
  }

  @Override
  String message(UnreleasedField field) {
    if (field.keptInCollection()) {
      return elementsMessage(field);
    }
    if (field.onlyInheritsShutdown()) {
      return describe(field) + " is created and owned here, but this class inherits its shutdown, "
          + field.inheritedShutdownName() + ", which was written without this field and cannot"
          + " release it; override it to release " + field.field().getSimpleName()
          + " and call the inherited one too";
    }
    String methods = field.shutdownMethods();
    String verb = methods.contains(" and ") ? "release" : "releases";
    if (field.releasedOnShutdown().isEmpty()) {
      return methods + " " + verb + " none of the class's resources: " + describe(field)
          + ", which the class creates and owns, is never released; release it there";
    }
    return methods + " " + verb + " " + String.join(", ", field.releasedOnShutdown())
        + " but not " + describe(field) + ", which the class creates and owns; release it there too";
  }

  /** The message for resources kept in a collection field, none of which is released. */
  private static String elementsMessage(UnreleasedField field) {
    if (field.onlyInheritsShutdown()) {
      return "The " + describe(field) + " are created and owned here, but this class inherits its shutdown, "
          + field.inheritedShutdownName() + ", which was written without this field and cannot"
          + " release them; override it to close each of them and call the inherited one too";
    }
    String methods = field.shutdownMethods();
    String verb = methods.contains(" and ") ? "release" : "releases";
    String released =
        field.releasedOnShutdown().isEmpty()
            ? "none"
            : String.join(", ", field.releasedOnShutdown()) + " but none";
    return methods + " " + verb + " " + released + " of the " + describe(field)
        + ", which the class creates and owns: nothing closes them; close each of them there";
  }
}
