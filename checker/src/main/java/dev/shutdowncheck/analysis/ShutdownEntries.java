package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.SourceTrees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the shutdowns of one top-level class (nested classes included) start, found in one pass:
 * the lifecycle callbacks each class declares ({@link LifecycleModel#isShutdownCallback}) and the
 * bodies of the shutdown hooks its code registers. Every rule asks here, so that they agree on what
 * runs at shutdown; the code reached from a set of entries is computed once and kept.
 */
public final class ShutdownEntries {

  /**
   * Where one shutdown path starts: a callback's declaration, or a hook's body (a lambda body or a
   * method), with the class that declares the callback or registers the hook.
   */
  public record Entry(Tree body, ClassSymbol owner, boolean isHook, TreePath registration) {}

  /** A shutdown hook: where it is registered and what it runs. */
  public record Hook(TreePath registration, ImmutableList<Tree> bodies) {}

  private final VisitorState state;
  private final Map<MethodSymbol, MethodTree> declared;
  private final List<Entry> entries;
  private final List<Hook> hooks;
  private final Map<Tree, Callees> callees = new HashMap<>();
  private ShutdownPaths all;
  private final Map<ClassSymbol, ShutdownPaths> byClass = new HashMap<>();

  private ShutdownEntries(ClassOutline outline, VisitorState state) {
    this.state = state;
    this.declared = outline.declared;
    this.entries = outline.entries;
    this.hooks = outline.hooks;
  }

  /** The shutdown entries of the class that {@code outline} describes. */
  static ShutdownEntries of(ClassOutline outline, VisitorState state) {
    return new ShutdownEntries(outline, state);
  }

  /** Scans the top-level class at {@code classPath} once. */
  static ShutdownEntries scan(TreePath classPath, LifecycleModel model, VisitorState state) {
    return of(ClassOutline.scan(classPath, model, state), state);
  }

  /** The shutdown paths of every class in the file: what runs when any of them is shut down. */
  public ShutdownPaths all() {
    if (all == null) {
      all = pathsFrom(e -> true);
    }
    return all;
  }

  /**
   * The shutdown paths of {@code owner} itself: its own callbacks (the {@code close()} of a class
   * nested in it stops that object, not this one) and the hooks registered in its code. Calls still
   * lead into any method written in the file.
   */
  public ShutdownPaths of(ClassSymbol owner) {
    return byClass.computeIfAbsent(
        owner,
        o -> pathsFrom(e -> e.owner().equals(o) || (e.isHook() && registeredIn(e, o))));
  }

  /** The shutdown hooks the file registers, in source order. */
  public ImmutableList<Hook> hooks() {
    return ImmutableList.copyOf(hooks);
  }

  /** The hook that the {@code addShutdownHook} call at {@code call} registers, or null. */
  public Hook hookRegisteredBy(Tree call) {
    for (Hook hook : hooks) {
      if (hook.registration().getLeaf() == call) {
        return hook;
      }
    }
    return null;
  }

  /** Code a hook runs, and the file it is written in. */
  public record ReachedBody(Tree body, CompilationUnitTree unit) {}

  /**
   * The code that {@code hook} runs, followed through calls into any method whose source is in
   * this compilation, other files included: what a hook calls in another class runs at shutdown
   * too. At most {@code maxBodies} bodies, in the order they are reached.
   */
  public List<ReachedBody> reachedAcrossFiles(Hook hook, int maxBodies) {
    return reachedAcrossFiles(hook.bodies(), maxBodies, false);
  }

  /**
   * The code that {@code bodies}, written in this file or declared anywhere in this compilation,
   * run, followed as {@link #reachedAcrossFiles(Hook, int)} follows a hook's; {@code inPlaceOnly}
   * leaves out what is handed to executors, threads or callbacks to run later.
   */
  public List<ReachedBody> reachedAcrossFiles(List<Tree> bodies, int maxBodies, boolean inPlaceOnly) {
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    Deque<ReachedBody> work = new ArrayDeque<>();
    for (Tree body : bodies) {
      ReachedBody declared = body instanceof MethodTree method ? sourceOf(ASTHelpers.getSymbol(method)) : null;
      // Lambda bodies and anonymous classes are written at the call, in this file.
      work.push(declared != null ? declared : new ReachedBody(body, here));
    }
    Set<Tree> seen = new HashSet<>();
    List<ReachedBody> reached = new ArrayList<>();
    while (!work.isEmpty() && reached.size() < maxBodies) {
      ReachedBody next = work.pop();
      if (!seen.add(next.body())) {
        continue;
      }
      reached.add(next);
      Callees of = callees.computeIfAbsent(next.body(), this::calleesOf);
      for (MethodSymbol callee : inPlaceOnly ? of.inPlace() : of.all()) {
        ReachedBody source = sourceOf(callee);
        if (source != null && !seen.contains(source.body())) {
          work.push(source);
        }
      }
    }
    return reached;
  }

  private ReachedBody sourceOf(MethodSymbol method) {
    TreePath path = SourceTrees.pathOf(method, state);
    return path == null ? null : new ReachedBody(path.getLeaf(), path.getCompilationUnit());
  }

  /** The declaration of a method written in this file, or null. */
  public MethodTree declaration(MethodSymbol method) {
    return declared.get(method);
  }

  private boolean registeredIn(Entry entry, ClassSymbol owner) {
    for (TreePath p = entry.registration(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree type && owner.equals(ASTHelpers.getSymbol(type))) {
        return true;
      }
    }
    return false;
  }

  private ShutdownPaths pathsFrom(Predicate<Entry> selected) {
    ImmutableList<Entry> chosen =
        entries.stream().filter(selected).collect(ImmutableList.toImmutableList());
    if (chosen.isEmpty()) {
      return ShutdownPaths.NONE;
    }
    return new ShutdownPaths(chosen, reach(chosen, false), reach(chosen, true));
  }

  /**
   * The bodies and methods reached from {@code roots} through calls to methods declared here;
   * {@code inPlaceOnly} leaves out what is handed to executors, threads or callbacks to run later.
   */
  private ShutdownPaths.Reach reach(List<Entry> roots, boolean inPlaceOnly) {
    Set<Tree> reached = new LinkedHashSet<>();
    Set<MethodSymbol> methods = new LinkedHashSet<>();
    Deque<Tree> work = new ArrayDeque<>();
    roots.forEach(root -> work.add(root.body()));
    while (!work.isEmpty()) {
      Tree body = work.pop();
      if (!reached.add(body)) {
        continue;
      }
      if (body instanceof MethodTree method && ASTHelpers.getSymbol(method) != null) {
        methods.add(ASTHelpers.getSymbol(method));
      }
      Callees of = callees.computeIfAbsent(body, this::calleesOf);
      for (MethodSymbol callee : inPlaceOnly ? of.inPlace() : of.all()) {
        MethodTree tree = declared.get(callee);
        if (tree != null && !reached.contains(tree)) {
          work.push(tree);
        }
      }
    }
    return new ShutdownPaths.Reach(ImmutableSet.copyOf(reached), ImmutableSet.copyOf(methods));
  }

  /** The methods a body calls or references: all of them, and those that run in place. */
  private record Callees(List<MethodSymbol> all, List<MethodSymbol> inPlace) {}

  private Callees calleesOf(Tree body) {
    List<MethodSymbol> all = new ArrayList<>();
    List<MethodSymbol> inPlace = new ArrayList<>();
    new TreePathScanner<Void, Boolean>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Boolean deferred) {
        add(ASTHelpers.getSymbol(call), deferred);
        return super.visitMethodInvocation(call, deferred);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Boolean deferred) {
        add(
            ASTHelpers.getSymbol(reference),
            deferred || !ShutdownPaths.runsInPlace(getCurrentPath(), state));
        return super.visitMemberReference(reference, deferred);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Boolean deferred) {
        // executor.submit(() -> drain()): drain() runs later, elsewhere
        boolean later =
            getCurrentPath().getLeaf() != body && !ShutdownPaths.runsInPlace(getCurrentPath(), state);
        return super.visitLambdaExpression(lambda, deferred || later);
      }

      @Override
      public Void visitClass(ClassTree nested, Boolean deferred) {
        return null; // a class declared on the path does not run because it is declared
      }

      private void add(Symbol symbol, boolean deferred) {
        if (symbol instanceof MethodSymbol method) {
          all.add(method);
          if (!deferred) {
            inPlace.add(method);
          }
        }
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), body), false);
    return new Callees(all, inPlace);
  }
}
