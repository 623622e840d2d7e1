package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.EnumSet;
import java.util.Set;

/**
 * The nodes of a top-level class (nested, local and anonymous classes and lambdas included) where
 * a value is handed on or waited for: calls, method references, {@code new}, {@code return}s,
 * assignments, variables with an initializer, enhanced {@code for} loops and try-with-resources.
 * Listed in one pass, in the order a scan meets them (a node before the nodes inside it), for the
 * rules that read a class's calls and values in order, so that none of them walks the class again.
 */
public final class ClassNodes {

  private final ImmutableList<TreePath> nodes;

  private ClassNodes(ImmutableList<TreePath> nodes) {
    this.nodes = nodes;
  }

  /** Kinds listed whatever their shape; variables and try statements only when they hold a value. */
  private static final Set<Tree.Kind> ALWAYS_LISTED =
      EnumSet.of(
          Tree.Kind.METHOD_INVOCATION,
          Tree.Kind.MEMBER_REFERENCE,
          Tree.Kind.NEW_CLASS,
          Tree.Kind.RETURN,
          Tree.Kind.ASSIGNMENT,
          Tree.Kind.ENHANCED_FOR_LOOP);

  static ClassNodes scan(TreePath classPath) {
    ImmutableList.Builder<TreePath> found = ImmutableList.builder();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null && isListed(tree)) {
          found.add(new TreePath(getCurrentPath(), tree)); // the path the scan is about to take
        }
        return super.scan(tree, null);
      }
    }.scan(classPath, null);
    return new ClassNodes(found.build());
  }

  private static boolean isListed(Tree tree) {
    if (ALWAYS_LISTED.contains(tree.getKind())) {
      return true;
    }
    if (tree instanceof VariableTree variable) {
      return variable.getInitializer() != null;
    }
    return tree instanceof TryTree attempt && !attempt.getResources().isEmpty();
  }

  /** Every listed node, in scan order. */
  public ImmutableList<TreePath> all() {
    return nodes;
  }
}
