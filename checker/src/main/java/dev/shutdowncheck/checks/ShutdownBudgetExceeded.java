package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownPlan;
import dev.shutdowncheck.analysis.ShutdownPlan.Sequence;
import dev.shutdowncheck.analysis.ShutdownPlan.WaitTotal;
import dev.shutdowncheck.analysis.ShutdownStep;
import dev.shutdowncheck.model.GracePeriod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * The bounded waits of one shutdown entry point, run one after another, take longer than the
 * platform's grace period: each has a deadline, but together they outlast it, so the platform
 * kills the process in the middle of the shutdown and the steps after the cut never run.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "The waits of one shutdown path add up to more than the platform's grace period",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ShutdownBudgetExceeded.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ShutdownBudgetExceeded extends PlanRule {

  public ShutdownBudgetExceeded() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ShutdownBudgetExceeded(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  void check(ShutdownPlan plan, VisitorState state) {
    Duration grace = model.gracePeriod();
    Set<Tree> overBudget = new HashSet<>();
    List<Sequence> candidates = new ArrayList<>();
    for (Sequence sequence : plan.sequences()) {
      if (sequence.constantWaits().total().compareTo(grace) > 0) {
        overBudget.add(sequence.entry().body());
        candidates.add(sequence);
      }
    }
    Set<Tree> reportedAt = new HashSet<>(); // a hook that runs close() itself is close()
    for (Sequence sequence : candidates) {
      Tree reported = reportedTree(sequence);
      if (reported == null
          || !reportedAt.add(reported)
          || !inThisFile(sequence.path(), state)
          || callsAnotherOverBudget(sequence, overBudget)
          || isSuppressedAt(sequence.path(), state)) {
        continue;
      }
      state.reportMatch(finding(reported, message(sequence, grace, state), state));
    }
  }

  /** The entry's declaration, or a hook's lambda. */
  private static Tree reportedTree(Sequence sequence) {
    if (sequence.path() == null) {
      return null;
    }
    Tree body = sequence.path().getLeaf();
    if (body instanceof MethodTree) {
      return body;
    }
    TreePath parent = sequence.path().getParentPath();
    return parent != null && parent.getLeaf() instanceof LambdaExpressionTree lambda ? lambda : body;
  }

  /**
   * Whether the waits come from another entry point that this one calls and that is over the
   * budget on its own (a hook that calls {@code close()}): that one is reported, once.
   */
  private static boolean callsAnotherOverBudget(Sequence sequence, Set<Tree> overBudget) {
    for (ShutdownStep wait : sequence.constantWaits().waits()) {
      for (TreePath call : wait.via()) {
        Symbol callee = call.getLeaf() instanceof MethodInvocationTree invocation ? ASTHelpers.getSymbol(invocation) : null;
        for (Tree entry : overBudget) {
          if (entry != sequence.entry().body()
              && entry instanceof MethodTree method
              && callee != null
              && callee.equals(ASTHelpers.getSymbol(method))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String message(Sequence sequence, Duration grace, VisitorState state) {
    WaitTotal waits = sequence.constantWaits();
    List<String> listed = new ArrayList<>();
    boolean inLoop = false;
    ShutdownStep longest = null;
    for (ShutdownStep wait : waits.waits()) {
      inLoop |= wait.inLoop();
      if (longest == null || wait.waits().duration().compareTo(longest.waits().duration()) > 0) {
        longest = wait;
      }
      String where = where(wait.site(), state);
      if (!wait.via().isEmpty()) {
        where += ", called at line " + line(wait.via().get(0).getLeaf(), state);
      }
      listed.add(
          callName(wait) + " " + GracePeriod.describe(wait.waits().duration())
              + (wait.inLoop() ? " per element" : "") + " (" + where + ")");
    }
    String entry = entryName(sequence);
    String limit = GracePeriod.describe(grace) + " grace period";
    String total = GracePeriod.describe(waits.total());
    String opening =
        longest != null && longest.waits().duration().compareTo(grace) > 0 && waits.waits().size() == 1
            ? entry + " waits up to " + total + " in one wait, longer than the " + limit
            : entry + " waits up to " + total + (inLoop ? " or more" : "") + ", one wait after another,"
                + " longer than the " + limit;
    return opening
        + " (-XepOpt:ShutdownCheck:GracePeriod): "
        + String.join(", ", listed)
        + (inLoop ? "; a wait in a loop runs once per element, so the total grows with them" : "")
        + ". The platform kills the process when the grace period ends and the steps after the"
        + " cut never run: give the waits one deadline that fits the grace period (each waits"
        + " only for the time left), or shorten them";
  }

  private static String entryName(Sequence sequence) {
    if (sequence.entry().body() instanceof MethodTree method) {
      return method.getName() + "()";
    }
    return "This shutdown hook";
  }
}
