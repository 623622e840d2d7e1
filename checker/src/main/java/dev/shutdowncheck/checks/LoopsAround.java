package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.Tasks;
import java.util.Set;

/**
 * What the loops around a statement, within its method or lambda, stop on: read in one walk up
 * the tree, for the rules that ask whether a caught interrupt ends the work or only wakes it.
 *
 * @param stopFlags the stop flags that the innermost loop whose condition reads any reads; empty if
 *     none does
 * @param any whether any loop runs the statement again
 * @param onInterruptStatus whether a loop's condition asks the thread's interrupt status ({@code
 *     isInterrupted()}, {@code Thread.interrupted()})
 */
record LoopsAround(Set<Symbol> stopFlags, boolean any, boolean onInterruptStatus) {

  static LoopsAround of(TreePath path, VisitorState state) {
    Set<Symbol> stopFlags = Set.of();
    boolean any = false;
    boolean onInterruptStatus = false;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
      any |= ThreadEnding.isLoop(leaf);
      ExpressionTree condition = Scopes.loopCondition(leaf);
      if (condition == null) {
        continue;
      }
      if (stopFlags.isEmpty()) {
        stopFlags = Tasks.stopFlagsRead(condition, state);
      }
      onInterruptStatus |= asksInterruptStatus(condition, state);
    }
    return new LoopsAround(stopFlags, any, onInterruptStatus);
  }

  private static boolean asksInterruptStatus(ExpressionTree condition, VisitorState state) {
    for (Tree tree : Scopes.ownCode(condition)) {
      if (tree instanceof MethodInvocationTree call && Tasks.isInterruptCheck(call, state)) {
        return true;
      }
    }
    return false;
  }
}
