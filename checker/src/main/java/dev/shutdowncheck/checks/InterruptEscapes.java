package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.SourceTrees;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an InterruptedException can leave a piece of code: a call that declares it or a {@code
 * throw}, outside any {@code try} that catches it. A call to a method compiled here that no
 * subclass can override is read in turn (to a fixed depth), knowing the constants the call passes
 * for its {@code boolean} parameters: MINA's {@code await0(timeout, false)} rethrows the interrupt
 * only {@code if (interruptable)}, so that call never throws it.
 */
final class InterruptEscapes extends TreeScanner<Void, Void> {

  private final VisitorState state;
  /** The {@code boolean} parameters whose value the call being read passes as a constant. */
  private final Map<Symbol, Boolean> knownFlags;
  private final int depth;
  /** How many enclosing {@code try} blocks (of the code read) catch every InterruptedException. */
  private int catchingTries;
  private boolean escapes;

  private InterruptEscapes(VisitorState state, Map<Symbol, Boolean> knownFlags, int depth) {
    this.state = state;
    this.knownFlags = knownFlags;
    this.depth = depth;
  }

  /** Whether {@code code} can throw InterruptedException, reading callees {@code depth} calls deep. */
  static boolean canEscape(Tree code, VisitorState state, int depth) {
    return canEscape(code, Map.of(), state, depth);
  }

  private static boolean canEscape(Tree code, Map<Symbol, Boolean> knownFlags, VisitorState state, int depth) {
    InterruptEscapes reader = new InterruptEscapes(state, knownFlags, depth);
    reader.scan(code, null);
    return reader.escapes;
  }

  @Override
  public Void scan(Tree tree, Void unused) {
    return escapes ? null : super.scan(tree, null);
  }

  @Override
  public Void visitTry(TryTree tree, Void unused) {
    boolean catches = catchesInterrupt(tree);
    catchingTries += catches ? 1 : 0;
    scan(tree.getResources(), null);
    scan(tree.getBlock(), null);
    catchingTries -= catches ? 1 : 0;
    scan(tree.getCatches(), null);
    return scan(tree.getFinallyBlock(), null);
  }

  @Override
  public Void visitIf(IfTree tree, Void unused) {
    Boolean condition = knownCondition(tree.getCondition());
    if (condition == null) {
      return super.visitIf(tree, null);
    }
    return scan(condition ? tree.getThenStatement() : tree.getElseStatement(), null);
  }

  @Override
  public Void visitThrow(ThrowTree tree, Void unused) {
    escapes |= catchingTries == 0;
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
    consider(ASTHelpers.getSymbol(call), call.getArguments());
    return super.visitMethodInvocation(call, null);
  }

  @Override
  public Void visitNewClass(NewClassTree creation, Void unused) {
    consider(ASTHelpers.getSymbol(creation), creation.getArguments());
    return super.visitNewClass(creation, null);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
    return null; // runs later, if at all, and not here
  }

  @Override
  public Void visitClass(ClassTree nested, Void unused) {
    return null;
  }

  private void consider(Symbol callee, List<? extends ExpressionTree> arguments) {
    if (catchingTries > 0 || !mayThrowInterrupt(callee, state)) {
      return;
    }
    MethodTree body = depth > 0 && SourceTrees.cannotBeOverridden(callee) ? SourceTrees.bodyThatRuns(callee, state) : null;
    escapes |=
        body == null
            || canEscape(body.getBody(), flagsPassed((MethodSymbol) callee, arguments), state, depth - 1);
  }

  /** Whether {@code method} may throw InterruptedException: it declares it, or a supertype of it. */
  static boolean mayThrowInterrupt(Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol m)) {
      return false;
    }
    Type interrupted = state.getSymtab().interruptedExceptionType;
    for (Type thrown : m.getThrownTypes()) {
      if (ASTHelpers.isSubtype(interrupted, thrown, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a catch of {@code tree} takes every InterruptedException its block throws. */
  private boolean catchesInterrupt(TryTree tree) {
    for (CatchTree catchTree : tree.getCatches()) {
      if (CaughtInterrupt.takesEveryInterrupt(catchTree, state)) {
        return true;
      }
    }
    return false;
  }

  /** The constants a call passes for the {@code boolean} parameters of {@code method}. */
  private static Map<Symbol, Boolean> flagsPassed(MethodSymbol method, List<? extends ExpressionTree> arguments) {
    Map<Symbol, Boolean> flags = new HashMap<>();
    if (method.isVarArgs() || method.getParameters().size() != arguments.size()) {
      return flags;
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (ASTHelpers.constValue(arguments.get(i)) instanceof Boolean value) {
        flags.put(method.getParameters().get(i), value);
      }
    }
    return flags;
  }

  /** The value of {@code if (flag)} or {@code if (!flag)} where the call passed {@code flag}; else null. */
  private Boolean knownCondition(ExpressionTree condition) {
    ExpressionTree tree = ASTHelpers.stripParentheses(condition);
    boolean negated = false;
    if (tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      tree = ASTHelpers.stripParentheses(((UnaryTree) tree).getExpression());
      negated = true;
    }
    Symbol flag = tree instanceof IdentifierTree ? ASTHelpers.getSymbol(tree) : null;
    Boolean value = flag == null ? null : knownFlags.get(flag);
    return value == null ? null : value ^ negated;
  }
}
