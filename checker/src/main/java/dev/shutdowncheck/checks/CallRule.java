package dev.shutdowncheck.checks;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.MethodNames;

/**
 * The rules that judge single calls of a few method names: each reads, once per top-level class,
 * the calls of those names from the class's shared outline, where Error Prone would otherwise hand
 * every rule every call of the code. Each call is checked on its own path, as if Error Prone had
 * matched it: suppressions around it are honoured and a crash is contained to it. Most calls of
 * those names are someone else's ({@code map.get(key)} for {@code Future.get}): the rule's callee
 * matcher sorts them out before the walk up the tree that looks for suppressions.
 */
abstract class CallRule extends ShutdownRule implements ClassTreeMatcher {

  private final MethodNames names;
  private final Matcher<ExpressionTree> callees;

  /**
   * @param names the names of the calls the rule judges, compared first
   * @param callees the calls the rule judges, among those named: only these reach {@link #checkCall}
   */
  CallRule(
      ErrorProneFlags flags, LifecycleAnalysis analysis, MethodNames names, Matcher<ExpressionTree> callees) {
    super(flags, analysis);
    this.names = names;
    this.callees = callees;
  }

  /** The finding at {@code call}, one of the callees, whose path {@code state} holds. */
  abstract Description checkCall(MethodInvocationTree call, VisitorState state);

  @Override
  public final Description matchClass(ClassTree tree, VisitorState classState) {
    if (!isTopLevelClass(classState)) {
      return NO_MATCH; // the top-level class's outline lists the calls of its nested classes too
    }
    ClassLifecycle lifecycle = lifecycle(classState);
    if (lifecycle == null) {
      return NO_MATCH;
    }
    for (TreePath path : lifecycle.callsNamed(names)) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      if (guardedTest(classState, () -> callees.matches(call, classState))) {
        reportAt(path, classState, state -> checkCall(call, state));
      }
    }
    return NO_MATCH;
  }
}
