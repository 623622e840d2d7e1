package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CatchTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TestCode;
import java.util.HashSet;
import java.util.Set;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;

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

  /** Checks after which a future is done, so that get() returns at once and is never interrupted. */
  private static final Matcher<ExpressionTree> IS_DONE =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("isDone"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletableFuture")
              .named("isCompletedExceptionally"));

  private static final Matcher<ExpressionTree> FUTURE_GET =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("get");

  /** For a dropped {@code Thread.interrupted()} in the catch, reported on that statement. */
  private static final String CLEARED_MESSAGE =
      "Thread.interrupted() does not restore the interrupt: it reads and clears the thread's"
          + " interrupt status, which the InterruptedException already cleared, so the request to"
          + " stop (shutdownNow(), cancel(true)) is lost here; call Thread.currentThread().interrupt()";

  /** How deep to read the class's own methods to see whether they can throw the interrupt. */
  private static final int MAX_CALLEE_DEPTH = 2;

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
    TreePath tryPath = state.getPath().getParentPath();
    if (!(tryPath.getLeaf() instanceof TryTree tryTree)) {
      return NO_MATCH;
    }
    CaughtInterrupt caught = CaughtInterrupt.of(catchTree, tryPath, state);
    TreePath code = Tasks.enclosingCode(state.getPath());
    if (caught == null
        || code == null
        || TestCode.isInTestClass(state.getPath(), state)
        || isMainMethod(code.getLeaf())
        || Tasks.inThreadOwner(state.getPath(), state)
        || interruptsAnywhere(code.getLeaf(), state)
        || onlyWaitsOnDoneFutures(tryTree, code.getLeaf(), state)
        || !InterruptEscapes.canEscape(tryTree.getBlock(), state, MAX_CALLEE_DEPTH)) {
      return NO_MATCH;
    }
    CatchHandling handling = CatchHandling.of(state.getPath(), model, state);
    // Thread.interrupted(), written for the restore, clears the status: handing the exception to
    // a listener as well does not make up for that.
    ExpressionStatementTree clearing = clearingStatement(catchTree, state);
    boolean handled = handling.handled() && !(clearing != null && handling.onlyHandedOn());
    if (handled || reportsThroughItsResult(catchTree, code, state)) {
      return NO_MATCH;
    }
    boolean catchEndsCode = handling.leaves() || ThreadEnding.onlyCleanupFollows(tryPath, code.getLeaf());
    if (catchEndsCode && ThreadEnding.endsWithCode(code, lifecycle(state), state)) {
      return NO_MATCH; // the interrupt ended the thread's work, which is what it asked for
    }
    if (handling.thrownInstead() != null) {
      return finding(
          catchTree,
          thrownInsteadMessage(handling.thrownInstead(), caught),
          restoreFix(catchTree, caught, state),
          state);
    }
    LoopsAround loops = LoopsAround.of(tryPath, state);
    if (!loops.stopFlags().isEmpty()) {
      UnsettableStopFlag unsettable =
          UnsettableStopFlag.of(loops.stopFlags(), code.getLeaf(), lifecycle(state), state);
      return unsettable == null
          ? NO_MATCH // the interrupt only wakes the loop; the flag stops it
          : finding(catchTree, unsettableFlagMessage(unsettable, state), state);
    }
    if (handling.callersChoice() != null) {
      return finding(catchTree, droppedUnlessAskedMessage(handling.callersChoice()), state);
    }
    // A loop that stops on the interrupt status ends once the interrupt is restored.
    boolean retried = !handling.leaves() && loops.any() && !loops.onInterruptStatus();
    if (clearing != null && !retried) {
      return finding(
          clearing,
          CLEARED_MESSAGE,
          SuggestedEdits.builder().replace(clearing, "Thread.currentThread().interrupt();", state).build(),
          state);
    }
    return finding(catchTree, message(caught, retried), retried ? SuggestedEdits.NONE : restoreFix(catchTree, caught, state), state);
  }

  /**
   * A statement of the catch that calls {@code Thread.interrupted()} and drops its result: written
   * for {@code Thread.currentThread().interrupt()}, it does the opposite.
   */
  private static ExpressionStatementTree clearingStatement(CatchTree catchTree, VisitorState state) {
    for (StatementTree statement : catchTree.getBlock().getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && Tasks.isInterruptCheck(call, state)
          && isStatic(ASTHelpers.getSymbol(call))) { // Thread.interrupted(), not t.isInterrupted()
        return expression;
      }
    }
    return null;
  }

  private static boolean isStatic(Symbol method) {
    return method != null && method.isStatic();
  }

  private static String message(CaughtInterrupt caught, boolean retried) {
    if (caught.declaredAsSupertype()) {
      return "This catch also takes an InterruptedException from its try block (a call there declares"
          + " a supertype of it), and the loop around it checks the thread's interrupt status to"
          + " stop, which that exception cleared and this catch does not restore: the interrupt of"
          + " shutdownNow() or cancel(true) never ends the loop; restore it here";
    }
    String what =
        caught.broad()
            ? "This catch also takes the InterruptedException that its try block can throw, and"
                + " the thread's interrupt status, cleared when it was thrown, is not restored"
            : "InterruptedException is caught and the thread's interrupt status, cleared when it"
                + " was thrown, is not restored";
    String why =
        ": the code that asked this thread to stop (shutdownNow(), cancel(true), a stop method"
            + " that interrupts it; where nothing here interrupts it, the container or executor"
            + " that runs it may) is ignored; ";
    String fix =
        retried
            ? "the loop around it tries again, so restoring the flag alone would make the next wait"
                + " throw at once and spin: restore it and leave the loop, or rethrow"
            : "call Thread.currentThread().interrupt(), rethrow, or stop";
    return what + why + fix;
  }

  private static String thrownInsteadMessage(ThrowTree thrown, CaughtInterrupt caught) {
    Type type = ASTHelpers.getType(thrown.getExpression());
    String name = type == null ? "another exception" : type.tsym.getSimpleName().toString();
    return (caught.broad() ? "This catch also takes the InterruptedException that its try block can throw, and"
            : "InterruptedException is caught, and")
        + " the catch throws " + name + " in its place without restoring the thread's interrupt"
        + " status, which was cleared when it was thrown: a caller that catches " + name + " and"
        + " goes on (a retry loop, a worker that logs and takes the next task) never learns that"
        + " this thread was asked to stop (shutdownNow(), cancel(true)); call"
        + " Thread.currentThread().interrupt() before throwing, or let InterruptedException"
        + " propagate";
  }

  private static String unsettableFlagMessage(UnsettableStopFlag found, VisitorState state) {
    String flag = found.flag().getSimpleName().toString();
    return "InterruptedException is caught and the interrupt is dropped, in a loop whose stop flag,"
        + " `" + flag + "`, nothing can set: each " + found.task().getSimpleName() + " made here goes"
        + " straight to an executor or a thread (line " + line(found.creation().getLeaf(), state)
        + ") and nothing keeps a reference to it, so an interrupt (shutdownNow(), cancel(true)) is"
        + " the only way to stop it, and this catch ignores it: the loop runs until the process is"
        + " killed; leave the loop here (return, or clear `" + flag + "`) and restore the interrupt";
  }

  private static String droppedUnlessAskedMessage(Symbol flag) {
    return "InterruptedException is passed on only when `"
        + flag.getSimpleName()
        + "` says so; otherwise this catch drops it, and the thread's interrupt status, cleared"
        + " when it was thrown, is lost: a caller that asked not to be interrupted still needs the"
        + " status kept for the code after it (Condition.awaitUninterruptibly() keeps it);"
        + " remember the interrupt and call Thread.currentThread().interrupt() before returning";
  }

  /** Nobody interrupts the main thread to stop a program; its catches are not our subject. */
  private static boolean isMainMethod(Tree code) {
    if (!(code instanceof MethodTree method)) {
      return false;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    return symbol != null && symbol.isStatic() && symbol.getSimpleName().contentEquals("main");
  }

  /**
   * Whether the method or lambda interrupts a thread anywhere: in the catch, in a {@code finally},
   * or later, as in the "remember, then restore at the end" idiom of uninterruptible helpers.
   */
  private static boolean interruptsAnywhere(Tree code, VisitorState state) {
    return Scopes.callsIn(code).stream().anyMatch(call -> Tasks.isInterrupt(call, state));
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
      if (!(tree instanceof MethodInvocationTree call) || !InterruptEscapes.mayThrowInterrupt(ASTHelpers.getSymbol(call), state)) {
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

  /**
   * Whether the catch reports the interrupt through the method's result: it returns a {@code
   * boolean} or enum constant ({@code return false;}, {@code return Status.INTERRUPTED;}) that every
   * caller in the class acts on.
   */
  private boolean reportsThroughItsResult(CatchTree catchTree, TreePath code, VisitorState state) {
    if (!(code.getLeaf() instanceof MethodTree method) || ASTHelpers.getSymbol(method) == null) {
      return false;
    }
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    Type returned = state.getTypes().unboxedTypeOrType(symbol.getReturnType());
    boolean statusType =
        returned.getKind() == TypeKind.BOOLEAN
            || (returned.tsym != null && returned.tsym.getKind() == ElementKind.ENUM);
    boolean returnsStatus =
        Scopes.ownCode(catchTree.getBlock()).stream()
            .anyMatch(t -> t instanceof ReturnTree r && r.getExpression() != null && isConstant(r.getExpression()));
    if (!statusType || !returnsStatus) {
      return false;
    }
    for (TreePath site : lifecycle(state).callSitesOf(symbol)) {
      if (site.getParentPath().getLeaf() instanceof ExpressionStatementTree) {
        return false; // this caller drops the result, and with it the interrupt
      }
    }
    return true;
  }

  private static boolean isConstant(ExpressionTree expression) {
    Symbol symbol = ASTHelpers.getSymbol(expression);
    return ASTHelpers.constValue(expression) instanceof Boolean
        || (symbol instanceof VarSymbol && symbol.getKind() == ElementKind.ENUM_CONSTANT);
  }

  private SuggestedEdits restoreFix(CatchTree catchTree, CaughtInterrupt caught, VisitorState state) {
    String restore =
        caught.union() || caught.broad()
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
}
