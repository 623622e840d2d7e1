package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;
import dev.shutdowncheck.model.SourceTrees;

/**
 * The bodies a class runs on itself that a superclass compiled in the same javac run declares:
 * {@code super.close()}, or {@code closeClients()} where the class inherits it. javac binds such a
 * call to the superclass's method only when the calling class declares none of its own, so that
 * body is the one that runs (a subclass further down may override it again; that subclass's
 * shutdown is checked on its own).
 */
final class InheritedMethods {

  private InheritedMethods() {}

  /**
   * The declaration of {@code method}, called on the object itself at {@code site}, when the
   * calling class inherits it from a superclass (or an interface's default) whose source is
   * compiled here; null otherwise.
   */
  static MethodTree bodyRunAt(TreePath site, MethodSymbol method, VisitorState state) {
    if (!mayBeInherited(method)) {
      return null; // most calls: checked before the walk up to the calling class
    }
    ClassTree caller = ASTHelpers.findEnclosingNode(site, ClassTree.class);
    return caller == null ? null : bodyRunBy(ASTHelpers.getSymbol(caller), method, state);
  }

  /** As {@link #bodyRunAt}, for a call written in {@code caller}'s own code. */
  static MethodTree bodyRunBy(ClassSymbol caller, MethodSymbol method, VisitorState state) {
    if (caller == null
        || !mayBeInherited(method)
        || method.owner.equals(caller)
        || !caller.isSubClass(method.owner, Types.instance(state.context))) {
      return null;
    }
    MethodTree declaration = SourceTrees.treeOf(method, state);
    return declaration != null && declaration.getBody() != null ? declaration : null;
  }

  private static boolean mayBeInherited(MethodSymbol method) {
    return !method.isStatic()
        && !method.isConstructor()
        && (method.flags() & Flags.ABSTRACT) == 0
        && method.owner instanceof ClassSymbol;
  }
}
