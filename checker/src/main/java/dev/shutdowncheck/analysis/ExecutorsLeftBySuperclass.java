package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Executors that a class makes and gives to {@code super(..)}, where the superclass, compiled
 * here, keeps the executor in a field that neither it nor the class ever stops. Such a superclass
 * leaves what it is given to whoever made it (Pravega's {@code AbstractThreadPoolService} does, by
 * design): here that is the subclass, so giving the executor to it hands nothing over.
 */
final class ExecutorsLeftBySuperclass {

  private ExecutorsLeftBySuperclass() {}

  static List<ClassLifecycle.ExecutorLeftBySuperclass> of(
      LifecycleUses uses,
      ClassSymbol topLevel,
      TreePath classPath,
      LifecycleModel model,
      VisitorState state) {
    List<ClassLifecycle.ExecutorLeftBySuperclass> left = new ArrayList<>();
    for (LifecycleUses.GivenToSuperclass given : uses.executorsGivenToSuperclass()) {
      VarSymbol field = fieldKeeping(given, state);
      if (field == null) {
        continue;
      }
      TreePath superclassFile = SubclassStops.topLevelOf(given.constructor().enclClass(), state);
      if (superclassFile == null) {
        continue;
      }
      LifecycleUses.Facts there =
          LifecycleUses.scan(
                  ASTHelpers.getSymbol((ClassTree) superclassFile.getLeaf()),
                  superclassFile,
                  Set.of(),
                  model,
                  state.withPath(superclassFile))
              .factsOf(field);
      LifecycleUses.Facts here =
          LifecycleUses.scan(topLevel, classPath, Set.of(field), model, state).factsOf(field);
      if (!mayStop(there) && !mayStop(here) && readsOf(there) + readsOf(here) > 0) {
        left.add(new ClassLifecycle.ExecutorLeftBySuperclass(given.site(), field));
      }
    }
    return left;
  }

  /** The superclass's own field that its constructor stores the argument in; null if none. */
  private static VarSymbol fieldKeeping(LifecycleUses.GivenToSuperclass given, VisitorState state) {
    ComponentHandOff.ConstructorParameter parameter =
        ComponentHandOff.parameterOf(given.constructor(), given.index(), state);
    return parameter == null
        ? null
        : ComponentHandOff.fieldStoring(
            parameter.constructor(), parameter.parameter(), given.constructor().enclClass());
  }

  /** Released, handed on, or passed to any call (which may stop it): not left unstopped. */
  private static boolean mayStop(LifecycleUses.Facts facts) {
    return facts != null
        && (!facts.releases.isEmpty()
            || facts.releasedWithHolder
            || facts.handedOff
            || !facts.passedOn.isEmpty()
            || !facts.passedToOwnMethods.isEmpty());
  }

  private static int readsOf(LifecycleUses.Facts facts) {
    return facts == null ? 0 : facts.reads;
  }
}
