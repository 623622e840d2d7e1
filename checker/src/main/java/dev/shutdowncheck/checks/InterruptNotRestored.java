package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CatchTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TestCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.inject.Inject;

/**
 * A {@code catch} of {@code InterruptedException} that carries on as if nothing happened: the
 * interrupt status was cleared when the exception was thrown, so the code that asked this thread
 * to stop ({@code shutdownNow()}, {@code cancel(true)}) is never heard.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "InterruptedException caught and the interrupt lost: restore it or stop",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/InterruptNotRestored.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class InterruptNotRestored extends ShutdownRule implements CatchTreeMatcher {

  /** Reported by Error Prone's InterruptedInCatchBlock. */
  private static final Matcher<ExpressionTree> THREAD_INTERRUPTED =
      staticMethod().onClass("java.lang.Thread").named("interrupted");

  private static final Matcher<ExpressionTree> IS_DONE =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("isDone");

  private static final Matcher<ExpressionTree> FUTURE_GET =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("get");

  private static final Matcher<ExpressionTree> THREAD_JOIN =
      instanceMethod().onDescendantOf("java.lang.Thread").named("join");

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

  public InterruptNotRestored() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public InterruptNotRestored(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  public Description matchCatch(CatchTree catchTree, VisitorState state) {
    return guarded(state, () -> match(catchTree, state));
  }

  private Description match(CatchTree catchTree, VisitorState state) {
    Type caught = ASTHelpers.getType(catchTree.getParameter());
    if (!catchesInterrupt(caught, state) || TestCode.isInTestClass(state.getPath(), state)) {
      return NO_MATCH;
    }
    TreePath code = Tasks.enclosingCode(state.getPath());
    TreePath tryPath = state.getPath().getParentPath();
    if (code == null
        || !(tryPath.getLeaf() instanceof TryTree tryTree)
        || isMainMethod(code.getLeaf())
        || Tasks.inThreadOwner(state.getPath(), state)
        || reportedByErrorProne(catchTree, tryTree, state)
        || interruptsAnywhere(code.getLeaf(), state)
        || onlyWaitsOnDoneFutures(tryTree, code.getLeaf(), state)) {
      return NO_MATCH;
    }
    Handling handling = new Handling(ASTHelpers.getSymbol(catchTree.getParameter()), state);
    handling.scan(catchTree.getBlock(), null);
    if (handling.handled) {
      return NO_MATCH;
    }
    if (Tasks.isTaskBody(code.getLeaf(), state)
        && (handling.leaves || endsTask(tryPath, code.getLeaf()))) {
      return NO_MATCH;
    }
    if (containsLoop(tryTree.getBlock()) && endsTask(tryPath, code.getLeaf())) {
      return NO_MATCH; // the interrupt ended the worker loop, and with it the method's work
    }
    if (inStopFlagLoop(tryPath, code.getLeaf(), state)) {
      return NO_MATCH; // the interrupt only wakes the loop; the flag stops it
    }
    return finding(
        catchTree,
        "InterruptedException is caught and the thread's interrupt status, cleared when it was"
            + " thrown, is not restored: the code that asked this thread to stop (shutdownNow(),"
            + " cancel(true)) is ignored; call Thread.currentThread().interrupt(), rethrow, or stop",
        restoreFix(catchTree, caught, state),
        state);
  }

  private static boolean catchesInterrupt(Type caught, VisitorState state) {
    Type interrupted = state.getSymtab().interruptedExceptionType;
    if (caught instanceof UnionClassType union) {
      for (Type alternative : union.getAlternativeTypes()) {
        if (ASTHelpers.isSubtype(alternative, interrupted, state)) {
          return true;
        }
      }
      return false;
    }
    // Catching Exception or Throwable is InterruptedExceptionSwallowed's subject, not ours.
    return caught != null && ASTHelpers.isSubtype(caught, interrupted, state);
  }

  /** Nobody interrupts the main thread to stop a program; its catches are not our subject. */
  private static boolean isMainMethod(Tree code) {
    if (!(code instanceof MethodTree method)) {
      return false;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    return symbol != null && symbol.isStatic() && symbol.getSimpleName().contentEquals("main");
  }

  /** Catches that EmptyCatch, ThreadJoinLoop or InterruptedInCatchBlock already report. */
  private static boolean reportedByErrorProne(CatchTree catchTree, TryTree tryTree, VisitorState state) {
    BlockTree block = catchTree.getBlock();
    boolean empty = block.getStatements().stream().allMatch(s -> s instanceof EmptyStatementTree);
    if (empty && block.getStatements().isEmpty()
        && state.getTokensForNode(block).stream().allMatch(t -> t.comments().isEmpty())) {
      return true;
    }
    if (empty && tryTree.getFinallyBlock() == null && isLoneJoin(tryTree.getBlock(), state)) {
      return true;
    }
    return Scopes.callsIn(block).stream().anyMatch(call -> THREAD_INTERRUPTED.matches(call, state));
  }

  private static boolean isLoneJoin(BlockTree block, VisitorState state) {
    List<MethodInvocationTree> calls = Scopes.callsIn(block);
    return calls.size() == 1
        && calls.get(0).getArguments().isEmpty()
        && THREAD_JOIN.matches(calls.get(0), state);
  }

  /**
   * Whether the method or lambda interrupts a thread anywhere: in the catch, in a {@code finally},
   * or later, as in the "remember, then restore at the end" idiom of uninterruptible helpers.
   */
  private static boolean interruptsAnywhere(Tree code, VisitorState state) {
    return Scopes.callsIn(code).stream().anyMatch(call -> Tasks.isInterrupt(call, state));
  }

  /**
   * Whether, after the catch, the task ends anyway: after the {@code try}, its body only runs
   * straight-line cleanup to its end (a task that ends needs no interrupt to tell it to stop).
   */
  private static boolean endsTask(TreePath tryPath, Tree code) {
    TreePath path = tryPath;
    while (path.getParentPath() != null && path.getLeaf() != code) {
      Tree child = path.getLeaf();
      Tree parent = path.getParentPath().getLeaf();
      if (parent == code) {
        return true;
      }
      if (parent instanceof BlockTree block) {
        if (!onlyCleanupFollows(block.getStatements(), child)) {
          return false;
        }
      } else if (!(parent instanceof IfTree
          || parent instanceof TryTree
          || parent instanceof CatchTree
          || parent instanceof SynchronizedTree
          || parent instanceof LabeledStatementTree)) {
        return false; // a loop, a switch, an expression: more work follows
      }
      path = path.getParentPath();
    }
    return false;
  }

  /**
   * Whether every call in the try block that can throw InterruptedException is a {@code get()} on
   * a future that the code checked with {@code isDone()} before the try: a done future returns at
   * once and is never interrupted (commons-lang3's BackgroundInitializer.isInitialized()).
   */
  private static boolean onlyWaitsOnDoneFutures(TryTree tryTree, Tree code, VisitorState state) {
    int tryStart = ASTHelpers.getStartPosition(tryTree);
    Set<Symbol> checkedDone = new HashSet<>();
    Scopes.forEachCallBefore(
        code,
        tryStart,
        call -> {
          if (IS_DONE.matches(call, state)) {
            checkedDone.add(Receivers.receiverOf(call));
          }
        });
    boolean interruptible = false;
    for (Tree tree : Scopes.ownCode(tryTree.getBlock())) {
      if (!(tree instanceof MethodInvocationTree call) || !throwsInterrupted(call, state)) {
        continue;
      }
      interruptible = true;
      Symbol future = Receivers.receiverOf(call);
      if (!FUTURE_GET.matches(call, state) || future == null || !checkedDone.contains(future)) {
        return false;
      }
    }
    return interruptible;
  }

  private static boolean throwsInterrupted(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    Type interrupted = state.getTypeFromString("java.lang.InterruptedException");
    if (method == null || interrupted == null) {
      return false;
    }
    for (Type thrown : method.getThrownTypes()) {
      if (ASTHelpers.isSubtype(interrupted, thrown, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsLoop(Tree block) {
    for (Tree tree : Scopes.ownCode(block)) {
      if (isLoop(tree)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree;
  }

  /** Whether the statements after {@code child} run straight to the end: no loop among them. */
  private static boolean onlyCleanupFollows(List<? extends StatementTree> statements, Tree child) {
    int index = statements.indexOf(child);
    if (index < 0) {
      return false;
    }
    for (StatementTree next : statements.subList(index + 1, statements.size())) {
      if (containsLoop(next)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inStopFlagLoop(TreePath tryPath, Tree code, VisitorState state) {
    for (TreePath p = tryPath; p != null && p.getLeaf() != code; p = p.getParentPath()) {
      if (Tasks.readsStopFlag(loopCondition(p.getLeaf()), state)) {
        return true;
      }
    }
    return false;
  }

  private static ExpressionTree loopCondition(Tree tree) {
    if (tree instanceof WhileLoopTree loop) {
      return loop.getCondition();
    }
    if (tree instanceof DoWhileLoopTree loop) {
      return loop.getCondition();
    }
    return tree instanceof ForLoopTree loop ? loop.getCondition() : null;
  }

  private SuggestedEdits restoreFix(CatchTree catchTree, Type caught, VisitorState state) {
    String restore =
        caught instanceof UnionClassType
            ? "if (" + catchTree.getParameter().getName() + " instanceof InterruptedException) {"
                + " Thread.currentThread().interrupt(); }"
            : "Thread.currentThread().interrupt();";
    BlockTree block = catchTree.getBlock();
    if (block.getStatements().isEmpty()) {
      String source = state.getSourceForNode(block);
      if (source == null || !source.startsWith("{")) {
        return SuggestedEdits.NONE;
      }
      return SuggestedEdits.builder().replace(block, "{ " + restore + source.substring(1), state).build();
    }
    StatementTree first = block.getStatements().get(0);
    return SuggestedEdits.builder()
        .insertBefore(first, restore + "\n" + SuggestedEdits.indentationOf(first, state))
        .build();
  }

  /**
   * What a catch block does with the interrupt. {@code handled}: it throws, hands the exception
   * on, records it in a flag, or ends the process; {@code leaves}: it returns or breaks out, which
   * ends a task.
   */
  private static final class Handling extends TreeScanner<Void, Void> {
    private final Symbol exception;
    private final VisitorState state;
    boolean handled;
    boolean leaves;

    Handling(Symbol exception, VisitorState state) {
      this.exception = exception;
      this.state = state;
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
      if (Tasks.isProcessExit(call, state) || THROWING_METHODS.contains(name)) {
        handled = true;
      } else if (ATOMIC_FLAG_WRITE.matches(call, state) && hasBooleanLiteral(call.getArguments())) {
        handled = true;
      } else if (!DESCRIBING_METHODS.contains(name) && passesException(call.getArguments())) {
        handled = true;
      } else if (restoresInHelper(method, name)) {
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
      TreePath helper = SourceTrees.pathOf(method, state);
      return SourceTrees.inCurrentUnit(helper, state)
          && Scopes.callsIn(((MethodTree) helper.getLeaf()).getBody()).stream()
              .anyMatch(call -> Tasks.isInterrupt(call, state));
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
      return arguments.stream().anyMatch(Handling::isBooleanLiteral);
    }

    private static boolean isBooleanLiteral(ExpressionTree expression) {
      return ASTHelpers.constValue(expression) instanceof Boolean;
    }
  }
}
