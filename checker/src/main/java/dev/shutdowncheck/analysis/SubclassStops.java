package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import java.util.Set;

/**
 * Whether a subclass compiled here stops a field that its superclass created and left to it: a
 * protected executor of an abstract base class, shut down in the subclass's {@code close()}.
 */
final class SubclassStops {

  private SubclassStops() {}

  static boolean stopsField(
      VarSymbol field, SourceSubclasses subclasses, LifecycleModel model, VisitorState state) {
    if (!(field.owner instanceof ClassSymbol owner)) {
      return false;
    }
    for (ClassSymbol subclass : subclasses.of(owner, state)) {
      TreePath topLevel = topLevelOf(subclass, state);
      if (topLevel == null) {
        continue;
      }
      ClassSymbol topSymbol = ASTHelpers.getSymbol((ClassTree) topLevel.getLeaf());
      VisitorState there = state.withPath(topLevel);
      LifecycleUses uses = LifecycleUses.scan(topSymbol, topLevel, Set.of(field), model, there);
      LifecycleUses.Facts facts = uses.factsOf(field);
      if (facts == null) {
        continue;
      }
      if (!facts.releases.isEmpty() || facts.releasedWithHolder || facts.handedOff) {
        return true;
      }
      ShutdownPaths paths = ShutdownEntries.scan(topLevel, model, there).of(subclass);
      if (facts.passedOn.stream().anyMatch(paths::contains)) {
        return true;
      }
    }
    return false;
  }

  /** The path to the top-level class whose source declares {@code type}; null without source. */
  static TreePath topLevelOf(ClassSymbol type, VisitorState state) {
    // Found among the declarations of its file; a nested class would be looked for in its body.
    return JavacTrees.instance(state.context).getPath(type.outermostClass());
  }
}
