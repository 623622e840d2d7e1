package dev.shutdowncheck.model;

import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol;

/**
 * What the code shows a local variable or parameter holds at one point: the expression last given
 * to it, with where that expression's own variables come from (a parameter's value is an argument
 * written in the caller). Lets a helper's {@code awaitTermination(timeout, unit)} be read with the
 * constants its caller passed.
 */
@FunctionalInterface
public interface KnownValues {

  /** Nothing is known: only constants and fields fold. */
  KnownValues NONE = variable -> null;

  /** The value of {@code variable} here, or null when the code does not show it. */
  Value valueOf(Symbol variable);

  /** An expression and the values its own variables have where it is written. */
  record Value(ExpressionTree expression, KnownValues context) {}
}
