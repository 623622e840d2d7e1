package dev.shutdowncheck.model;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/** The unit of code a rule reasons about when it says "in the same method". */
public final class Scopes {

  private Scopes() {}

  /**
   * The method that encloses {@code path}, lambdas included; outside methods, the field
   * initializer or initializer block directly inside the class. Null only for a bare class.
   */
  public static Tree enclosingBody(TreePath path) {
    TreePath body = enclosingBodyPath(path);
    return body == null ? null : body.getLeaf();
  }

  /** The path to {@link #enclosingBody}. */
  public static TreePath enclosingBodyPath(TreePath path) {
    TreePath child = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree) {
        return p;
      }
      if (leaf instanceof ClassTree) {
        return child;
      }
      child = p;
    }
    return null;
  }

  /**
   * Whether {@code path} runs once per class rather than per instance or call: in a static field's
   * initializer or a static initializer block, outside any lambda.
   */
  public static boolean isStaticInitialisation(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (p.getParentPath() != null && p.getParentPath().getLeaf() instanceof ClassTree) {
        return (leaf instanceof VariableTree field && field.getModifiers().getFlags().contains(Modifier.STATIC))
            || (leaf instanceof BlockTree block && block.isStatic());
      }
    }
    return false;
  }

  /**
   * Calls {@code action} with every method invocation and method reference in {@code scope} that
   * starts before {@code position}.
   */
  public static void forEachCallBefore(Tree scope, int position, Consumer<ExpressionTree> action) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        visitIfBefore(call);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        visitIfBefore(reference);
        return super.visitMemberReference(reference, null);
      }

      private void visitIfBefore(ExpressionTree call) {
        if (ASTHelpers.getStartPosition(call) < position) {
          action.accept(call);
        }
      }
    }.scan(scope, null);
  }

  /**
   * Whether {@code scope} sets a flag before {@code position}: a boolean literal written to a field
   * ({@code running = false}) or to an atomic flag ({@code stopped.set(true)}).
   */
  public static boolean setsAFlagBefore(Tree scope, int position) {
    for (Tree tree : ownCode(scope)) {
      if (ASTHelpers.getStartPosition(tree) >= position) {
        continue;
      }
      if (tree instanceof AssignmentTree assignment
          && ASTHelpers.constValue(assignment.getExpression()) instanceof Boolean
          && ASTHelpers.getSymbol(assignment.getVariable()) != null
          && ASTHelpers.getSymbol(assignment.getVariable()).getKind() == ElementKind.FIELD) {
        return true;
      }
      if (tree instanceof MethodInvocationTree call
          && ASTHelpers.getSymbol(call) != null
          && ASTHelpers.getSymbol(call).getSimpleName().contentEquals("set")
          && call.getArguments().size() == 1
          && ASTHelpers.constValue(call.getArguments().get(0)) instanceof Boolean) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} runs inside {@code code}: {@code code} is on it, its leaf included. */
  public static boolean isWithin(TreePath path, Tree code) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() == code) {
        return true;
      }
    }
    return false;
  }

  /** Whether any of {@code paths} runs inside {@code code}. */
  public static boolean anyWithin(List<TreePath> paths, Tree code) {
    for (TreePath path : paths) {
      if (isWithin(path, code)) {
        return true;
      }
    }
    return false;
  }

  /** The nearest path above {@code path} that is not a parenthesis; null at the top. */
  public static TreePath parentOutsideParentheses(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
      parent = parent.getParentPath();
    }
    return parent;
  }

  /** The condition of a loop; null for {@code for (;;)}, for-each loops and anything else. */
  public static ExpressionTree loopCondition(Tree tree) {
    if (tree instanceof WhileLoopTree loop) {
      return loop.getCondition();
    }
    if (tree instanceof DoWhileLoopTree loop) {
      return loop.getCondition();
    }
    return tree instanceof ForLoopTree loop ? loop.getCondition() : null;
  }

  /**
   * Every tree in {@code root} that runs as part of it: the insides of lambdas and class bodies,
   * which run some other time, are left out.
   */
  public static List<Tree> ownCode(Tree root) {
    List<Tree> trees = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null
            || (tree != root && (tree instanceof LambdaExpressionTree || tree instanceof ClassTree))) {
          return null;
        }
        trees.add(tree);
        return super.scan(tree, null);
      }
    }.scan(root, null);
    return trees;
  }

  /** The method invocations in {@code root} that run as part of it (see {@link #ownCode}). */
  public static List<MethodInvocationTree> callsIn(Tree root) {
    List<MethodInvocationTree> calls = new ArrayList<>();
    for (Tree tree : ownCode(root)) {
      if (tree instanceof MethodInvocationTree call) {
        calls.add(call);
      }
    }
    return calls;
  }
}
