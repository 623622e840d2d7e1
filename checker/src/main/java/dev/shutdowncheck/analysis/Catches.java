package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a checked exception goes: what a call declares, and which handler of a {@code try} takes
 * it. Only checked exceptions are followed: each is declared where it is thrown, so the path it
 * takes is certain, where "any call may throw" would make every call a branch.
 */
public final class Catches {

  private Catches() {}

  /** The checked exceptions {@code tree} (a call, a {@code new}, a {@code throw}) declares or throws. */
  static List<Type> checkedThrownBy(Tree tree, VisitorState state) {
    List<Type> thrown = new ArrayList<>();
    for (Type exception : thrownBy(tree)) {
      if (exception != null
          && !ASTHelpers.isSubtype(exception, state.getSymtab().runtimeExceptionType, state)
          && !ASTHelpers.isSubtype(exception, state.getSymtab().errorType, state)) {
        thrown.add(exception);
      }
    }
    return thrown;
  }

  private static List<Type> thrownBy(Tree tree) {
    if (tree instanceof MethodInvocationTree call) {
      // The type at the call has a generic method's exceptions instantiated; the symbol's does not.
      Type atCall = ASTHelpers.getType(call.getMethodSelect());
      Symbol method = ASTHelpers.getSymbol(call);
      Type type = atCall != null ? atCall : method == null ? null : method.type;
      return type == null ? List.of() : type.getThrownTypes();
    }
    if (tree instanceof NewClassTree creation) {
      Symbol constructor = ASTHelpers.getSymbol(creation);
      return constructor == null ? List.of() : constructor.type.getThrownTypes();
    }
    if (tree instanceof ThrowTree thrown) {
      Type type = ASTHelpers.getType(thrown.getExpression());
      return type == null ? List.of() : List.of(type);
    }
    return List.of();
  }

  /**
   * The first handler of {@code tryTree} that catches {@code exception} or some subclass of it (a
   * handler whose type javac could not resolve counts as one); null when none does.
   */
  static CatchTree firstHandlerFor(TryTree tryTree, Type exception, VisitorState state) {
    for (CatchTree handler : tryTree.getCatches()) {
      for (Type caught : caughtTypes(handler)) {
        if (caught == null
            || ASTHelpers.isSubtype(exception, caught, state)
            || ASTHelpers.isSubtype(caught, exception, state)) {
          return handler;
        }
      }
    }
    return null;
  }

  /** Whether {@code handler} catches every {@code exception}, not only some subclasses of it. */
  public static boolean catchesAll(CatchTree handler, Type exception, VisitorState state) {
    for (Type caught : caughtTypes(handler)) {
      if (caught != null && ASTHelpers.isSubtype(exception, caught, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code child}, a direct child of {@code tryTree}, is code its handlers guard. */
  static boolean guardedBy(TryTree tryTree, Tree child) {
    return child == tryTree.getBlock() || tryTree.getResources().contains(child);
  }

  /** Whether {@code path} runs in a {@code finally} block (of any {@code try} around it). */
  static boolean inFinally(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof TryTree tryTree && tryTree.getFinallyBlock() == p.getLeaf()) {
        return true;
      }
    }
    return false;
  }

  private static List<Type> caughtTypes(CatchTree handler) {
    Tree typeTree = handler.getParameter().getType();
    List<Type> types = new ArrayList<>();
    for (Tree alternative :
        typeTree instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(typeTree)) {
      types.add(ASTHelpers.getType(alternative));
    }
    return types;
  }
}
