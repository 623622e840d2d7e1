package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Receivers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;

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
      MethodSymbol inherited = InheritedShutdown.of(field.owner, model, state);
      if (inherited != null
          && paths.isEmpty()
          && facts.creations.stream().anyMatch(c -> builtFromSuperclass(c.value(), field, uses, state, 2))) {
        continue; // wired to what the superclass owns, which the inherited shutdown stops
      }
      result.add(
          new UnreleasedField(
              field,
              entry.getValue().tree(),
              facts.kind(),
              ASTHelpers.getType(facts.creations.get(0).value()),
              paths,
              inherited,
              releasedOnShutdown(uses, field.owner, paths, model, state),
              facts,
              false));
    }
    for (CollectedLifecycleObjects.Collected kept : lifecycle.keptInCollections()) {
      Type created = ASTHelpers.getType(kept.created().get(0));
      Type element = created == null ? null : state.getTypes().erasure(created);
      // A registry of the class's own instances (log4j's managers by name), each closing itself.
      if (kept.kind() != LifecycleKind.RESOURCE
          || element == null
          || ASTHelpers.isSubtype(element, kept.field().owner.type, state)) {
        continue;
      }
      VariableTree declaration = SourceTrees.fieldDeclaration(kept.field(), state);
      if (declaration != null) {
        result.add(keptInCollection(kept, declaration, element, lifecycle, uses, state));
      }
    }
    return ImmutableList.copyOf(result);
  }

  /** A collection field filled with resources the class creates, none of which it releases. */
  private static UnreleasedField keptInCollection(
      CollectedLifecycleObjects.Collected kept,
      VariableTree declaration,
      Type element,
      ClassLifecycle lifecycle,
      LifecycleUses uses,
      VisitorState state) {
    VarSymbol field = kept.field();
    ShutdownPaths paths = lifecycle.shutdownPathsOf((ClassSymbol) field.owner);
    return new UnreleasedField(
        field,
        declaration,
        LifecycleKind.RESOURCE,
        element,
        paths,
        InheritedShutdown.of(field.owner, lifecycle.model(), state),
        releasedOnShutdown(uses, field.owner, paths, lifecycle.model(), state),
        new LifecycleUses.Facts(),
        true);
  }

  /**
   * Whether {@code value} is made from something the superclass owns: the result of an inherited
   * method called on this object, an inherited field, or another field of the class made so
   * (httpclient5's {@code MinimalH2AsyncClient} builds its pool on the superclass's I/O reactor).
   */
  private static boolean builtFromSuperclass(
      ExpressionTree value, VarSymbol field, LifecycleUses uses, VisitorState state, int depth) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = ASTHelpers.getSymbol(call);
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        found[0] |=
            method != null
                && !method.isStatic()
                && isInherited(method, field, state)
                && Receivers.isOwnReceiver(receiver);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        checkField(ASTHelpers.getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (Receivers.isThisOrSuper(select.getExpression())) {
          checkField(ASTHelpers.getSymbol(select)); // this.initiator
        }
        return super.visitMemberSelect(select, null);
      }

      private void checkField(Symbol read) {
        if (read instanceof VarSymbol other && other.getKind() == ElementKind.FIELD && !other.isStatic()) {
          found[0] |=
              isInherited(other, field, state)
                  || (depth > 0
                      && other.owner.equals(field.owner)
                      && !other.equals(field)
                      && uses.valuesOf(other).stream()
                          .anyMatch(v -> builtFromSuperclass(v, field, uses, state, depth - 1)));
        }
      }
    }.scan(value, null);
    return found[0];
  }

  /** Whether {@code member} belongs to a superclass of the class that declares {@code field}. */
  private static boolean isInherited(Symbol member, VarSymbol field, VisitorState state) {
    return !member.owner.equals(field.owner)
        && field.owner instanceof ClassSymbol type
        && member.owner instanceof ClassSymbol declaring
        && !declaring.isInterface()
        && type.isSubClass(declaring, state.getTypes());
  }

  private static boolean isUnreleasedCandidate(
      VarSymbol field, LifecycleUses.Facts facts, LifecycleModel model, VisitorState state) {
    if (!facts.isOwned()
        || facts.handedOff
        || !Finalizers.containAll(facts.releases)
        || facts.releasedWithHolder
        || model.resources().isManagedField(field)) {
      return false;
    }
    // A singleton holding an instance of its own class is not a resource the class leaks.
    Type created = ASTHelpers.getType(facts.creations.get(0).value());
    return created == null || !ASTHelpers.isSubtype(created, field.owner.type, state);
  }

  /** The fields of {@code owner} that its shutdown paths release or hand on. */
  private static ImmutableList<String> releasedOnShutdown(
      LifecycleUses uses, Symbol owner, ShutdownPaths paths, LifecycleModel model, VisitorState state) {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    for (Map.Entry<VarSymbol, LifecycleUses.Declared> entry : uses.fields().entrySet()) {
      LifecycleUses.Facts facts = uses.factsOf(entry.getKey());
      if (facts != null
          && entry.getKey().owner.equals(owner)
          && (facts.releases.stream().anyMatch(paths::contains)
              || facts.passedOn.stream().anyMatch(paths::contains))
          && (facts.isOwned() || model.kindOf(entry.getKey().type, state) != null)) {
        names.add(entry.getKey().getSimpleName().toString());
      }
    }
    return names.build();
  }
}
