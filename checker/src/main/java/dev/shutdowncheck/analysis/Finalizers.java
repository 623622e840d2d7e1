package dev.shutdowncheck.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code finalize()} bodies. A release there is no release: the garbage collector runs a finalizer
 * late or never (finalization is deprecated for removal since Java 18), and never for what is still
 * reachable when the JVM shuts down.
 */
final class Finalizers {

  private Finalizers() {}

  /** Whether every one of {@code sites} (none included) is inside a {@code finalize()} method. */
  static boolean containAll(List<TreePath> sites) {
    for (TreePath site : sites) {
      if (!isInFinalizer(site)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isInFinalizer(TreePath site) {
    MethodTree method = ASTHelpers.findEnclosingNode(site, MethodTree.class);
    return method != null
        && method.getName().contentEquals("finalize")
        && method.getParameters().isEmpty()
        && !method.getModifiers().getFlags().contains(Modifier.STATIC);
  }
}
