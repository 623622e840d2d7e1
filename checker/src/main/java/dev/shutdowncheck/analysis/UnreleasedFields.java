package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The owned lifecycle fields of one top-level class (nested classes included), executors and
 * resources alike, that nothing in the source releases or hands off, each with the shutdown paths
 * of the class that declares it. What counts as owned, released and handed off is {@link
 * LifecycleUses}'s one policy.
 */
final class UnreleasedFields {

  private UnreleasedFields() {}

  /** The owned fields, in source order, that no code of the class releases or hands off. */
  static ImmutableList<UnreleasedField> of(ClassLifecycle lifecycle, VisitorState state) {
    LifecycleUses uses = lifecycle.uses();
    if (uses == null) {
      return ImmutableList.of();
    }
    LifecycleModel model = lifecycle.model();
    List<UnreleasedField> result = new ArrayList<>();
    for (Map.Entry<VarSymbol, LifecycleUses.Declared> entry : uses.fields().entrySet()) {
      VarSymbol field = entry.getKey();
      LifecycleUses.Facts facts = uses.factsOf(field);
      if (facts == null || !isUnreleasedCandidate(field, facts, model, state)) {
        continue;
      }
      TreePath classPath = entry.getValue().classPath();
      ShutdownPaths paths =
          lifecycle.shutdownPathsOf(ASTHelpers.getSymbol((ClassTree) classPath.getLeaf()));
      if (facts.passedOn.stream().anyMatch(paths::contains)) {
        continue; // closeAll(a, b), pool.returnResource(conn): given away on the way out
      }
      if ((field.flags() & Flags.PRIVATE) == 0
          && SubclassStops.stopsField(field, lifecycle.subclasses(), model, state)) {
        continue;
      }
      result.add(
          new UnreleasedField(
              field,
              entry.getValue().tree(),
              facts.kind(),
              ASTHelpers.getType(facts.creations.get(0).value()),
              paths,
              InheritedShutdown.of(field.owner, model, state),
              releasedOnShutdown(uses, classPath, paths, model, state),
              facts));
    }
    return ImmutableList.copyOf(result);
  }

  private static boolean isUnreleasedCandidate(
      VarSymbol field, LifecycleUses.Facts facts, LifecycleModel model, VisitorState state) {
    if (!facts.isOwned()
        || facts.handedOff
        || !facts.releases.isEmpty()
        || facts.releasedWithHolder
        || model.resources().isManagedField(field)) {
      return false;
    }
    // A singleton holding an instance of its own class is not a resource the class leaks.
    Type created = ASTHelpers.getType(facts.creations.get(0).value());
    return created == null || !ASTHelpers.isSubtype(created, field.owner.type, state);
  }

  private static ImmutableList<String> releasedOnShutdown(
      LifecycleUses uses, TreePath classPath, ShutdownPaths paths, LifecycleModel model, VisitorState state) {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    for (Map.Entry<VarSymbol, LifecycleUses.Declared> entry : uses.fields().entrySet()) {
      LifecycleUses.Facts facts = uses.factsOf(entry.getKey());
      if (facts != null
          && entry.getValue().classPath().equals(classPath)
          && (facts.releases.stream().anyMatch(paths::contains)
              || facts.passedOn.stream().anyMatch(paths::contains))
          && (facts.isOwned() || model.kindOf(entry.getKey().type, state) != null)) {
        names.add(entry.getKey().getSimpleName().toString());
      }
    }
    return names.build();
  }
}
