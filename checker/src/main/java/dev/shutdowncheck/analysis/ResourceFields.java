package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.ResourceModel;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The owned resource fields of one top-level class (nested classes included) that nothing in the
 * source releases or hands off, each with the shutdown paths of the class that declares it. The
 * facts come from one pass over the class ({@link ResourceUses}); shutdown paths are computed only
 * for classes that have such a field.
 */
public final class ResourceFields {

  /** An owned resource field that nothing in the source releases or hands off. */
  public record Unreleased(
      VarSymbol field,
      VariableTree declaration,
      Type resourceType,
      ShutdownPaths shutdownPaths,
      ImmutableList<String> releasedOnShutdown) {

    public boolean isStatic() {
      return field.isStatic();
    }

    /**
     * Whether a shutdown path of the class could release this field. For a static field, which
     * every instance shares, only a static callback or a shutdown hook can.
     */
    public boolean hasShutdownPath() {
      if (shutdownPaths.isEmpty()) {
        return false;
      }
      return !isStatic() || shutdownPaths.hasStaticCallback() || shutdownPaths.hasHook();
    }

    /** The callbacks that start the shutdown paths, as {@code close()} or {@code "a shutdown hook"}. */
    public String shutdownMethods() {
      List<String> names = new ArrayList<>();
      for (MethodTree callback : shutdownPaths.callbacks()) {
        String name = callback.getName() + "()";
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      return names.isEmpty() ? "the shutdown hook" : String.join(" and ", names);
    }
  }

  private final ClassLifecycle lifecycle;
  private final ResourceModel resources;
  private final VisitorState state;
  private final ResourceUses uses;

  private ResourceFields(ResourceUses uses, ClassLifecycle lifecycle, VisitorState state) {
    this.lifecycle = lifecycle;
    this.resources = lifecycle.model().resources();
    this.state = state;
    this.uses = uses;
  }

  /**
   * Scans the top-level class of {@code lifecycle} once; null if it has no symbol, or creates no
   * resource at all (most classes), so that no field of it can hold one it owns.
   */
  static ResourceFields scan(ClassLifecycle lifecycle, VisitorState state) {
    TreePath classPath = lifecycle.classPath();
    ClassSymbol symbol = ASTHelpers.getSymbol((ClassTree) classPath.getLeaf());
    LifecycleModel model = lifecycle.model();
    if (symbol == null || !createsAnyResource(classPath.getLeaf(), model.resources(), state)) {
      return null;
    }
    return new ResourceFields(
        ResourceUses.scan(symbol, classPath, model.resources(), state), lifecycle, state);
  }

  /**
   * Whether any {@code new} or call in {@code tree} yields a resource: every creation that the full
   * scan counts is one of these. A quick pass, without tree paths, that stops at the first.
   */
  private static boolean createsAnyResource(Tree tree, ResourceModel resources, VisitorState state) {
    var scanner =
        new TreeScanner<Void, Void>() {
          boolean found;

          @Override
          public Void scan(Tree node, Void unused) {
            return found ? null : super.scan(node, null);
          }

          @Override
          public Void visitNewClass(NewClassTree creation, Void unused) {
            found |= resources.isResource(ASTHelpers.getType(creation), state);
            return super.visitNewClass(creation, null);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            found |= resources.isResource(ASTHelpers.getType(call), state);
            return super.visitMethodInvocation(call, null);
          }
        };
    scanner.scan(tree, null);
    return scanner.found;
  }

  /**
   * The owned resource fields, in source order, that no code of the class releases or hands off,
   * each with the shutdown paths of its class. Fields others may release (visible outside the
   * class, injected, exposed through getters) are left out.
   */
  List<Unreleased> unreleased() {
    List<Unreleased> result = new ArrayList<>();
    for (Map.Entry<VarSymbol, ResourceUses.Declared> entry : uses.fields().entrySet()) {
      VarSymbol field = entry.getKey();
      ResourceUses.Facts fieldFacts = uses.factsOf(field);
      if (fieldFacts == null || !isUnreleasedCandidate(field, fieldFacts)) {
        continue;
      }
      TreePath classPath = entry.getValue().classPath();
      ShutdownPaths paths =
          lifecycle.shutdownPathsOf(ASTHelpers.getSymbol((ClassTree) classPath.getLeaf()));
      if (anyOn(paths, fieldFacts.passedOnPossiblePath)
          || (paths.isEmpty() && inheritsClose(field.owner))) {
        continue;
      }
      result.add(
          new Unreleased(
              field,
              entry.getValue().tree(),
              ASTHelpers.getType(fieldFacts.creations.get(0)),
              paths,
              releasedOnShutdown(classPath, paths)));
    }
    return result;
  }

  private boolean isUnreleasedCandidate(VarSymbol field, ResourceUses.Facts fieldFacts) {
    if (fieldFacts.creations.isEmpty()
        || fieldFacts.assignedUnowned
        || fieldFacts.handedOff
        || !fieldFacts.releases.isEmpty()
        || fieldFacts.releasedWithHolder) {
      return false;
    }
    Symbol owner = field.owner;
    if ((field.flags() & (Flags.PUBLIC | Flags.PROTECTED)) != 0
        || ((field.flags() & Flags.PRIVATE) == 0 && (owner.flags() & Flags.ABSTRACT) != 0)
        || resources.isManagedField(field)
        || resources.exposesFields(owner, state)) {
      return false;
    }
    // A singleton holding an instance of its own class is not a resource the class leaks.
    Type created = ASTHelpers.getType(fieldFacts.creations.get(0));
    return created == null || !ASTHelpers.isSubtype(created, owner.type, state);
  }

  /**
   * Whether the class is a closeable built on a library base class whose close() it inherits
   * unchanged (httpclient5's MinimalH2AsyncClient): that close() shuts down what the field's
   * resource depends on (an I/O reactor that closes the sessions of a pool), which the source
   * here does not show. Framework hooks meant to be overridden (Servlet.destroy) do not count.
   */
  private boolean inheritsClose(Symbol owner) {
    if (!(owner instanceof ClassSymbol classSymbol)) {
      return false;
    }
    for (Type t = classSymbol.getSuperclass(); t != null && t.tsym instanceof ClassSymbol c; t = c.getSuperclass()) {
      String name = c.getQualifiedName().toString();
      if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")) {
        return false;
      }
      for (Symbol member : c.getEnclosedElements()) {
        if (member instanceof MethodSymbol method
            && method.getSimpleName().contentEquals("close")
            && method.getParameters().isEmpty()
            && (method.flags() & (Flags.ABSTRACT | Flags.STATIC | Flags.PRIVATE)) == 0) {
          return true;
        }
      }
    }
    return false;
  }

  private ImmutableList<String> releasedOnShutdown(TreePath classPath, ShutdownPaths paths) {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    for (Map.Entry<VarSymbol, ResourceUses.Declared> entry : uses.fields().entrySet()) {
      ResourceUses.Facts fieldFacts = uses.factsOf(entry.getKey());
      if (fieldFacts != null
          && entry.getValue().classPath().equals(classPath)
          && (anyOn(paths, fieldFacts.releases) || anyOn(paths, fieldFacts.passedOnPossiblePath))
          && (!fieldFacts.creations.isEmpty() || resources.isResource(entry.getKey().type, state))) {
        names.add(entry.getKey().getSimpleName().toString());
      }
    }
    return names.build();
  }

  private static boolean anyOn(ShutdownPaths paths, List<TreePath> sites) {
    return sites.stream().anyMatch(paths::contains);
  }
}
