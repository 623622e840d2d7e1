package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.Tasks;
import java.util.List;

/**
 * Whether the thread that runs some code ends when that code ends: the code is a task's or
 * thread's top-level body ({@code run()}, {@code call()}, a {@code Runnable} lambda, a method
 * handed to a thread as {@code this::pump}), or a private helper that such a body calls as its last
 * step. An interrupt that ends such code has done its job: the thread stops.
 */
final class ThreadEnding {

  /** How many helper calls to follow up to the top-level body. */
  private static final int MAX_HOPS = 3;

  private ThreadEnding() {}

  /** Whether the thread ends when the code at {@code codePath}, a method or lambda, ends. */
  static boolean endsWithCode(TreePath codePath, ClassLifecycle lifecycle, VisitorState state) {
    return endsWithCode(codePath, lifecycle, state, MAX_HOPS);
  }

  private static boolean endsWithCode(
      TreePath codePath, ClassLifecycle lifecycle, VisitorState state, int hops) {
    Tree code = codePath.getLeaf();
    if (Tasks.isTaskBody(code, state)) {
      return true;
    }
    if (!(code instanceof MethodTree method) || ASTHelpers.getSymbol(method) == null) {
      return false;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    List<TreePath> sites = lifecycle.callSitesOf(symbol);
    if (sites.stream().anyMatch(site -> Tasks.isTaskReference(site, state))) {
      return true; // new Thread(this::pump)
    }
    if (hops == 0 || (symbol.flags() & Flags.PRIVATE) == 0 || sites.isEmpty()) {
      return false; // others may call it and carry on
    }
    for (TreePath site : sites) {
      TreePath caller = Tasks.enclosingCode(site);
      TreePath statement = statementOf(site);
      if (caller == null
          || statement == null
          || !onlyCleanupFollows(statement, caller.getLeaf())
          || !endsWithCode(caller, lifecycle, state, hops - 1)) {
        return false;
      }
    }
    return true;
  }

  /** The statement a call is: {@code helper();} or {@code return helper();}; null otherwise. */
  private static TreePath statementOf(TreePath call) {
    TreePath parent = call.getParentPath();
    return parent != null
            && (parent.getLeaf() instanceof ExpressionStatementTree || parent.getLeaf() instanceof ReturnTree)
        ? parent
        : null;
  }

  /**
   * Whether, after the statement at {@code from}, its code only runs straight-line cleanup to its
   * end: no loop, nothing that would carry on with more work.
   */
  static boolean onlyCleanupFollows(TreePath from, Tree code) {
    TreePath path = from;
    while (path.getParentPath() != null && path.getLeaf() != code) {
      Tree child = path.getLeaf();
      Tree parent = path.getParentPath().getLeaf();
      if (parent == code) {
        return true;
      }
      if (parent instanceof BlockTree block) {
        if (!onlyCleanupAfter(block.getStatements(), child)) {
          return false;
        }
      } else if (!(parent instanceof IfTree
          || parent instanceof TryTree
          || parent instanceof CatchTree
          || parent instanceof SynchronizedTree
          || parent instanceof LabeledStatementTree)) {
        return false; // a loop, a switch, an expression: more work follows
      }
      path = path.getParentPath();
    }
    return false;
  }

  /** Whether the statements after {@code child} run straight to the end: no loop among them. */
  private static boolean onlyCleanupAfter(List<? extends StatementTree> statements, Tree child) {
    int index = statements.indexOf(child);
    if (index < 0) {
      return false;
    }
    for (StatementTree next : statements.subList(index + 1, statements.size())) {
      if (containsLoop(next)) {
        return false;
      }
    }
    return true;
  }

  static boolean containsLoop(Tree tree) {
    for (Tree inner : Scopes.ownCode(tree)) {
      if (isLoop(inner)) {
        return true;
      }
    }
    return false;
  }

  static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree;
  }
}
