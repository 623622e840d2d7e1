package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Name;

/**
 * What one pass over a top-level class (nested classes included) finds, for every rule to share:
 * the methods it declares, the shutdown callbacks among them and the shutdown hooks it registers,
 * whether it makes any executor, thread, timer or resource at all (most classes do not, and need no
 * further look), and its calls by the name of the method they call.
 */
final class ClassOutline {

  final Map<MethodSymbol, MethodTree> declared = new HashMap<>();
  final List<ShutdownEntries.Entry> entries = new ArrayList<>();
  final List<ShutdownEntries.Hook> hooks = new ArrayList<>();
  /** The class's calls by the method name written at each, in scan order. */
  private final Map<Name, List<TreePath>> callsByName = new HashMap<>();
  /** The names of the methods the class refers to by method reference ({@code pool::shutdown}). */
  private final Set<Name> referenced = new HashSet<>();
  private boolean makesLifecycleObjects;

  private ClassOutline() {}

  static ClassOutline scan(TreePath classPath, LifecycleModel model, VisitorState state) {
    ClassOutline outline = new ClassOutline();
    outline.new Scanner(model, state).scan(classPath, null);
    return outline;
  }

  /**
   * Whether any {@code new} or call of the class creates an executor, thread, timer or resource (see
   * {@link LifecycleModel#createdKind}): only such a class can own one.
   */
  boolean makesLifecycleObjects() {
    return makesLifecycleObjects;
  }

  /** Whether the class calls a method of this name, as written at the call. */
  boolean calls(Name name) {
    return callsByName.containsKey(name);
  }

  /** Whether the class refers to a method of this name by method reference. */
  boolean references(Name name) {
    return referenced.contains(name);
  }

  /** The calls of the class to methods of this name, as written at the call, in scan order. */
  List<TreePath> callsNamed(Name name) {
    return callsByName.getOrDefault(name, List.of());
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final LifecycleModel model;
    private final VisitorState state;

    Scanner(LifecycleModel model, VisitorState state) {
      this.model = model;
      this.state = state;
    }

    @Override
    public Void visitMethod(MethodTree method, Void unused) {
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      if (symbol != null) {
        declared.put(symbol, method);
        if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree owner
            && model.isShutdownCallback(method, state)) {
          entries.add(new ShutdownEntries.Entry(method, ASTHelpers.getSymbol(owner), false, null));
        }
      }
      return super.visitMethod(method, null);
    }

    @Override
    public Void visitNewClass(NewClassTree creation, Void unused) {
      makesLifecycleObjects |= !makesLifecycleObjects && model.createdKind(creation, state) != null;
      return super.visitNewClass(creation, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      Name name = calledName(call.getMethodSelect());
      if (name != null) {
        callsByName.computeIfAbsent(name, n -> new ArrayList<>()).add(getCurrentPath());
      }
      // Created, not merely returned: Thread.currentThread() or a getter of a stream owns nothing.
      makesLifecycleObjects |= !makesLifecycleObjects && model.createdKind(call, state) != null;
      if (ShutdownHooks.isAddShutdownHook(call, state)) {
        ShutdownEntries.Hook hook =
            new ShutdownEntries.Hook(
                getCurrentPath(), ImmutableList.copyOf(ShutdownHooks.bodiesOf(getCurrentPath(), state)));
        hooks.add(hook);
        ClassTree owner = ASTHelpers.findEnclosingNode(getCurrentPath(), ClassTree.class);
        ClassSymbol registrar = owner == null ? null : ASTHelpers.getSymbol(owner);
        for (Tree body : hook.bodies()) {
          entries.add(new ShutdownEntries.Entry(body, registrar, true, getCurrentPath()));
        }
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
      referenced.add(reference.getName());
      return super.visitMemberReference(reference, null);
    }

    private Name calledName(ExpressionTree select) {
      if (select instanceof MemberSelectTree member) {
        return member.getIdentifier();
      }
      return select instanceof IdentifierTree identifier ? identifier.getName() : null;
    }
  }
}
