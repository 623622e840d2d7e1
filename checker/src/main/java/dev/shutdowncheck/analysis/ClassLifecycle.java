package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import java.util.List;

/**
 * The lifecycle facts of one top-level class, nested classes included, shared by every rule that
 * checks it: where its shutdowns start and what they run, and what it does with the executors and
 * resources it holds. Each part is computed the first time a rule asks for it, then kept while
 * Error Prone checks the class.
 */
public final class ClassLifecycle {

  private final TreePath classPath;
  private final LifecycleModel model;
  private final VisitorState state;
  private ShutdownEntries shutdownEntries;
  private List<ResourceFields.Unreleased> unreleasedResources;

  ClassLifecycle(TreePath classPath, LifecycleModel model, VisitorState state) {
    this.classPath = classPath;
    this.model = model;
    this.state = state;
  }

  /** Whether this is the analysis of {@code topLevel} in the compilation {@code state} belongs to. */
  boolean isFor(Tree topLevel, VisitorState state) {
    return classPath.getLeaf() == topLevel && this.state.context == state.context;
  }

  /** The path to the top-level class. */
  public TreePath classPath() {
    return classPath;
  }

  public LifecycleModel model() {
    return model;
  }

  /** Where the shutdowns of the classes in the file start, and the code they run. */
  public ShutdownEntries shutdownEntries() {
    if (shutdownEntries == null) {
      shutdownEntries = ShutdownEntries.scan(classPath, model, state);
    }
    return shutdownEntries;
  }

  /** What runs when any class of the file is shut down. */
  public ShutdownPaths shutdownPaths() {
    return shutdownEntries().all();
  }

  /** What runs when {@code owner} itself is shut down (see {@link ShutdownEntries#of}). */
  public ShutdownPaths shutdownPathsOf(ClassSymbol owner) {
    return shutdownEntries().of(owner);
  }

  /** The owned resource fields that nothing in the source releases or hands off. */
  public List<ResourceFields.Unreleased> unreleasedResources() {
    if (unreleasedResources == null) {
      ResourceFields scanned = ResourceFields.scan(this, state);
      unreleasedResources = scanned == null ? List.of() : scanned.unreleased();
    }
    return unreleasedResources;
  }
}
