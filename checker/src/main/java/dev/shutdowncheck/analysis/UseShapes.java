package dev.shutdowncheck.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import javax.lang.model.element.ElementKind;

/** The shapes of source that {@link LifecycleUses} reads a use from, as plain tree questions. */
final class UseShapes {

  private UseShapes() {}

  /**
   * Whether {@code parent} evaluates to the value of {@code child}: parentheses, casts, and the
   * branches (not the condition) of {@code a ? b : c}, as in {@code return current != null ?
   * current : DEFAULT}.
   */
  static boolean passesValueOn(Tree parent, Tree child) {
    return parent instanceof ParenthesizedTree
        || parent instanceof TypeCastTree
        || (parent instanceof ConditionalExpressionTree conditional && conditional.getCondition() != child);
  }

  /**
   * Whether {@code expr}, a field of another object ({@code request.producer}), is passed as an
   * argument: whoever reaches into the object to pass its resource on decides its fate.
   */
  static boolean isAnotherObjectsFieldPassedOn(Tree expr, Tree parent) {
    if (!(expr instanceof MemberSelectTree select)
        || !(ASTHelpers.getSymbol(select.getExpression()) instanceof VarSymbol qualifier)
        || qualifier.getSimpleName().contentEquals("this")) {
      return false;
    }
    return (parent instanceof MethodInvocationTree call && containsSame(call.getArguments(), expr))
        || (parent instanceof NewClassTree newTree && containsSame(newTree.getArguments(), expr));
  }

  /** The last call of the chain that the call at {@code callPath} starts: what a builder builds. */
  static TreePath builtObject(TreePath callPath) {
    TreePath top = callPath;
    while (top.getParentPath() != null
        && top.getParentPath().getLeaf() instanceof MemberSelectTree member
        && member.getExpression() == top.getLeaf()
        && top.getParentPath().getParentPath() != null
        && top.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == member) {
      top = top.getParentPath().getParentPath();
    }
    return top;
  }

  static boolean containsSame(List<? extends Tree> trees, Tree tree) {
    return indexOfSame(trees, tree) >= 0;
  }

  static int indexOfSame(List<? extends Tree> trees, Tree tree) {
    for (int i = 0; i < trees.size(); i++) {
      if (trees.get(i) == tree) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code expression} is a variable itself ({@code a}, {@code this.a}, {@code (X) a}, {@code c ? a : b}). */
  static boolean isPlainReference(ExpressionTree expression) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (tree instanceof TypeCastTree cast) {
      return isPlainReference(cast.getExpression());
    }
    if (tree instanceof ConditionalExpressionTree conditional) {
      return isPlainReference(conditional.getTrueExpression()) && isPlainReference(conditional.getFalseExpression());
    }
    return tree instanceof IdentifierTree
        || tree instanceof MemberSelectTree
        || tree.getKind() == Tree.Kind.NULL_LITERAL;
  }

  static boolean isLocal(Symbol symbol) {
    return symbol != null
        && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
            || symbol.getKind() == ElementKind.RESOURCE_VARIABLE);
  }
}
