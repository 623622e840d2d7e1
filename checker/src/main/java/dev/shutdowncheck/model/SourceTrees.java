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
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
      TreePath path = pathThroughMembers(method, state);
      if (path == null) {
        // In a local or anonymous class: javac finds it, walking the file up to it.
        path = JavacTrees.instance(state.context).getPath(method);
      }
      return path != null && path.getLeaf() instanceof MethodTree ? path : null;
    } catch (RuntimeException e) {
      // A symbol from a class file, or one javac cannot map back to source: no tree.
      return null;
    }
  }

  /** The declaration of {@code method}, or null if it has no source here. */
  public static MethodTree treeOf(Symbol method, VisitorState state) {
    return method instanceof MethodSymbol && declarationOf(method, state) instanceof MethodTree tree ? tree : null;
  }

  /** The declaration of {@code field}, or null if it has no source here. */
  public static VariableTree fieldDeclaration(VarSymbol field, VisitorState state) {
    return declarationOf(field, state) instanceof VariableTree tree ? tree : null;
  }

  /** The declaration of a method or field, or null if it has no source here. */
  private static Tree declarationOf(Symbol member, VisitorState state) {
    try {
      JCTree found = memberOfItsClass(member, state);
      return found != null ? found : JavacTrees.instance(state.context).getTree(member);
    } catch (RuntimeException e) {
      return null; // as in pathOf
    }
  }

  /**
   * The declaration of {@code member}, read from the members of the class that declares it: javac
   * would find it by walking that class, method bodies included, up to it. Null where the class
   * has no source here, or does not list it (a member javac adds, such as a default constructor).
   */
  private static JCTree memberOfItsClass(Symbol member, VisitorState state) {
    return member.owner instanceof ClassSymbol owner ? memberOf(classDeclaration(owner, state), member) : null;
  }

  /**
   * The path of {@code method}, built down from its top-level class through the member classes
   * that enclose it; null where a method or initializer encloses it (a local or anonymous class).
   */
  private static TreePath pathThroughMembers(Symbol method, VisitorState state) {
    Deque<ClassSymbol> enclosing = new ArrayDeque<>();
    Symbol owner = method.owner;
    while (owner instanceof ClassSymbol type) {
      enclosing.push(type);
      owner = type.owner;
    }
    if (!(owner instanceof PackageSymbol) || enclosing.isEmpty()) {
      return null;
    }
    TreePath path = topLevelPath(enclosing.pop(), state);
    for (ClassSymbol nested : enclosing) {
      JCTree declaration = path == null ? null : memberOf((JCClassDecl) path.getLeaf(), nested);
      path = declaration == null ? null : new TreePath(path, declaration);
    }
    JCTree declaration = path == null ? null : memberOf((JCClassDecl) path.getLeaf(), method);
    return declaration == null ? null : new TreePath(path, declaration);
  }

  /**
   * The path of a top-level class compiled here, from what javac entered for it: its file and its
   * declaration. Null for a class from a class file.
   */
  private static TreePath topLevelPath(ClassSymbol type, VisitorState state) {
    Env<AttrContext> entered = Enter.instance(state.context).getEnv(type);
    return entered != null && entered.toplevel != null && entered.tree instanceof JCClassDecl declaration
        ? new TreePath(new TreePath(entered.toplevel), declaration)
        : null;
  }

  /** The declaration of a class compiled here, or null: javac looks at it first, so no walk. */
  private static JCClassDecl classDeclaration(ClassSymbol type, VisitorState state) {
    return JavacTrees.instance(state.context).getTree(type);
  }

  /** The member of {@code type} that declares {@code member}, or null. */
  private static JCTree memberOf(JCClassDecl type, Symbol member) {
    if (type == null) {
      return null;
    }
    for (JCTree definition : type.defs) {
      if (definition instanceof JCMethodDecl method && method.sym == member
          || definition instanceof JCVariableDecl variable && variable.sym == member
          || definition instanceof JCClassDecl nested && nested.sym == member) {
        return definition;
      }
    }
    return null;
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
