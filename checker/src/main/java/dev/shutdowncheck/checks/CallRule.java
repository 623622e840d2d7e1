package dev.shutdowncheck.checks;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
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
 * matched it: suppressions around it are honoured and a crash is contained to it.
 */
abstract class CallRule extends ShutdownRule implements ClassTreeMatcher {

  private final MethodNames names;

  CallRule(ErrorProneFlags flags, LifecycleAnalysis analysis, MethodNames names) {
    super(flags, analysis);
    this.names = names;
  }

  /** The finding at {@code call}, one of the calls named, whose path {@code state} holds. */
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
      reportAt(path, classState, state -> checkCall((MethodInvocationTree) path.getLeaf(), state));
    }
    return NO_MATCH;
  }
}
