package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleKind;
import java.util.ArrayList;
import java.util.List;

/**
 * An owned lifecycle field that nothing in the source releases or hands off; or, where {@code
 * keptInCollection}, a collection field holding resources the class creates, none of which anything
 * releases ({@code createdType} is then the type of its elements).
 */
public record UnreleasedField(
    VarSymbol field,
    VariableTree declaration,
    LifecycleKind kind,
    Type createdType,
    ShutdownPaths shutdownPaths,
    MethodSymbol inheritedShutdown,
    ImmutableList<String> releasedOnShutdown,
    LifecycleUses.Facts facts,
    boolean keptInCollection) {

  public boolean isStatic() {
    return field.isStatic();
  }

  /**
   * Whether a shutdown path of the class itself could release this field. For a static field,
   * which every instance shares, only a static callback or a shutdown hook can.
   */
  public boolean hasShutdownPath() {
    if (shutdownPaths.isEmpty()) {
      return false;
    }
    return !isStatic() || shutdownPaths.hasStaticCallback() || shutdownPaths.hasHook();
  }

  /**
   * Whether the field is released, but only in {@code finalize()}: the garbage collector runs it
   * late or never, and not at all at shutdown.
   */
  public boolean releasedOnlyByFinalizer() {
    return !facts.releases.isEmpty(); // an unreleased field's releases are all in finalizers
  }

  /** Whether the class only inherits a shutdown method, which cannot know this field. */
  public boolean onlyInheritsShutdown() {
    return !hasShutdownPath() && inheritedShutdown != null && !isStatic();
  }

  /**
   * Whether the field may be read at all: a private field (or one of a class nobody else can name)
   * that its class never reads is dead; an executor there is never given a task.
   */
  public boolean mayBeRead() {
    return facts.reads > 0 || !isPrivateToTheFile();
  }

  private boolean isPrivateToTheFile() {
    for (Symbol s = field; s != null && !(s instanceof PackageSymbol); s = s.owner) {
      if ((s.flags() & Flags.PRIVATE) != 0
          || (s instanceof ClassSymbol c && (c.isAnonymous() || c.owner instanceof MethodSymbol))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the class starts what the field holds: {@code thread.start()}. */
  public boolean isStarted() {
    return !facts.starts.isEmpty();
  }

  /** Whether the class lends it out (a getter) or passes it to some call, which may keep it. */
  public boolean isLentOrPassedOn() {
    return !facts.lent.isEmpty() || !facts.passedOn.isEmpty();
  }

  /** The expressions that create what the field holds. */
  public List<ExpressionTree> createdValues() {
    return facts.creations.stream().map(LifecycleUses.Creation::value).toList();
  }

  /** Where the field is given new objects: its initializer, assignments, delegating calls. */
  public List<TreePath> creationSites() {
    return facts.creations.stream().map(LifecycleUses.Creation::site).toList();
  }

  /** The callbacks that start the shutdown paths, as {@code close()} or {@code "the shutdown hook"}. */
  public String shutdownMethods() {
    List<String> names = new ArrayList<>();
    for (var callback : shutdownPaths.callbacks()) {
      String name = callback.getName() + "()";
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names.isEmpty() ? "the shutdown hook" : String.join(" and ", names);
  }

  /** The inherited shutdown method, as {@code Base.close()}. */
  public String inheritedShutdownName() {
    return inheritedShutdown.owner.getSimpleName() + "." + inheritedShutdown.getSimpleName() + "()";
  }
}
