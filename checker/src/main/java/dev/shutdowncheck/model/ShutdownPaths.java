package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The code of one class that runs when it is shut down: its shutdown callbacks (see {@link
 * LifecycleModel#isShutdownCallback}), the bodies of shutdown hooks it registers, and every method
 * of the class that these call, directly or not. Built with one pass over the class, plus one pass
 * over each method on the path.
 */
public final class ShutdownPaths {

  /** Calls that run the lambda or method reference given to them at once, on the calling thread. */
  private static final ImmutableList<TypeMember> IN_PLACE_RUNNERS =
      TypeMember.parseAll(
          "java.lang.Iterable#forEach",
          "java.util.Iterator#forEachRemaining",
          "java.util.Map#forEach",
          "java.util.Collection#removeIf",
          "java.util.stream.BaseStream#*",
          "java.util.Optional#*");

  private final ImmutableSet<MethodTree> callbacks;
  private final Reach all;
  private final Reach inPlace;

  /** The bodies and methods reached from the roots. */
  private record Reach(ImmutableSet<Tree> bodies, ImmutableSet<MethodSymbol> methods) {}

  private ShutdownPaths(ImmutableSet<MethodTree> callbacks, Reach all, Reach inPlace) {
    this.callbacks = callbacks;
    this.all = all;
    this.inPlace = inPlace;
  }

  /** The shutdown paths of the class at {@code classPath} and of the classes nested in it. */
  public static ShutdownPaths of(TreePath classPath, LifecycleModel model, VisitorState state) {
    return of(classPath, false, model, state);
  }

  /**
   * The shutdown paths that start in the class at {@code classPath} itself: the {@code close()} of
   * an anonymous or nested class inside it stops that object, not this one. Calls still lead into
   * any method written in the class.
   */
  public static ShutdownPaths ofOwnCallbacks(TreePath classPath, LifecycleModel model, VisitorState state) {
    return of(classPath, true, model, state);
  }

  private static ShutdownPaths of(
      TreePath classPath, boolean ownCallbacksOnly, LifecycleModel model, VisitorState state) {
    Map<MethodSymbol, MethodTree> declared = new HashMap<>();
    Set<MethodTree> callbacks = new LinkedHashSet<>();
    Set<Tree> roots = new LinkedHashSet<>();
    VisitorState scanState = state.withPath(classPath);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol != null) {
          declared.put(symbol, method);
        }
        boolean own = getCurrentPath().getParentPath().getLeaf() == classPath.getLeaf();
        if ((own || !ownCallbacksOnly) && model.isShutdownCallback(method, scanState)) {
          callbacks.add(method);
          roots.add(method);
        }
        return super.visitMethod(method, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ShutdownHooks.isAddShutdownHook(call, scanState)) {
          roots.addAll(ShutdownHooks.bodiesOf(getCurrentPath(), scanState));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(classPath, null);

    return new ShutdownPaths(
        ImmutableSet.copyOf(callbacks),
        reach(roots, declared, false, scanState),
        reach(roots, declared, true, scanState));
  }

  /**
   * The bodies and methods reached from {@code roots} through calls to methods declared here;
   * {@code inPlaceOnly} leaves out what is handed to executors, threads or callbacks to run later.
   */
  private static Reach reach(
      Set<Tree> roots, Map<MethodSymbol, MethodTree> declared, boolean inPlaceOnly, VisitorState state) {
    Set<Tree> reached = new LinkedHashSet<>();
    Set<MethodSymbol> methods = new LinkedHashSet<>();
    Deque<Tree> work = new ArrayDeque<>(roots);
    while (!work.isEmpty()) {
      Tree body = work.pop();
      if (!reached.add(body)) {
        continue;
      }
      if (body instanceof MethodTree method && ASTHelpers.getSymbol(method) != null) {
        methods.add(ASTHelpers.getSymbol(method));
      }
      for (MethodSymbol callee : calleesOf(body, inPlaceOnly, state)) {
        MethodTree tree = declared.get(callee);
        if (tree != null && !reached.contains(tree)) {
          work.push(tree);
        }
      }
    }
    return new Reach(ImmutableSet.copyOf(reached), ImmutableSet.copyOf(methods));
  }

  private static List<MethodSymbol> calleesOf(Tree body, boolean inPlaceOnly, VisitorState state) {
    List<MethodSymbol> callees = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        addIfMethod(ASTHelpers.getSymbol(call));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (!inPlaceOnly || runsInPlace(getCurrentPath(), state)) {
          addIfMethod(ASTHelpers.getSymbol(reference));
        }
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        if (inPlaceOnly && getCurrentPath().getLeaf() != body && !runsInPlace(getCurrentPath(), state)) {
          return null; // executor.submit(() -> drain()): drain() runs later, elsewhere
        }
        return super.visitLambdaExpression(lambda, null);
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null; // a class declared on the path does not run because it is declared
      }

      private void addIfMethod(Symbol symbol) {
        if (symbol instanceof MethodSymbol method) {
          callees.add(method);
        }
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), body), null);
    return callees;
  }

  /** Whether the class has any shutdown path at all. */
  public boolean isEmpty() {
    return all.bodies().isEmpty();
  }

  /** The lifecycle callbacks that start the shutdown paths, such as {@code close()}. */
  public ImmutableSet<MethodTree> callbacks() {
    return callbacks;
  }

  /** Every method declaration and hook body on a shutdown path. */
  public ImmutableSet<Tree> bodies() {
    return all.bodies();
  }

  /**
   * Whether the code at {@code path} runs on a shutdown path of this class while the shutdown
   * waits for it: like {@link #contains}, but a lambda or method reference that a shutdown path
   * hands to an executor, a thread or a callback (anything but {@code forEach}, a stream or an
   * {@code Optional}, which run it at once) runs later or elsewhere, so it does not count.
   */
  public boolean containsInPlace(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (inPlace.bodies().contains(leaf) || leaf instanceof MethodTree || leaf instanceof ClassTree) {
        break;
      }
      // A hook's lambda body is in bodies, so the walk stops there before reaching the lambda.
      if ((leaf instanceof LambdaExpressionTree || leaf instanceof MemberReferenceTree)
          && !runsInPlace(p, state)) {
        return false;
      }
    }
    return isIn(path, inPlace);
  }

  private static boolean runsInPlace(TreePath functionPath, VisitorState state) {
    TreePath parent = functionPath.getParentPath();
    while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
      parent = parent.getParentPath();
    }
    if (parent == null || !(parent.getLeaf() instanceof MethodInvocationTree call)) {
      return false;
    }
    return TypeMember.anyMatches(IN_PLACE_RUNNERS, ASTHelpers.getSymbol(call), state);
  }

  /** Whether the code at {@code path} runs on a shutdown path of this class. */
  public boolean contains(TreePath path) {
    return isIn(path, all);
  }

  private static boolean isIn(TreePath path, Reach reach) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (reach.bodies().contains(leaf)) {
        return true;
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return symbol != null && reach.methods().contains(symbol);
      }
      if (leaf instanceof LambdaExpressionTree lambda && reach.bodies().contains(lambda.getBody())) {
        return true;
      }
      if (leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }
}
