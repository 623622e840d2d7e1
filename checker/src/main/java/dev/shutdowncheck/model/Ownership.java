package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.List;

/** Who owns a value: whether an expression creates something that its caller must release. */
final class Ownership {

  /** Error Prone's mark on a factory whose result the caller must close. */
  private static final String MUST_BE_CLOSED = "com.google.errorprone.annotations.MustBeClosed";

  /** A kind of lifecycle object, such as "an executor". */
  interface Kind {
    boolean test(Type type, VisitorState state);
  }

  /** Calls known to return a value of the kind that the caller does not own. */
  interface UnownedSource {
    boolean test(Symbol method, VisitorState state);
  }

  private Ownership() {}

  /**
   * Whether {@code expression} creates a new value of {@code kind} owned by whoever holds the
   * result: a constructor call; a factory or builder call named like one ({@code newX}, {@code
   * create}, {@code build}) or annotated {@code @MustBeClosed}; or any call that wraps such a new value passed to it, since the
   * wrapper then owns it. Reads of fields, getters and parameters never create.
   */
  static boolean createsNew(
      ExpressionTree expression,
      Kind kind,
      UnownedSource unowned,
      LifecycleModel model,
      VisitorState state) {
    return createsNew(expression, kind, unowned, model, state, MAX_FACTORY_DEPTH);
  }

  /** How deep to follow factory methods into factory methods whose source is compiled here. */
  private static final int MAX_FACTORY_DEPTH = 2;

  private static boolean createsNew(
      ExpressionTree expression,
      Kind kind,
      UnownedSource unowned,
      LifecycleModel model,
      VisitorState state,
      int depth) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (tree instanceof TypeCastTree cast) {
      return createsNew(cast.getExpression(), kind, unowned, model, state, depth);
    }
    if (tree instanceof ConditionalExpressionTree conditional) {
      return createsNew(conditional.getTrueExpression(), kind, unowned, model, state, depth)
          || createsNew(conditional.getFalseExpression(), kind, unowned, model, state, depth);
    }
    if (!kind.test(ASTHelpers.getType(tree), state)) {
      return false;
    }
    if (tree instanceof NewClassTree) {
      return true;
    }
    if (!(tree instanceof MethodInvocationTree call)) {
      return false;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || unowned.test(method, state)) {
      return false;
    }
    if (ASTHelpers.hasAnnotation(method, MUST_BE_CLOSED, state)) {
      return true;
    }
    MethodTree source = SourceTrees.bodyThatRuns(method, state);
    if (source != null) {
      // A factory compiled here: its body says more than its name (createExecutorIfNecessary()
      // may return a cached field; Pools.scheduled(name) makes a new pool).
      return depth > 0 && returnsOnlyNew(source, kind, unowned, model, state, depth - 1);
    }
    if (model.hasCreatingName(method)) {
      return true;
    }
    for (ExpressionTree argument : call.getArguments()) {
      if (createsNew(argument, kind, unowned, model, state, depth)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every {@code return} of {@code method} gives a new value: a creating expression, or a
   * local variable initialised with one.
   */
  private static boolean returnsOnlyNew(
      MethodTree method,
      Kind kind,
      UnownedSource unowned,
      LifecycleModel model,
      VisitorState state,
      int depth) {
    List<SourceTrees.Returned> returned = SourceTrees.returnedValues(method);
    return !returned.isEmpty()
        && returned.stream()
            .allMatch(r -> createsNew(r.value(), kind, unowned, model, state, depth));
  }

}
