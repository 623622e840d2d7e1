package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.tools.JavaFileObject;

/** Finds the source of methods compiled in this javac run, where there is any. */
public final class SourceTrees {

  private SourceTrees() {}

  /** The declaration of {@code method}, with its compilation unit, or null if it has no source here. */
  public static TreePath pathOf(Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol)) {
      return null;
    }
    try {
      TreePath path = JavacTrees.instance(state.context).getPath(method);
      return path != null && path.getLeaf() instanceof MethodTree ? path : null;
    } catch (RuntimeException e) {
      // A symbol from a class file, or one javac cannot map back to source: no tree.
      return null;
    }
  }

  /** The declaration of {@code method}, or null if it has no source here. */
  public static MethodTree treeOf(Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol)) {
      return null;
    }
    try {
      // The declaration alone: its path would cost a second walk of the whole file.
      return JavacTrees.instance(state.context).getTree(method) instanceof MethodTree tree ? tree : null;
    } catch (RuntimeException e) {
      return null; // as in pathOf
    }
  }

  /**
   * The declaration, with a body, of a method of the top-level class being analysed (the class
   * that encloses {@code state}'s path), or null: the class's own methods can be read, while a
   * method of another class is only known by its name and signature.
   */
  public static MethodTree ownMethodWithBody(Symbol method, VisitorState state) {
    ClassTree enclosing =
        state.getPath().getLeaf() instanceof ClassTree leaf
            ? leaf
            : ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    Symbol current = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    if (current == null
        || !ASTHelpers.outermostClass(current).equals(ASTHelpers.outermostClass(method))) {
      return null;
    }
    MethodTree tree = treeOf(method, state);
    return tree == null || tree.getBody() == null ? null : tree;
  }

  /**
   * The declaration, with a body, of a method whose body is the one a call runs: a method of the
   * top-level class being analysed (see {@link #ownMethodWithBody}), or one of another class
   * compiled here that no subclass can override (static, private or final): the factory {@code
   * Pools.scheduled(name)}, the helper {@code Exceptions.bubble(e)}. Null for anything else, whose
   * body may not be the one that runs.
   */
  public static MethodTree bodyThatRuns(Symbol method, VisitorState state) {
    MethodTree own = ownMethodWithBody(method, state);
    if (own != null || !(method instanceof MethodSymbol)) {
      return own;
    }
    MethodTree tree = cannotBeOverridden(method) ? treeOf(method, state) : null;
    return tree == null || tree.getBody() == null ? null : tree;
  }

  /** Whether no subclass can override {@code method}: it is static, private or final, or its class is final. */
  public static boolean cannotBeOverridden(Symbol method) {
    return (method.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) != 0
        || (method.owner.flags() & Flags.FINAL) != 0;
  }

  /** A {@code return} expression, and the value it stands for: a returned local's initializer. */
  public record Returned(ExpressionTree expression, ExpressionTree value) {}

  /**
   * What {@code method} returns. Returns in lambdas and nested classes are not the method's and
   * are left out.
   */
  public static List<Returned> returnedValues(MethodTree method) {
    return returnedValues(method.getBody());
  }

  /**
   * What a block body ({@code body}: a method's, or a lambda's) returns, in source order; returns
   * in lambdas and classes nested in it are theirs, and are left out.
   */
  public static List<Returned> returnedValues(Tree body) {
    Map<Symbol, ExpressionTree> locals = new HashMap<>();
    List<ExpressionTree> returned = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (variable.getInitializer() != null) {
          locals.put(ASTHelpers.getSymbol(variable), variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (tree.getExpression() != null) {
          returned.add(tree.getExpression());
        }
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null;
      }
    }.scan(body, null);
    List<Returned> values = new ArrayList<>();
    for (ExpressionTree expression : returned) {
      ExpressionTree local = locals.get(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(expression)));
      values.add(new Returned(expression, local != null ? local : expression));
    }
    return values;
  }

  /**
   * The initializer of a local variable that is never reassigned, from the source of the method
   * that declares it; null for any other variable, or where that source is not here.
   */
  public static ExpressionTree initializerOf(VarSymbol local, VisitorState state) {
    if (local.getKind() != ElementKind.LOCAL_VARIABLE || !ASTHelpers.isConsideredFinal(local)) {
      return null;
    }
    MethodTree method = treeOf(local.owner, state);
    JCTree declaration = method == null ? null : TreeInfo.declarationFor(local, (JCTree) method);
    return declaration instanceof VariableTree variable ? variable.getInitializer() : null;
  }

  /**
   * The declaration, with a body, of a method written in the file being checked (the one {@code
   * state}'s path is in), or null.
   */
  public static MethodTree inCurrentFile(Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol)) {
      return null;
    }
    JavaFileObject file = method.outermostClass().sourcefile;
    if (file == null || !file.equals(state.getPath().getCompilationUnit().getSourceFile())) {
      return null;
    }
    MethodTree tree = treeOf(method, state);
    return tree == null || tree.getBody() == null ? null : tree;
  }
}
