package dev.shutdowncheck.model;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

/**
 * Code that runs as a task or thread, which is what a cancellation (an interrupt, {@code
 * shutdownNow()}, {@code cancel(true)}) is addressed to, and the calls that deal with interrupts.
 */
public final class Tasks {

  /** Functional interfaces whose lambdas are handed to executors and threads as work. */
  private static final ImmutableList<String> TASK_INTERFACES =
      ImmutableList.of("java.lang.Runnable", "java.util.concurrent.Callable");

  /**
   * Types whose code owns the threads it runs on and so sets their interruption policy: an
   * executor may take an interrupt as a wake-up and decide itself whether to stop.
   */
  private static final ImmutableList<String> THREAD_OWNERS =
      ImmutableList.of("java.util.concurrent.Executor");

  /** Methods that are the whole body of a task or thread: when they return, the task is over. */
  private static final ImmutableList<TypeMember> TASK_METHODS = LibraryModels.BUILT_IN.taskMethods;

  private static final Matcher<ExpressionTree> INTERRUPT =
      instanceMethod().onDescendantOf("java.lang.Thread").named("interrupt");

  private static final Matcher<ExpressionTree> INTERRUPT_CHECK =
      anyOf(
          staticMethod().onClass("java.lang.Thread").named("interrupted"),
          instanceMethod().onDescendantOf("java.lang.Thread").named("isInterrupted"));

  /** Ends the process without running the shutdown hooks (the exits are the model's table). */
  private static final Matcher<ExpressionTree> HALT =
      instanceMethod().onDescendantOf("java.lang.Runtime").named("halt");

  private Tasks() {}

  /** The innermost method or lambda around {@code path}; null at class level. */
  public static TreePath enclosingCode(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return p;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether {@code code}, a method or lambda, is the body of a task: a {@code run()} or {@code
   * call()} of a {@code Runnable} or {@code Callable} (a {@code Thread} subclass included), or a
   * lambda typed as one.
   */
  public static boolean isTaskBody(Tree code, VisitorState state) {
    if (code instanceof LambdaExpressionTree lambda) {
      Type type = ASTHelpers.getType(lambda);
      return TASK_INTERFACES.stream().anyMatch(name -> TypeMember.isSubtypeOfNamed(type, name, state));
    }
    if (code instanceof MethodTree method) {
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      return symbol != null
          && !symbol.isStatic()
          && symbol.getParameters().isEmpty()
          && TASK_METHODS.stream().anyMatch(row -> row.matches(symbol, state));
    }
    return false;
  }

  /**
   * Whether {@code site}, a call or reference of a method, hands it to a thread or executor as a
   * task: {@code new Thread(this::pump)}, {@code pool.submit(this::poll)}.
   */
  public static boolean isTaskReference(TreePath site, VisitorState state) {
    return site.getLeaf() instanceof MemberReferenceTree reference
        && TASK_INTERFACES.stream()
            .anyMatch(name -> TypeMember.isSubtypeOfNamed(ASTHelpers.getType(reference), name, state));
  }

  /** Whether the code at {@code path} belongs to an executor implementation (see THREAD_OWNERS). */
  public static boolean inThreadOwner(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree owner) {
        Type type = ASTHelpers.getType(owner);
        if (THREAD_OWNERS.stream().anyMatch(name -> TypeMember.isSubtypeOfNamed(type, name, state))) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code someThread.interrupt()}, {@code Thread.currentThread().interrupt()} included. */
  public static boolean isInterrupt(ExpressionTree call, VisitorState state) {
    return INTERRUPT.matches(call, state);
  }

  /** {@code Thread.interrupted()} or {@code isInterrupted()}. */
  public static boolean isInterruptCheck(ExpressionTree call, VisitorState state) {
    return INTERRUPT_CHECK.matches(call, state);
  }

  /**
   * Whether {@code condition} reads a stop flag or state: a mutable boolean or enum field ({@code
   * running}, {@code state == State.RUNNING}) or a no-argument boolean or enum query ({@code
   * isRunning()}, {@code stopped.get()}, {@code state.get() == STARTED}), the interrupt status
   * aside. A loop on such a condition is stopped by whoever sets the flag.
   */
  public static boolean readsStopFlag(ExpressionTree condition, VisitorState state) {
    return !stopFlagsRead(condition, state).isEmpty();
  }

  /**
   * The stop flags {@code condition} reads (see {@link #readsStopFlag}): mutable boolean or enum
   * fields, the fields a no-argument query is made on ({@code stopped.get()}), and no-argument
   * boolean or enum methods ({@code isRunning()}).
   */
  public static Set<Symbol> stopFlagsRead(ExpressionTree condition, VisitorState state) {
    Set<Symbol> flags = new LinkedHashSet<>();
    if (condition == null) {
      return flags;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        addIfFlagField(ASTHelpers.getSymbol(tree));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        addIfFlagField(ASTHelpers.getSymbol(tree));
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        MethodSymbol method = ASTHelpers.getSymbol(call);
        if (method != null
            && call.getArguments().isEmpty()
            && isFlagType(ASTHelpers.getType(call), state)
            && !isInterruptCheck(call, state)) {
          ExpressionTree receiver = ASTHelpers.getReceiver(call);
          Symbol queried = receiver == null ? null : ASTHelpers.getSymbol(receiver);
          flags.add(queried instanceof VarSymbol && queried.getKind() == ElementKind.FIELD ? queried : method);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      private void addIfFlagField(Symbol symbol) {
        if (isMutableFlagField(symbol, state)) {
          flags.add(symbol);
        }
      }
    }.scan(condition, null);
    return flags;
  }

  private static boolean isMutableFlagField(Symbol symbol, VisitorState state) {
    return symbol instanceof VarSymbol
        && symbol.getKind() == ElementKind.FIELD
        && (symbol.flags() & Flags.FINAL) == 0
        && isFlagType(symbol.type, state);
  }

  private static boolean isFlagType(Type type, VisitorState state) {
    return type != null
        && (state.getTypes().unboxedTypeOrType(type).getKind() == TypeKind.BOOLEAN
            || (type.tsym != null && type.tsym.getKind() == ElementKind.ENUM));
  }

  /**
   * A call that ends the process, and with it every task: an exit of the model's table ({@code
   * System.exit}, a library's or the user's exit helper), {@code Runtime.halt}, or a helper named
   * for them ({@code requestSystemExit}).
   */
  public static boolean isProcessExit(ExpressionTree call, LifecycleModel model, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (model.isExit(method, state) || HALT.matches(call, state)) {
      return true;
    }
    String name = method == null ? "" : method.getSimpleName().toString().toLowerCase(Locale.ROOT);
    return method instanceof MethodSymbol && (name.contains("exit") || name.contains("halt"));
  }
}
