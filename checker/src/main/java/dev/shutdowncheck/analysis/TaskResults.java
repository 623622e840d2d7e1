package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.TypeMember;
import javax.lang.model.element.ElementKind;

/**
 * Whether the future of some async work is kept where a shutdown can reach it: returned, stored in
 * a field, kept in a local that the code goes on to use, or handed to a call (a set of pending
 * futures, {@code allOf(..)}). Followed through the stages chained onto it ({@code
 * runAsync(task).exceptionally(..)}).
 */
public final class TaskResults {

  private TaskResults() {}

  /** Whether the future made by the call at {@code callPath} is kept. */
  public static boolean isTracked(TreePath callPath, VisitorState state) {
    TreePath result = outermostStage(callPath, state);
    if (result == null) {
      return true; // waited on, or asked about: join(), get(), isDone()
    }
    TreePath parent = result.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree
            || parent.getLeaf() instanceof ConditionalExpressionTree)) {
      result = parent;
      parent = parent.getParentPath();
    }
    if (parent == null || parent.getLeaf() instanceof ExpressionStatementTree) {
      return false; // dropped
    }
    Symbol holder =
        parent.getLeaf() instanceof VariableTree variable
            ? ASTHelpers.getSymbol(variable)
            : parent.getLeaf() instanceof AssignmentTree assignment
                ? ASTHelpers.getSymbol(assignment.getVariable())
                : null;
    if (holder != null && holder.getKind() == ElementKind.LOCAL_VARIABLE) {
      TreePath body = Scopes.enclosingBodyPath(callPath);
      return body != null && readsAnywhere(body.getLeaf(), holder); // kept, and used
    }
    return true; // returned, stored in a field, passed on
  }

  /**
   * {@code runAsync(task).thenRun(..).exceptionally(..)}: the last stage chained onto the call;
   * null where the chain ends in a call that is no stage ({@code .join()}, {@code .isDone()}).
   */
  private static TreePath outermostStage(TreePath callPath, VisitorState state) {
    TreePath current = callPath;
    while (current.getParentPath() != null
        && current.getParentPath().getLeaf() instanceof MemberSelectTree select
        && select.getExpression() == current.getLeaf()
        && current.getParentPath().getParentPath() != null
        && current.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree next
        && next.getMethodSelect() == select) {
      if (!isFuture(ASTHelpers.getType(next), state)) {
        return null;
      }
      current = current.getParentPath().getParentPath();
    }
    return current;
  }

  private static boolean isFuture(Type type, VisitorState state) {
    return TypeMember.isSubtypeOfNamed(type, "java.util.concurrent.Future", state)
        || TypeMember.isSubtypeOfNamed(type, "java.util.concurrent.CompletionStage", state);
  }

  private static boolean readsAnywhere(Tree scope, Symbol local) {
    boolean[] read = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        read[0] |= local.equals(ASTHelpers.getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        scan(assignment.getExpression(), null); // the target is written, not read
        return null;
      }
    }.scan(scope, null);
    return read[0];
  }
}
