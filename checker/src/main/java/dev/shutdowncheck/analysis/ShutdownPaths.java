package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.model.LibraryModels;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.TypeMember;

/**
 * The code that runs when a class is shut down: the shutdown entry points (lifecycle callbacks such
 * as {@code close()}, the bodies of shutdown hooks) and every method of the same file that they
 * call, directly or not. Made by {@link ShutdownEntries}, once per class and compilation.
 */
public final class ShutdownPaths {

  /** Calls that run the lambda or method reference given to them at once, on the calling thread. */
  private static final ImmutableList<TypeMember> IN_PLACE_RUNNERS = LibraryModels.BUILT_IN.inPlaceRunners;

  static final ShutdownPaths NONE =
      new ShutdownPaths(ImmutableList.of(), Reach.EMPTY, Reach.EMPTY);

  private final ImmutableList<ShutdownEntries.Entry> entries;
  private final Reach all;
  private final Reach inPlace;

  /** The bodies and methods reached from the entries. */
  record Reach(ImmutableSet<Tree> bodies, ImmutableSet<MethodSymbol> methods) {
    static final Reach EMPTY = new Reach(ImmutableSet.of(), ImmutableSet.of());
  }

  ShutdownPaths(ImmutableList<ShutdownEntries.Entry> entries, Reach all, Reach inPlace) {
    this.entries = entries;
    this.all = all;
    this.inPlace = inPlace;
  }

  /** Whether there is no shutdown path at all. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Where the shutdown paths start, in source order. */
  public ImmutableList<ShutdownEntries.Entry> entries() {
    return entries;
  }

  /** The lifecycle callbacks that start shutdown paths, such as {@code close()}. */
  public ImmutableList<MethodTree> callbacks() {
    return entries.stream()
        .filter(e -> !e.isHook() && e.body() instanceof MethodTree)
        .map(e -> (MethodTree) e.body())
        .collect(ImmutableList.toImmutableList());
  }

  /** Whether a shutdown hook is among the entries. */
  public boolean hasHook() {
    return entries.stream().anyMatch(ShutdownEntries.Entry::isHook);
  }

  /** Whether a static callback is among the entries: one that can stop what a class shares. */
  public boolean hasStaticCallback() {
    return entries.stream()
        .anyMatch(
            e -> !e.isHook()
                && e.body() instanceof MethodTree method
                && ASTHelpers.getSymbol(method) != null
                && ASTHelpers.getSymbol(method).isStatic());
  }

  /** Every method declaration and hook body on a shutdown path. */
  public ImmutableSet<Tree> bodies() {
    return all.bodies();
  }

  /** Whether the code at {@code path} runs on a shutdown path. */
  public boolean contains(TreePath path) {
    return isIn(path, all);
  }

  /**
   * Whether the code at {@code path} runs on a shutdown path while the shutdown waits for it: like
   * {@link #contains}, but a lambda or method reference that a shutdown path hands to an executor,
   * a thread or a callback (anything but {@code forEach}, a stream or an {@code Optional}, which run
   * it at once) runs later or elsewhere, so it does not count.
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

  /** Whether the lambda or method reference at {@code functionPath} runs at once, where it is. */
  public static boolean runsInPlace(TreePath functionPath, VisitorState state) {
    TreePath parent = Scopes.parentOutsideParentheses(functionPath);
    if (parent == null || !(parent.getLeaf() instanceof MethodInvocationTree call)) {
      return false;
    }
    return TypeMember.anyMatches(IN_PLACE_RUNNERS, ASTHelpers.getSymbol(call), state);
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
