package dev.shutdowncheck.model;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;

/**
 * Names the object a call is made on, so that two calls can be recognised as made on the same
 * executor or resource: {@code pool.shutdown()} and {@code this.pool.awaitTermination(..)} share
 * the symbol {@code pool}; {@code pool().shutdown()} is keyed by the getter {@code pool()}.
 */
public final class Receivers {

  private static final String ATOMIC_REFERENCE = "java.util.concurrent.atomic.AtomicReference";

  private Receivers() {}

  /** The symbol that stands for the receiver of {@code call}, or null where none does. */
  public static Symbol receiverOf(ExpressionTree call) {
    ExpressionTree receiver =
        call instanceof MemberReferenceTree reference
            ? reference.getQualifierExpression()
            : ASTHelpers.getReceiver(call);
    return receiver == null ? null : symbolOf(receiver);
  }

  /** Whether {@code expression} is {@code this} (in parentheses or not). */
  public static boolean isThis(ExpressionTree expression) {
    return ASTHelpers.stripParentheses(expression) instanceof IdentifierTree identifier
        && identifier.getName().contentEquals("this");
  }

  /** Whether {@code expression} is {@code this} or {@code super}: the object itself. */
  public static boolean isThisOrSuper(ExpressionTree expression) {
    return ASTHelpers.stripParentheses(expression) instanceof IdentifierTree identifier
        && (identifier.getName().contentEquals("this") || identifier.getName().contentEquals("super"));
  }

  /**
   * Whether a call with this receiver is made on the object whose code makes it: {@code receiver}
   * is null where none is written ({@code stop()}), or {@code this} or {@code super}.
   */
  public static boolean isOwnReceiver(ExpressionTree receiver) {
    return receiver == null || isThisOrSuper(receiver);
  }

  /** The variable or no-arg getter that {@code expression} reads, or null. */
  public static Symbol symbolOf(ExpressionTree expression) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (tree instanceof TypeCastTree cast) {
      return symbolOf(cast.getExpression());
    }
    if (isThisOrSuper(tree)) {
      return null; // the object itself, as in an executor's own shutdown() calling super.shutdown()
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      return symbol instanceof VarSymbol ? symbol : null;
    }
    if (tree instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      MethodSymbol getter = ASTHelpers.getSymbol(call);
      if (getter != null && isHolderRead(getter) && ASTHelpers.getReceiver(call) != null) {
        return symbolOf(ASTHelpers.getReceiver(call)); // client.get(): the client the holder field holds
      }
      return getter == null || getter.getReturnType().isPrimitiveOrVoid() ? null : getter;
    }
    return null;
  }

  /**
   * The type of what {@code subject} stands for: a getter's return type, the type an {@code
   * AtomicReference} field holds, or the variable's own type.
   */
  public static Type typeOf(Symbol subject) {
    if (subject instanceof MethodSymbol getter) {
      return getter.getReturnType();
    }
    Type type = subject.type;
    if (type != null
        && type.tsym != null
        && type.tsym.getQualifiedName().contentEquals(ATOMIC_REFERENCE)
        && type.getTypeArguments().size() == 1) {
      return type.getTypeArguments().get(0);
    }
    return type;
  }

  /** {@code AtomicReference.get()}: what it returns is the object its holder stands for. */
  private static boolean isHolderRead(MethodSymbol method) {
    return method.getSimpleName().contentEquals("get")
        && method.owner.getQualifiedName().contentEquals(ATOMIC_REFERENCE);
  }

  /** Whether {@code expression} reads {@code variable} (possibly through {@code this.}). */
  public static boolean reads(ExpressionTree expression, Symbol variable) {
    return variable != null && variable.equals(symbolOf(expression));
  }
}
