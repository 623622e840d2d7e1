package dev.shutdowncheck.analysis;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import dev.shutdowncheck.model.LifecycleModel;
import javax.inject.Inject;

/**
 * The lifecycle analysis that every rule of one compilation shares: Error Prone's injector makes
 * one per compilation and hands it to each rule, as it shares {@code ThreadSafety} between its
 * thread-safety checks. It holds the lifecycle model (the library tables, extended by the user's
 * flags) and answers, for the top-level class being checked, one {@link ClassLifecycle}: computed
 * when a rule first asks, then reused by every other rule that checks the same class.
 */
public final class LifecycleAnalysis {

  private final LifecycleModel model;
  private final String configurationError;
  private final SourceSubclasses subclasses = new SourceSubclasses();
  /** The class analysed last: Error Prone runs every rule on one class before the next one. */
  private ClassLifecycle current;

  @Inject
  public LifecycleAnalysis(ErrorProneFlags flags) {
    LifecycleModel parsed;
    String error = null;
    try {
      parsed = LifecycleModel.from(flags);
    } catch (IllegalArgumentException e) {
      parsed = LifecycleModel.defaults();
      error = e.getMessage();
    }
    this.model = parsed;
    this.configurationError = error;
  }

  /** For rules made outside Error Prone's injector: the built-in model, no user flags. */
  public static LifecycleAnalysis withoutFlags() {
    return new LifecycleAnalysis(ErrorProneFlags.empty());
  }

  public LifecycleModel model() {
    return model;
  }

  /** What is wrong with the user's flags, or null: the rules report it once as an error. */
  public String configurationError() {
    return configurationError;
  }

  /**
   * The analysis of the top-level class that encloses {@code state}'s path; null outside any class
   * (a package or module declaration).
   */
  public synchronized ClassLifecycle of(VisitorState state) {
    TreePath topLevel = topLevelClass(state.getPath());
    if (topLevel == null || ASTHelpers.getSymbol((ClassTree) topLevel.getLeaf()) == null) {
      return null;
    }
    ClassLifecycle known = current;
    if (known == null || !known.isFor(topLevel.getLeaf(), state)) {
      known = new ClassLifecycle(topLevel, model, subclasses, state.withPath(topLevel));
      current = known;
    }
    return known;
  }

  private static TreePath topLevelClass(TreePath path) {
    TreePath child = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof CompilationUnitTree) {
        return child != null && child.getLeaf() instanceof ClassTree ? child : null;
      }
      child = p;
    }
    return null;
  }
}
