package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.shutdowncheck.model.LifecycleModel;

/** A quick look for classes that make lifecycle objects at all, before the full scan. */
final class Creations {

  private Creations() {}

  /**
   * Whether any {@code new} or call in {@code tree} yields an executor or a resource: every
   * creation that the full scan counts is one of these. Without tree paths, and it stops at the
   * first.
   */
  static boolean anyIn(Tree tree, LifecycleModel model, VisitorState state) {
    var scanner =
        new TreeScanner<Void, Void>() {
          boolean found;

          @Override
          public Void scan(Tree node, Void unused) {
            return found ? null : super.scan(node, null);
          }

          @Override
          public Void visitNewClass(NewClassTree creation, Void unused) {
            found |= model.kindOf(ASTHelpers.getType(creation), state) != null;
            return super.visitNewClass(creation, null);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            found |= model.kindOf(ASTHelpers.getType(call), state) != null;
            return super.visitMethodInvocation(call, null);
          }
        };
    scanner.scan(tree, null);
    return scanner.found;
  }
}
