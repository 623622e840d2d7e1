package dev.shutdowncheck.model;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.ElementKind;

/**
 * Whether a future can be cancelled, judged from the code that can see it: a future, or the
 * collection it was taken from (its "family": {@code futures} for {@code futures.get(i)}, for the
 * loop variable of {@code for (Future f : futures)}, for the {@code f} of {@code futures.forEach(f ->
 * ..)}), is cancelled somewhere in its scope, or comes from a timed {@code invokeAll}, which cancels
 * the tasks that miss the deadline.
 */
public final class FutureFamilies {

  private static final Matcher<ExpressionTree> CANCEL =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("cancel");

  private static final Matcher<ExpressionTree> INVOKE_ALL =
      instanceMethod().onDescendantOf("java.util.concurrent.ExecutorService").named("invokeAll");

  /**
   * Types a future is taken out of, by {@code get(i)}, {@code next()}, {@code remove(key)}, or
   * {@code getValue()} of an entry from {@code map.entrySet()}.
   */
  private static final ImmutableList<String> CONTAINERS =
      ImmutableList.of(
          "java.lang.Iterable",
          "java.util.Map",
          "java.util.Map.Entry",
          "java.util.Iterator",
          "java.util.stream.BaseStream");

  /** The family of the futures a timed {@code invokeAll} returns. */
  private static final Object TIMED_INVOKE_ALL = new Object();

  private static final int MAX_HOPS = 4;

  private FutureFamilies() {}

  /**
   * Whether the future {@code receiver}, waited on at the current path, may be cancelled by other
   * code. Cancellations in the catch or finally blocks of {@code guards} (the {@code try}s around
   * the wait) come after the wait and do not count.
   */
  public static boolean mayBeCancelled(ExpressionTree receiver, List<TryTree> guards, VisitorState state) {
    if (receiver == null) {
      return false;
    }
    Object family = familyOf(receiver, state.getPath(), state, 0);
    if (family == TIMED_INVOKE_ALL) {
      return true;
    }
    if (!(family instanceof VarSymbol variable)) {
      return false;
    }
    TreePath scope = scopeOf(variable, state.getPath());
    if (scope == null) {
      return false;
    }
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (CANCEL.matches(call, state)
            && !afterTheWait(getCurrentPath(), guards)
            && family.equals(familyOf(ASTHelpers.getReceiver(call), getCurrentPath(), state, 0))) {
          found[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        found[0] |= variable.equals(ASTHelpers.getSymbol(assignment.getVariable()))
            && isTimedInvokeAll(assignment.getExpression(), state);
        return super.visitAssignment(assignment, null);
      }
    }.scan(scope, null);
    return found[0];
  }

  /** A field's class, or a local's method: the code that can cancel what the variable holds. */
  private static TreePath scopeOf(VarSymbol variable, TreePath path) {
    boolean field = variable.getKind() == ElementKind.FIELD;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (!field && leaf instanceof MethodTree) {
        return p;
      }
      if (leaf instanceof ClassTree declaring
          && (!field || Objects.equals(ASTHelpers.getSymbol(declaring), variable.owner))) {
        return p;
      }
    }
    return null;
  }

  private static boolean afterTheWait(TreePath cancel, List<TryTree> guards) {
    for (TreePath p = cancel; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      for (TryTree guard : guards) {
        if (leaf == guard.getFinallyBlock() || guard.getCatches().contains(leaf)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The variable that names the future's family, {@link #TIMED_INVOKE_ALL}, or null. */
  private static Object familyOf(ExpressionTree expression, TreePath context, VisitorState state, int hops) {
    if (expression == null || hops > MAX_HOPS) {
      return null;
    }
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (tree instanceof TypeCastTree cast) {
      return familyOf(cast.getExpression(), context, state, hops + 1);
    }
    if (tree instanceof ArrayAccessTree access) {
      return familyOf(access.getExpression(), context, state, hops + 1);
    }
    if (tree instanceof MethodInvocationTree call) {
      if (isTimedInvokeAll(call, state)) {
        return TIMED_INVOKE_ALL;
      }
      return isContainerRead(call, state)
          ? familyOf(ASTHelpers.getReceiver(call), context, state, hops + 1)
          : null;
    }
    if (!(tree instanceof IdentifierTree || tree instanceof MemberSelectTree)
        || !(ASTHelpers.getSymbol(tree) instanceof VarSymbol variable)) {
      return null;
    }
    return variable.getKind() == ElementKind.FIELD
        ? variable
        : familyOfLocal(variable, context, state, hops);
  }

  /** Follows a local back to where it was declared: a for-each, a lambda parameter, a local. */
  private static Object familyOfLocal(VarSymbol variable, TreePath context, VisitorState state, int hops) {
    for (TreePath p = context; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof EnhancedForLoopTree loop && declares(loop.getVariable(), variable)) {
        return familyOf(loop.getExpression(), p, state, hops + 1);
      }
      if (leaf instanceof LambdaExpressionTree lambda) {
        if (lambda.getParameters().stream().anyMatch(parameter -> declares(parameter, variable))) {
          // futures.forEach(f -> ..), futures.stream().map(f -> ..): the family of the receiver.
          Tree parent = p.getParentPath().getLeaf();
          return parent instanceof MethodInvocationTree call
              ? familyOf(ASTHelpers.getReceiver(call), p.getParentPath(), state, hops + 1)
              : null;
        }
      }
      if (leaf instanceof BlockTree block) {
        for (StatementTree statement : block.getStatements()) {
          if (statement instanceof VariableTree local && declares(local, variable)) {
            return familyOfInitializer(local.getInitializer(), variable, p, state, hops);
          }
        }
      }
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        break;
      }
    }
    return variable; // a parameter, a resource, a pattern binding: itself
  }

  private static Object familyOfInitializer(
      ExpressionTree initializer, VarSymbol variable, TreePath context, VisitorState state, int hops) {
    if (initializer instanceof MethodInvocationTree call
        && (isTimedInvokeAll(call, state) || isContainerRead(call, state))) {
      return familyOf(call, context, state, hops + 1);
    }
    return variable;
  }

  private static boolean declares(VariableTree declaration, VarSymbol variable) {
    return variable.equals(ASTHelpers.getSymbol(declaration));
  }

  /** {@code futures.get(i)}, {@code iterator.next()}, {@code byId.remove(id)}: one of many. */
  private static boolean isContainerRead(MethodInvocationTree call, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null
        && !method.isStatic()
        && CONTAINERS.stream().anyMatch(name -> TypeMember.isSubtypeOfNamed(method.owner.type, name, state));
  }

  private static boolean isTimedInvokeAll(ExpressionTree expression, VisitorState state) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    return tree instanceof MethodInvocationTree call
        && call.getArguments().size() == 3
        && INVOKE_ALL.matches(call, state);
  }
}
