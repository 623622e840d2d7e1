package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An owned field that only the class's own stop method releases, in a closeable class whose {@code
 * close()} is inherited and never calls that method: Netflix Spectator's {@code StatelessRegistry},
 * whose {@code stop()} shuts its scheduler down while the {@code close()} it inherits from {@code
 * AbstractRegistry} only drops the meters, so closing the registry (as try-with-resources does)
 * leaves the scheduler's thread running.
 *
 * <p>Only where nothing but the class's users can call that method: it overrides nothing (no
 * framework interface, no template method the inherited {@code close()} may call), carries no
 * annotation a container calls, and no method that overrides one, no lambda and no method reference
 * leads to the release.
 */
public record CloseSkipsStop(ClassLifecycle.OwnedField field, MethodTree stop, MethodSymbol inheritedClose) {

  private static final String AUTO_CLOSEABLE = "java.lang.AutoCloseable";

  /** How many callers away from a release the search for an overriding method goes. */
  private static final int MAX_CALLER_DEPTH = 4;

  /** The fields of the file's classes that only a stop method the inherited close() skips releases. */
  public static List<CloseSkipsStop> in(ClassLifecycle lifecycle, VisitorState state) {
    List<CloseSkipsStop> found = new ArrayList<>();
    for (ClassLifecycle.OwnedField field : lifecycle.ownedFields()) {
      if (field.releases().isEmpty() || !field.handOffs().isEmpty()
          || !(field.field().owner instanceof ClassSymbol owner)) {
        continue;
      }
      MethodSymbol inheritedClose = inheritedClose(owner, state);
      if (inheritedClose == null) {
        continue;
      }
      ShutdownPaths paths = lifecycle.shutdownPathsOf(owner);
      MethodTree stop = onlyStopMethod(paths, lifecycle.model(), state);
      if (stop != null && releasedOnlyThrough(field, paths, lifecycle, state)) {
        found.add(new CloseSkipsStop(field, stop, inheritedClose));
      }
    }
    return found;
  }

  /**
   * The concrete {@code close()} a closeable, instantiable class inherits without declaring one, or
   * null.
   */
  private static MethodSymbol inheritedClose(ClassSymbol type, VisitorState state) {
    if ((type.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) != 0
        || !TypeMember.isSubtypeOfNamed(type.type, AUTO_CLOSEABLE, state)
        || noArgClose(type) != null) {
      return null;
    }
    for (Type t = type.getSuperclass(); t != null && t.tsym instanceof ClassSymbol c; t = c.getSuperclass()) {
      MethodSymbol close = noArgClose(c);
      if (close != null) {
        return (close.flags() & Flags.ABSTRACT) == 0 ? close : null;
      }
    }
    for (Type supertype : state.getTypes().closure(type.type)) {
      MethodSymbol close = supertype.tsym instanceof ClassSymbol c && c.isInterface() ? noArgClose(c) : null;
      if (close != null && (close.flags() & Flags.DEFAULT) != 0) {
        return close;
      }
    }
    return null;
  }

  private static MethodSymbol noArgClose(ClassSymbol type) {
    for (Symbol member : type.members().getSymbolsByName(type.name.table.names.close)) {
      if (member instanceof MethodSymbol method && method.getParameters().isEmpty() && !method.isStatic()) {
        return method;
      }
    }
    return null;
  }

  /**
   * The class's one shutdown path, when it is a stop method that only its users call (see the
   * class comment); null when there are others, or it is a hook, or not such a method.
   */
  private static MethodTree onlyStopMethod(ShutdownPaths paths, LifecycleModel model, VisitorState state) {
    List<MethodTree> callbacks = paths.callbacks();
    if (paths.entries().size() != 1 || callbacks.size() != 1) {
      return null;
    }
    MethodTree stop = callbacks.get(0);
    MethodSymbol symbol = ASTHelpers.getSymbol(stop);
    return symbol != null && model.isStopByNameOnly(symbol, state) ? stop : null;
  }

  /**
   * Whether every release of the field runs on the class's shutdown path (the stop method's), and
   * nothing but the class's users leads to one: no overriding method (which the inherited close()
   * may call), no lambda and no method reference, up to a few callers away.
   */
  private static boolean releasedOnlyThrough(
      ClassLifecycle.OwnedField field, ShutdownPaths paths, ClassLifecycle lifecycle, VisitorState state) {
    if (!field.releases().stream().allMatch(paths::contains)) {
      return false;
    }
    Set<MethodSymbol> seen = new HashSet<>();
    List<TreePath> sites = field.releases();
    for (int depth = 0; depth <= MAX_CALLER_DEPTH && !sites.isEmpty(); depth++) {
      List<TreePath> callers = new ArrayList<>();
      for (TreePath site : sites) {
        MethodSymbol method = enclosingMethod(site);
        if (method == null || overridesAnything(method, state)) {
          return false; // a lambda, a field's initializer, or a method someone else may call
        }
        if (seen.add(method)) {
          callers.addAll(lifecycle.callSitesOf(method));
        }
      }
      sites = callers;
    }
    return sites.isEmpty();
  }

  /** The method whose own body holds {@code site}; null inside a lambda or a method reference. */
  private static MethodSymbol enclosingMethod(TreePath site) {
    TreePath code = site.getLeaf() instanceof MemberReferenceTree ? null : Tasks.enclosingCode(site);
    return code != null && code.getLeaf() instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
  }

  private static boolean overridesAnything(MethodSymbol method, VisitorState state) {
    return !method.isConstructor()
        && !method.isStatic()
        && !ASTHelpers.findSuperMethods(method, state.getTypes()).isEmpty();
  }
}
