package dev.shutdowncheck.checks;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownPlan;
import dev.shutdowncheck.analysis.ShutdownStep;
import dev.shutdowncheck.model.TestCode;

/**
 * The rules that read a class's shutdown as a sequence ({@link ShutdownPlan}): each checks a
 * top-level class once (nested classes included), leaves test code alone (a test's teardown is
 * not a service's shutdown), and reports only in the file being checked.
 */
abstract class PlanRule extends ShutdownRule implements ClassTreeMatcher {

  PlanRule(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  /** Reports what is wrong with {@code plan}, through {@code state.reportMatch}. */
  abstract void check(ShutdownPlan plan, VisitorState state);

  @Override
  public final Description matchClass(ClassTree tree, VisitorState state) {
    return guarded(state, () -> checkClass(state));
  }

  private Description checkClass(VisitorState state) {
    if (!isTopLevelClass(state)
        || TestCode.isInTestClass(state.getPath(), state)) {
      return NO_MATCH;
    }
    ShutdownPlan plan = lifecycle(state).shutdownPlan();
    if (!plan.isEmpty()) {
      check(plan, state);
    }
    return NO_MATCH;
  }

  /** Whether {@code path} is in the file being checked, where a finding can be reported. */
  static boolean inThisFile(TreePath path, VisitorState state) {
    return path != null && path.getCompilationUnit() == state.getPath().getCompilationUnit();
  }

  /**
   * "line 12" for a place in this file; "line 15 of ClientBase.java" for one in a superclass's
   * method that a shutdown path runs, for messages.
   */
  static String where(TreePath site, VisitorState state) {
    if (inThisFile(site, state)) {
      return "line " + line(site.getLeaf(), state);
    }
    CompilationUnitTree unit = site.getCompilationUnit();
    String path = unit.getSourceFile().getName();
    String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    return "line " + line(site.getLeaf(), unit) + " of " + file;
  }

  /** How a step's call is named in messages: {@code awaitTermination(..)}, {@code close()}. */
  static String callName(ShutdownStep step) {
    String name = methodCallName(step.site().getLeaf());
    return name == null ? "a stop flag" : name;
  }

  /** {@code awaitTermination(..)} or {@code close()} for a call of a method; null for anything else. */
  static String methodCallName(Tree site) {
    Symbol method = site instanceof ExpressionTree expression ? ASTHelpers.getSymbol(expression) : null;
    return method instanceof Symbol.MethodSymbol called
        ? called.getSimpleName() + (called.getParameters().isEmpty() ? "()" : "(..)")
        : null;
  }

  /** How a step's subject is named in messages. */
  static String subjectName(ShutdownStep step) {
    Symbol subject = step.subject();
    if (subject == null) {
      return "it";
    }
    return "`" + subject.getSimpleName() + (subject instanceof Symbol.MethodSymbol ? "()" : "") + "`";
  }
}
