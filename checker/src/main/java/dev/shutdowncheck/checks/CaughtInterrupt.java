package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;
import dev.shutdowncheck.analysis.Catches;
import dev.shutdowncheck.model.Scopes;
import java.util.function.Predicate;

/**
 * How a {@code catch} receives an {@code InterruptedException}: by name ({@code catch
 * (InterruptedException e)}, alone or in a multi-catch), or inside a broad {@code catch
 * (Exception e)} around code that throws one, with no catch of its own for it before. Code throws
 * one when a call declares it by name; inside a loop that stops on the interrupt status ({@code
 * while (!Thread.currentThread().isInterrupted())}), also when a call declares a supertype ({@code
 * handle() throws Exception}): there the loop counts on the interrupt reaching its condition.
 */
record CaughtInterrupt(boolean broad, boolean union, boolean declaredAsSupertype) {

  /**
   * How {@code catchTree}, a catch of the try at {@code tryPath}, receives the interrupt; null if
   * it cannot.
   */
  static CaughtInterrupt of(CatchTree catchTree, TreePath tryPath, VisitorState state) {
    TryTree tryTree = (TryTree) tryPath.getLeaf();
    Type caught = ASTHelpers.getType(catchTree.getParameter());
    Type interrupted = state.getSymtab().interruptedExceptionType;
    if (caught instanceof UnionClassType union) {
      for (Type alternative : union.getAlternativeTypes()) {
        if (ASTHelpers.isSubtype(alternative, interrupted, state)) {
          return new CaughtInterrupt(false, true, false);
        }
      }
      return null;
    }
    if (caught == null) {
      return null;
    }
    if (ASTHelpers.isSubtype(caught, interrupted, state)) {
      return new CaughtInterrupt(false, false, false);
    }
    if (!ASTHelpers.isSubtype(interrupted, caught, state)
        || caughtBefore(catchTree, tryTree, state)) {
      return null;
    }
    if (throwsInterrupt(tryTree.getBlock(), state)) {
      return new CaughtInterrupt(true, false, false);
    }
    // A call that declares a supertype of it (throws Exception) may throw it too.
    boolean mayThrowIt =
        Scopes.ownCode(tryTree.getBlock()).stream()
            .anyMatch(t -> callOfOneThat(t, m -> InterruptEscapes.mayThrowInterrupt(m, state)));
    return mayThrowIt && LoopsAround.of(tryPath, state).onInterruptStatus()
        ? new CaughtInterrupt(true, false, true)
        : null;
  }

  /** Whether an earlier catch of the same try takes every InterruptedException. */
  private static boolean caughtBefore(CatchTree catchTree, TryTree tryTree, VisitorState state) {
    for (CatchTree earlier : tryTree.getCatches()) {
      if (earlier == catchTree) {
        return false;
      }
      if (takesEveryInterrupt(earlier, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code catchTree} takes every InterruptedException: it names it or a supertype. */
  static boolean takesEveryInterrupt(CatchTree catchTree, VisitorState state) {
    return Catches.catchesAll(catchTree, state.getSymtab().interruptedExceptionType, state);
  }

  /** Whether the code of {@code block} (lambdas and classes in it aside) can throw the interrupt. */
  static boolean throwsInterrupt(Tree block, VisitorState state) {
    for (Tree tree : Scopes.ownCode(block)) {
      if (callOfOneThat(tree, m -> declaresInterrupt(m, state))) {
        return true;
      }
      if (tree instanceof ThrowTree thrown
          && ASTHelpers.isSubtype(
              ASTHelpers.getType(thrown.getExpression()), state.getSymtab().interruptedExceptionType, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code tree} is a call or {@code new} of a callee that {@code declares}. */
  private static boolean callOfOneThat(Tree tree, Predicate<Symbol> declares) {
    return (tree instanceof MethodInvocationTree || tree instanceof NewClassTree)
        && declares.test(ASTHelpers.getSymbol(tree));
  }

  /**
   * Whether {@code method} declares that it throws InterruptedException by name: a {@code throws
   * Exception} says nothing about interrupts ({@code Callable.call()}).
   */
  static boolean declaresInterrupt(Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol m)) {
      return false;
    }
    Type interrupted = state.getSymtab().interruptedExceptionType;
    for (Type thrown : m.getThrownTypes()) {
      if (ASTHelpers.isSubtype(thrown, interrupted, state)) {
        return true;
      }
    }
    return false;
  }
}
