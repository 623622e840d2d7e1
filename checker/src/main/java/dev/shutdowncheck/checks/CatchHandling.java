package dev.shutdowncheck.checks;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
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
 * What a catch block does with the interrupt it caught. {@link #handled}: it rethrows it (or an
 * exception that says the thread was interrupted), hands the exception on, records it in a flag,
 * ends the process, restores it through a helper, shuts its own component down, or decides whether
 * to stop; {@link #leaves}: it returns, breaks out or throws; {@link #thrownInstead}: it throws
 * another exception, which tells its caller nothing of the interrupt.
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
  /** The method or lambda around the catch, or null. */
  private final TreePath code;
  private final LifecycleModel model;
  private final VisitorState state;
  private boolean handled;
  /** The exception is given to a call (a callback, a future, a helper) that may act on it. */
  private boolean handedOn;
  private boolean leaves;
  private ThrowTree thrownInstead;
  private Symbol callersChoice;

  private CatchHandling(
      Symbol exception, Symbol topLevel, TreePath code, LifecycleModel model, VisitorState state) {
    this.exception = exception;
    this.topLevel = topLevel;
    this.code = code;
    this.model = model;
    this.state = state;
  }

  /** What the catch at {@code catchPath} does with the interrupt. */
  static CatchHandling of(TreePath catchPath, LifecycleModel model, VisitorState state) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    ClassTree enclosing = ASTHelpers.findEnclosingNode(catchPath, ClassTree.class);
    Symbol topLevel = enclosing == null ? null : ASTHelpers.outermostClass(ASTHelpers.getSymbol(enclosing));
    CatchHandling handling =
        new CatchHandling(
            ASTHelpers.getSymbol(catchTree.getParameter()),
            topLevel,
            Tasks.enclosingCode(catchPath),
            model,
            state);
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
    return handled || handedOn;
  }

  /** Whether the catch's only handling is to give the exception to a call. */
  boolean onlyHandedOn() {
    return handedOn && !handled;
  }

  boolean leaves() {
    return leaves;
  }

  /** A throw of an exception that does not say the thread was interrupted, or null. */
  ThrowTree thrownInstead() {
    return handled() ? null : thrownInstead;
  }

  /** The parameter by which the caller chooses whether the interrupt is passed on, or null. */
  Symbol callersChoice() {
    return callersChoice;
  }

  @Override
  public Void visitThrow(ThrowTree tree, Void unused) {
    ExpressionTree thrown = tree.getExpression();
    if (!caughtAlone()
        || saysInterrupted(ASTHelpers.getType(thrown)) // throw e; throw new InterruptedIOException()
        || Scopes.callsIn(thrown).stream().anyMatch(this::mayCarryTheInterrupt)) {
      handled = true;
    } else {
      // new ServiceException(e), Throwables.propagate(e): the caller gets a failure, and the
      // interrupt status stays cleared.
      leaves = true;
      thrownInstead = tree;
    }
    return null;
  }

  /**
   * Whether the catch is written for the interrupt alone: {@code catch (InterruptedException e)}.
   * One that takes other failures too and turns them all into one exception (ZooKeeper's CLI
   * commands: {@code catch (KeeperException | InterruptedException ex)}) translates errors; the
   * interrupt is not what it is about.
   */
  private boolean caughtAlone() {
    return exception != null
        && exception.type != null
        && exception.type.tsym != null
        && exception.type.tsym.getQualifiedName().contentEquals("java.lang.InterruptedException");
  }

  /**
   * Whether a call in a throw's expression may pass the interrupt on: a sneaky rethrow, a helper
   * that restores it (Lettuce's {@code Exceptions.bubble(e)}), or a helper given the exception
   * whose body is not here to read, other than those known to drop it ({@code
   * Throwables.propagate}).
   */
  private boolean mayCarryTheInterrupt(MethodInvocationTree call) {
    if (isThrowingHelper(call) || restoresInHelper(call)) {
      return true;
    }
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && passesException(call.getArguments())
        && !model.dropsTheInterrupt(method, state)
        && SourceTrees.bodyThatRuns(method, state) == null;
  }

  /** {@code ExceptionUtils.rethrow(e)}, {@code sneakyThrow(e)}: the exception itself goes on. */
  private static boolean isThrowingHelper(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null && THROWING_METHODS.contains(method.getSimpleName().toString());
  }

  /**
   * InterruptedIOException, ClosedByInterruptException, Kafka's InterruptException (which restores
   * the status itself): exceptions whose name tells the caller what happened.
   */
  private static boolean saysInterrupted(Type thrown) {
    return thrown == null || thrown.tsym == null || thrown.tsym.getSimpleName().toString().contains("Interrupt");
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
    if (Tasks.isProcessExit(call, model, state) || isThrowingHelper(call)) {
      handled = true;
    } else if (ATOMIC_FLAG_WRITE.matches(call, state) && hasBooleanLiteral(call.getArguments())) {
      handled = true;
    } else if (!DESCRIBING_METHODS.contains(name) && passesException(call.getArguments())) {
      handedOn = true;
    } else if (restoresInHelper(call) || shutsOwnComponentDown(call, method)) {
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
    handled |=
        (isBooleanLiteral(tree.getExpression()) && !onlyRetriesOn(ASTHelpers.getSymbol(tree.getVariable())))
            || readsException(tree.getExpression());
    return super.visitAssignment(tree, null);
  }

  /**
   * Whether {@code flag} is a local that the method reads only to wait again, as the loop condition
   * of {@code do { .. } while (interrupted && tries <= 1);} (Log4j 2.11.0's Flume appender): the
   * flag records the interrupt and then drops it.
   */
  private boolean onlyRetriesOn(Symbol flag) {
    if (flag == null || flag.getKind() != ElementKind.LOCAL_VARIABLE || code == null) {
      return false;
    }
    int[] reads = new int[2]; // all reads, and those that keep a loop going
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        TreePath path = getCurrentPath();
        if (flag.equals(ASTHelpers.getSymbol(identifier)) && !isWrittenAt(path)) {
          reads[0]++;
          reads[1] += keepsALoopGoing(path) ? 1 : 0;
        }
        return null;
      }
    }.scan(code, null);
    return reads[0] > 0 && reads[0] == reads[1];
  }

  private static boolean isWrittenAt(TreePath path) {
    return path.getParentPath().getLeaf() instanceof AssignmentTree assignment
        && assignment.getVariable() == path.getLeaf();
  }

  /** Whether the read at {@code path}, not negated, is a loop's condition or a conjunct of it. */
  private static boolean keepsALoopGoing(TreePath path) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof ParenthesizedTree
          || (parent instanceof BinaryTree binary && binary.getKind() == Tree.Kind.CONDITIONAL_AND)) {
        child = parent;
        continue;
      }
      return (parent instanceof DoWhileLoopTree doWhile && doWhile.getCondition() == child)
          || (parent instanceof WhileLoopTree whileLoop && whileLoop.getCondition() == child)
          || (parent instanceof ForLoopTree forLoop && forLoop.getCondition() == child);
    }
    return false;
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
   * {@code restoreInterrupt()}, {@code Threads.reinterrupt()}: a helper named for it, or one that
   * interrupts, in this file or compiled here with the body that runs ({@code Exceptions.bubble}).
   */
  private boolean restoresInHelper(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String lower = method.getSimpleName().toString().toLowerCase(Locale.ROOT);
    if (lower.contains("interrupt") && !lower.endsWith("interrupted")) {
      return true;
    }
    MethodTree helper = SourceTrees.inCurrentFile(method, state);
    if (helper == null) {
      helper = SourceTrees.bodyThatRuns(method, state);
    }
    return helper != null
        && Scopes.callsIn(helper.getBody()).stream().anyMatch(inner -> Tasks.isInterrupt(inner, state));
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
