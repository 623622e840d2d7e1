package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

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

  public static MethodTree treeOf(Symbol method, VisitorState state) {
    TreePath path = pathOf(method, state);
    return path == null ? null : (MethodTree) path.getLeaf();
  }

  public static boolean inCurrentUnit(TreePath path, VisitorState state) {
    CompilationUnitTree current = state.getPath().getCompilationUnit();
    return path != null && path.getCompilationUnit() == current;
  }
}
