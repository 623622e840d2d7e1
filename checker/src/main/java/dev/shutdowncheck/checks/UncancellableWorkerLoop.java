package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.DaemonThreads;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TestCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * An endless loop ({@code while (true)}, {@code for (;;)}) in code that runs as a task or thread,
 * with nothing in it that a cancellation can end: no interrupt check, no exception that leaves the
 * loop, no {@code break}, {@code return} or {@code throw}. {@code shutdownNow()} and {@code
 * cancel(true)} then have no effect, and the shutdown waits for the loop until it is killed.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A worker's endless loop that no interrupt, stop flag or exception can end",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/UncancellableWorkerLoop.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class UncancellableWorkerLoop extends ShutdownRule
    implements WhileLoopTreeMatcher, DoWhileLoopTreeMatcher, ForLoopTreeMatcher {

  public UncancellableWorkerLoop() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public UncancellableWorkerLoop(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  public Description matchWhileLoop(WhileLoopTree loop, VisitorState state) {
    return isEndless(loop.getCondition()) ? check(loop, loop.getStatement(), state) : NO_MATCH;
  }

  @Override
  public Description matchDoWhileLoop(DoWhileLoopTree loop, VisitorState state) {
    return isEndless(loop.getCondition()) ? check(loop, loop.getStatement(), state) : NO_MATCH;
  }

  @Override
  public Description matchForLoop(ForLoopTree loop, VisitorState state) {
    return loop.getCondition() == null || isEndless(loop.getCondition())
        ? check(loop, loop.getStatement(), state)
        : NO_MATCH;
  }

  private static boolean isEndless(ExpressionTree condition) {
    return Boolean.TRUE.equals(ASTHelpers.constValue(ASTHelpers.stripParentheses(condition)));
  }

  private Description check(StatementTree loop, StatementTree body, VisitorState state) {
    return guarded(state, () -> checkGuarded(loop, body, state));
  }

  private Description checkGuarded(StatementTree loop, StatementTree body, VisitorState state) {
    TreePath code = Tasks.enclosingCode(state.getPath());
    if (code == null
        || !runsAsTask(code, state)
        || canEnd(loop, body, state)
        || DaemonThreads.runsOnDaemonThread(code, state) // the JVM does not wait for it
        || TestCode.isInTestClass(state.getPath(), state)) {
      return NO_MATCH;
    }
    return finding(
        loop,
        "This endless loop runs as a task, and nothing in it can end it on cancellation: no"
            + " interrupt check, no InterruptedException (or other checked exception) leaving the"
            + " loop, no break, return or throw; shutdownNow() and cancel(true) cannot stop it, and"
            + " the shutdown waits for it until the process is killed. Loop on a stop flag or"
            + " !Thread.currentThread().isInterrupted(), or let InterruptedException end it",
        state);
  }

  private boolean runsAsTask(TreePath code, VisitorState state) {
    if (Tasks.isTaskBody(code.getLeaf(), state)) {
      return true;
    }
    return code.getLeaf() instanceof MethodTree method
        && ASTHelpers.getSymbol(method) != null
        && lifecycle(state).callSitesOf(ASTHelpers.getSymbol(method)).stream()
            .anyMatch(site -> Tasks.isTaskReference(site, state));
  }

  /** Whether anything in the loop can end it, should the task be cancelled. */
  private boolean canEnd(Tree loop, StatementTree body, VisitorState state) {
    if (throwsCheckedOutOf(body, state)) {
      return true; // InterruptedException from take(), sleep(), ...; IOException from a closed socket
    }
    List<Tree> trees = Scopes.ownCode(body);
    Set<String> innerLabels = new HashSet<>();
    for (Tree tree : trees) {
      if (tree instanceof LabeledStatementTree labeled) {
        innerLabels.add(labeled.getLabel().toString());
      }
    }
    Set<BreakTree> ownBreaks = ownBreaks(body);
    for (Tree tree : trees) {
      if (tree instanceof ReturnTree || tree instanceof ThrowTree) {
        return true;
      }
      if (tree instanceof BreakTree exit && breaksOut(exit, innerLabels, ownBreaks)) {
        return true;
      }
      if (tree instanceof MethodInvocationTree call && endsOrChecks(call, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean throwsCheckedOutOf(StatementTree body, VisitorState state) {
    Type runtime = state.getSymtab().runtimeExceptionType;
    Type error = state.getSymtab().errorType;
    for (Type thrown : ASTHelpers.getThrownExceptions(body, state)) {
      if (!ASTHelpers.isSubtype(thrown, runtime, state) && !ASTHelpers.isSubtype(thrown, error, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code exit} leaves the loop whose body is {@code body}, not an inner loop or switch. */
  private static boolean breaksOut(BreakTree exit, Set<String> innerLabels, Set<BreakTree> ownBreaks) {
    return exit.getLabel() != null
        ? !innerLabels.contains(exit.getLabel().toString())
        : ownBreaks.contains(exit);
  }

  /** The unlabeled {@code break}s that belong to this loop, not to a loop or switch inside it. */
  private static Set<BreakTree> ownBreaks(StatementTree body) {
    Set<BreakTree> breaks = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree instanceof BreakTree exit && exit.getLabel() == null) {
          breaks.add(exit);
        }
        boolean nested =
            tree instanceof WhileLoopTree
                || tree instanceof DoWhileLoopTree
                || tree instanceof ForLoopTree
                || tree instanceof EnhancedForLoopTree
                || tree instanceof SwitchTree
                || tree instanceof LambdaExpressionTree
                || tree instanceof ClassTree
                || (tree != null && tree.getKind().name().equals("SWITCH_EXPRESSION"));
        return nested ? null : super.scan(tree, null);
      }
    }.scan(body, null);
    return breaks;
  }

  /**
   * An interrupt check, a process exit, or a call to a helper in this file that checks the
   * interrupt status or throws (such as {@code ensureRunning()}).
   */
  private boolean endsOrChecks(MethodInvocationTree call, VisitorState state) {
    if (Tasks.isInterruptCheck(call, state) || Tasks.isProcessExit(call, model, state)) {
      return true;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    MethodTree helper = SourceTrees.inCurrentFile(method, state);
    if (helper == null) {
      return false;
    }
    for (Tree tree : Scopes.ownCode(helper.getBody())) {
      if (tree instanceof ThrowTree
          || (tree instanceof MethodInvocationTree inner && Tasks.isInterruptCheck(inner, state))) {
        return true;
      }
    }
    return false;
  }
}
