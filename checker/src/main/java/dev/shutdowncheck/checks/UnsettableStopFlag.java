package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import java.util.List;
import java.util.Set;

/**
 * A task's stop-flag loop whose flag nothing can set: every instance of the task made in the file
 * goes straight to an executor or a new thread, and nothing keeps a reference to it, so its stop
 * method is out of everyone's reach and an interrupt ({@code shutdownNow()}) is the only way to
 * stop it. Apache Streams shipped this (STREAMS-103): its status monitor swallowed the interrupt of
 * {@code shutdownNow()} and looped on a flag that nothing ever cleared.
 */
record UnsettableStopFlag(Symbol flag, ClassSymbol task, TreePath creation) {

  /**
   * The first of {@code flags}, read by a loop in {@code code}, a method of a named task class,
   * when nothing can set them; null when something may, or when it cannot be told.
   */
  static UnsettableStopFlag of(Set<Symbol> flags, Tree code, ClassLifecycle lifecycle, VisitorState state) {
    MethodSymbol method = code instanceof MethodTree tree ? ASTHelpers.getSymbol(tree) : null;
    if (method == null || !(method.owner instanceof ClassSymbol task) || task.isAnonymous()) {
      return null; // a lambda's flag belongs to the code around it, which may set it
    }
    return ownFieldsOf(task, flags) ? outOfReach(flags.iterator().next(), task, lifecycle, state) : null;
  }

  /** Whether every flag is an instance field of the task itself, which only its instance can set. */
  private static boolean ownFieldsOf(ClassSymbol task, Set<Symbol> flags) {
    return flags.stream().allMatch(f -> f instanceof VarSymbol && !f.isStatic() && f.owner.equals(task));
  }

  /**
   * The flag, when the file makes instances of the task and hands each of them straight to an
   * executor or a new thread, and the task's constructors do not give {@code this} away.
   */
  private static UnsettableStopFlag outOfReach(
      Symbol flag, ClassSymbol task, ClassLifecycle lifecycle, VisitorState state) {
    TreePath first = null;
    for (TreePath node : lifecycle.nodes().all()) {
      Tree leaf = node.getLeaf();
      if (leaf instanceof NewClassTree created && constructs(created, task)) {
        if (!handedToRunnerUnkept(node, lifecycle.model(), state)) {
          return null;
        }
        first = first == null ? node : first;
      } else if (givesThisAway(leaf, node, task)) {
        return null; // a registry may reach the task's stop method
      }
    }
    return first == null ? null : new UnsettableStopFlag(flag, task, first);
  }

  private static boolean constructs(NewClassTree created, ClassSymbol task) {
    Symbol constructor = ASTHelpers.getSymbol(created);
    return created.getClassBody() == null && constructor != null && task.equals(constructor.owner);
  }

  /**
   * Whether the new task is an argument of an executor's call ({@code pool.submit(new Task())}) or
   * of a new thread ({@code new Thread(new Task())}): neither lets anyone reach the task again.
   */
  private static boolean handedToRunnerUnkept(TreePath creation, LifecycleModel model, VisitorState state) {
    Tree parent = Scopes.parentOutsideParentheses(creation).getLeaf();
    if (parent instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      return receiver != null && model.isExecutor(ASTHelpers.getType(receiver), state);
    }
    return parent instanceof NewClassTree outer && model.isThread(ASTHelpers.getType(outer), state);
  }

  /** Whether {@code leaf}, a call or {@code new} in a constructor of the task, is given {@code this}. */
  private static boolean givesThisAway(Tree leaf, TreePath node, ClassSymbol task) {
    List<? extends ExpressionTree> arguments =
        leaf instanceof MethodInvocationTree call
            ? call.getArguments()
            : leaf instanceof NewClassTree created ? created.getArguments() : List.of();
    if (arguments.stream().noneMatch(Receivers::isThis)) {
      return false;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(node, MethodTree.class);
    MethodSymbol symbol = method == null ? null : ASTHelpers.getSymbol(method);
    return symbol != null && symbol.isConstructor() && task.equals(symbol.owner);
  }
}
