package dev.shutdowncheck.checks;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.Tasks;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

/**
 * What a catch block does with the interrupt it caught. {@link #handled}: it throws, hands the
 * exception on, records it in a flag, ends the process, restores it through a helper, shuts its own
 * component down, or decides whether to stop; {@link #leaves}: it returns or breaks out.
 */
final class CatchHandling extends TreeScanner<Void, Void> {

  /** {@code AtomicBoolean} writes: with a literal argument, a stop or "was interrupted" flag. */
  private static final Matcher<ExpressionTree> ATOMIC_FLAG_WRITE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.atomic.AtomicBoolean")
          .namedAnyOf("set", "lazySet", "compareAndSet", "getAndSet", "setRelease");

  /**
   * Calls that only describe or log an exception: passing the exception to them hands nothing on.
   * Any other call that receives it (a callback, a future, a helper) is taken as handling it.
   */
  private static final ImmutableSet<String> DESCRIBING_METHODS =
      ImmutableSet.of(
          "trace", "debug", "info", "warn", "warning", "error", "fatal", "log", "severe", "fine",
          "finer", "finest", "config", "tracef", "debugf", "infof", "warnf", "errorf", "logf",
          "print", "println", "printf", "format", "append", "valueOf", "toString",
          "getStackTraceAsString", "getMessage", "addSuppressed");

  /** Calls that never return normally: test and sneaky-throw helpers. */
  private static final ImmutableSet<String> THROWING_METHODS =
      ImmutableSet.of("fail", "sneakyThrow", "rethrow", "throwAsUncheckedException");

  private final Symbol exception;
  private final Symbol topLevel;
  private final LifecycleModel model;
  private final VisitorState state;
  private boolean handled;
  private boolean leaves;
  private Symbol callersChoice;

  private CatchHandling(Symbol exception, Symbol topLevel, LifecycleModel model, VisitorState state) {
    this.exception = exception;
    this.topLevel = topLevel;
    this.model = model;
    this.state = state;
  }

  /** What the catch at {@code catchPath} does with the interrupt. */
  static CatchHandling of(TreePath catchPath, LifecycleModel model, VisitorState state) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    ClassTree enclosing = ASTHelpers.findEnclosingNode(catchPath, ClassTree.class);
    Symbol topLevel = enclosing == null ? null : ASTHelpers.outermostClass(ASTHelpers.getSymbol(enclosing));
    CatchHandling handling =
        new CatchHandling(ASTHelpers.getSymbol(catchTree.getParameter()), topLevel, model, state);
    handling.callersChoice = callersChoice(catchTree, catchPath);
    if (handling.callersChoice == null) {
      handling.scan(catchTree.getBlock(), null);
    }
    return handling;
  }

  /**
   * The parameter that alone decides whether the catch passes the interrupt on, or null: {@code
   * catch (InterruptedException e) { if (interruptable) { throw e; } }}. When the caller passes
   * false, the catch drops the interrupt.
   */
  private static Symbol callersChoice(CatchTree catchTree, TreePath catchPath) {
    List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
    if (statements.size() != 1
        || !(statements.get(0) instanceof IfTree onlyIf)
        || onlyIf.getElseStatement() != null
        || Scopes.ownCode(onlyIf.getThenStatement()).stream().noneMatch(ThrowTree.class::isInstance)) {
      return null;
    }
    ExpressionTree condition = ASTHelpers.stripParentheses(onlyIf.getCondition());
    if (condition instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      condition = ASTHelpers.stripParentheses(not.getExpression());
    }
    Symbol flag = condition instanceof IdentifierTree ? ASTHelpers.getSymbol(condition) : null;
    MethodTree method = ASTHelpers.findEnclosingNode(catchPath, MethodTree.class);
    return flag != null
            && flag.getKind() == ElementKind.PARAMETER
            && method != null
            && flag.owner.equals(ASTHelpers.getSymbol(method))
        ? flag
        : null;
  }

  boolean handled() {
    return handled;
  }

  boolean leaves() {
    return leaves;
  }

  /** The parameter by which the caller chooses whether the interrupt is passed on, or null. */
  Symbol callersChoice() {
    return callersChoice;
  }

  @Override
  public Void visitThrow(ThrowTree tree, Void unused) {
    handled = true;
    return null;
  }

  @Override
  public Void visitReturn(ReturnTree tree, Void unused) {
    leaves = true;
    return super.visitReturn(tree, null);
  }

  @Override
  public Void visitBreak(BreakTree tree, Void unused) {
    leaves = true;
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    String name = method == null ? "" : method.getSimpleName().toString();
    if (Tasks.isProcessExit(call, model, state) || THROWING_METHODS.contains(name)) {
      handled = true;
    } else if (ATOMIC_FLAG_WRITE.matches(call, state) && hasBooleanLiteral(call.getArguments())) {
      handled = true;
    } else if (!DESCRIBING_METHODS.contains(name) && passesException(call.getArguments())) {
      handled = true;
    } else if (restoresInHelper(method, name) || shutsOwnComponentDown(call, method)) {
      handled = true;
    }
    return super.visitMethodInvocation(call, null);
  }

  @Override
  public Void visitIf(IfTree tree, Void unused) {
    // if (state == SHUTDOWN) return; : the catch decides whether to stop.
    handled |= exits(tree.getThenStatement()) || exits(tree.getElseStatement());
    return super.visitIf(tree, null);
  }

  private static boolean exits(StatementTree branch) {
    return branch != null
        && Scopes.ownCode(branch).stream()
            .anyMatch(t -> t instanceof ReturnTree || t instanceof ThrowTree || t instanceof BreakTree);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    handled |= passesException(tree.getArguments()); // wrapped into a result or an event
    return super.visitNewClass(tree, null);
  }

  @Override
  public Void visitAssignment(AssignmentTree tree, Void unused) {
    // interrupted = true; running = false; failure = e;
    handled |= isBooleanLiteral(tree.getExpression()) || readsException(tree.getExpression());
    return super.visitAssignment(tree, null);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return null;
  }

  /**
   * {@code restoreInterrupt()}, {@code Threads.reinterrupt()}: a helper named for it, or one in
   * this file that interrupts.
   */
  private boolean restoresInHelper(MethodSymbol method, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("interrupt") && !lower.endsWith("interrupted")) {
      return true;
    }
    MethodTree helper = SourceTrees.inCurrentFile(method, state);
    return helper != null
        && Scopes.callsIn(helper.getBody()).stream().anyMatch(call -> Tasks.isInterrupt(call, state));
  }

  /**
   * {@code close()}, {@code shutdown()}: the catch stops the component it belongs to, which is
   * what the interrupt asked for.
   */
  private boolean shutsOwnComponentDown(MethodInvocationTree call, MethodSymbol method) {
    return method != null
        && Receivers.isOwnReceiver(ASTHelpers.getReceiver(call))
        && topLevel != null
        && topLevel.equals(ASTHelpers.outermostClass(method))
        && model.isShutdownMethod(method, state);
  }

  private boolean passesException(List<? extends ExpressionTree> arguments) {
    return arguments.stream().anyMatch(this::readsException);
  }

  private boolean readsException(ExpressionTree expression) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    return tree instanceof IdentifierTree && exception != null
        && exception.equals(ASTHelpers.getSymbol(tree));
  }

  private static boolean hasBooleanLiteral(List<? extends ExpressionTree> arguments) {
    return arguments.stream().anyMatch(CatchHandling::isBooleanLiteral);
  }

  private static boolean isBooleanLiteral(ExpressionTree expression) {
    return ASTHelpers.constValue(expression) instanceof Boolean;
  }
}
