package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.TaskResults;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.LocalEscapes;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.TestCode;
import dev.shutdowncheck.model.TypeMember;
import java.util.List;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * Async work started where the class's shutdown can neither wait for it nor cancel it: on the
 * common pool (whose daemon threads the JVM kills at exit) with the future dropped, or on a thread
 * made and started in one go and kept nowhere.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Async work that no shutdown can wait for or cancel",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/UntrackedTask.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class UntrackedTask extends CallRule {

  private static final String EXECUTOR = "java.util.concurrent.Executor";

  /** {@code CompletableFuture.runAsync(task)} and {@code supplyAsync(supplier)}. */
  private static final Matcher<ExpressionTree> STATIC_ASYNC =
      staticMethod().onClass("java.util.concurrent.CompletableFuture").namedAnyOf("runAsync", "supplyAsync");

  /** The {@code ...Async} stages of a {@code CompletionStage}. */
  private static final Matcher<ExpressionTree> ASYNC_STAGE =
      instanceMethod().onDescendantOf("java.util.concurrent.CompletionStage");

  private static final Matcher<ExpressionTree> COMMON_POOL =
      staticMethod().onClass("java.util.concurrent.ForkJoinPool").named("commonPool");

  private static final Matcher<ExpressionTree> POOL_SUBMIT =
      instanceMethod().onDescendantOf("java.util.concurrent.Executor").namedAnyOf("execute", "submit");

  private static final Matcher<ExpressionTree> THREAD_START =
      instanceMethod().onDescendantOf("java.lang.Thread").named("start");

  /** Most calls are none of these: their names are compared first. */
  private static final MethodNames NAMES =
      MethodNames.of(
          "runAsync", "supplyAsync", "thenApplyAsync", "thenAcceptAsync", "thenRunAsync",
          "thenComposeAsync", "thenCombineAsync", "thenAcceptBothAsync", "runAfterBothAsync",
          "applyToEitherAsync", "acceptEitherAsync", "runAfterEitherAsync", "handleAsync",
          "whenCompleteAsync", "exceptionallyAsync", "exceptionallyComposeAsync", "execute",
          "submit", "start");

  private static final Matcher<ExpressionTree> JUDGED =
      Matchers.anyOf(STATIC_ASYNC, ASYNC_STAGE, POOL_SUBMIT, THREAD_START);

  public UntrackedTask() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public UntrackedTask(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis, NAMES, JUDGED);
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
    Where where = where(call, state);
    if (where == null || TestCode.isInTestClass(state.getPath(), state) || !hasShutdown(state)) {
      return NO_MATCH;
    }
    if (where != Where.THROWAWAY_THREAD && TaskResults.isTracked(state.getPath(), state)) {
      return NO_MATCH; // returned, kept, joined, or handed to what tracks it
    }
    return finding(call, message(where), fix(call, where, state), state);
  }

  private enum Where {
    COMMON_POOL,
    THROWAWAY_THREAD
  }

  private static Where where(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return null;
    }
    boolean async = method.getSimpleName().toString().endsWith("Async");
    if (async && (STATIC_ASYNC.matches(call, state) || ASYNC_STAGE.matches(call, state))) {
      return takesExecutor(method, state) ? null : Where.COMMON_POOL;
    }
    if (POOL_SUBMIT.matches(call, state)
        && ASTHelpers.getReceiver(call) instanceof MethodInvocationTree receiver
        && COMMON_POOL.matches(receiver, state)) {
      return Where.COMMON_POOL;
    }
    if (THREAD_START.matches(call, state)
        && ASTHelpers.stripParentheses(ASTHelpers.getReceiver(call)) instanceof NewClassTree thread
        && !runsKeptWork(thread, state)) {
      return Where.THROWAWAY_THREAD; // new Thread(task).start(): the thread is kept nowhere
    }
    return null;
  }

  /**
   * Whether the thread runs work the class keeps and can stop through it: {@code new Thread(this)}
   * (the class's own {@code run()}), a field ({@code new Thread(readerRunnable)}), or a local
   * stored elsewhere (logback's socket node, kept in a list that the server closes).
   */
  private static boolean runsKeptWork(NewClassTree thread, VisitorState state) {
    for (ExpressionTree argument : thread.getArguments()) {
      ExpressionTree task = ASTHelpers.stripParentheses(argument);
      if (!TypeMember.isSubtypeOfNamed(ASTHelpers.getType(task), "java.lang.Runnable", state)) {
        continue;
      }
      if (Receivers.isThis(task)) {
        return true;
      }
      Symbol symbol = ASTHelpers.getSymbol(task);
      if (symbol instanceof VarSymbol variable && variable.getKind() == ElementKind.FIELD) {
        return true;
      }
      if (symbol instanceof VarSymbol local && local.getKind() == ElementKind.LOCAL_VARIABLE) {
        TreePath body = Scopes.enclosingBodyPath(state.getPath());
        return body != null
            && LocalEscapes.scan(body, local).escapes().stream()
                .anyMatch(escape -> escape.getParentPath().getLeaf() != thread);
      }
    }
    return false;
  }

  private static boolean takesExecutor(MethodSymbol method, VisitorState state) {
    return method.getParameters().stream().anyMatch(p -> TypeMember.isSubtypeOfNamed(p.type, EXECUTOR, state));
  }

  /** Whether the class the call is in has a shutdown path, its own or inherited, in which to wait. */
  private boolean hasShutdown(VisitorState state) {
    ClassTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    for (ClassSymbol type = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
        type != null;
        type = type.isAnonymous() || type.owner instanceof MethodSymbol ? ASTHelpers.enclosingClass(type) : null) {
      ClassLifecycle lifecycle = lifecycle(state);
      if (!lifecycle.shutdownPathsOf(type).isEmpty() || lifecycle.inheritsShutdown(type)) {
        return true;
      }
    }
    return false;
  }

  private static String message(Where where) {
    String what =
        where == Where.THROWAWAY_THREAD
            ? "This thread is started and kept nowhere"
            : "This task runs on the common pool (no executor is given) and its future is dropped";
    return what + ": the class's shutdown can neither wait for it nor cancel it, so it is cut off"
        + " mid-work when the JVM exits (the common pool's threads are daemons), or runs on against"
        + " what the shutdown released; run it on an executor this class stops and waits for, or"
        + " keep its future and wait for it on shutdown";
  }

  /**
   * Where the class owns exactly one executor that its shutdown stops: pass that executor. For a
   * thread made and started in one go there is no one-line fix.
   */
  private SuggestedEdits fix(MethodInvocationTree call, Where where, VisitorState state) {
    if (where != Where.COMMON_POOL) {
      return SuggestedEdits.NONE;
    }
    List<ClassLifecycle.OwnedField> stopped =
        lifecycle(state).ownedFields().stream()
            .filter(f -> f.kind() == LifecycleKind.EXECUTOR && !f.releases().isEmpty())
            .toList();
    if (stopped.size() != 1 || !canRead(stopped.get(0).field(), state)) {
      return SuggestedEdits.NONE;
    }
    String executor = stopped.get(0).field().getSimpleName().toString();
    if (ASTHelpers.getReceiver(call) instanceof MethodInvocationTree commonPool
        && COMMON_POOL.matches(commonPool, state)) {
      return SuggestedEdits.builder().replace(commonPool, executor, state).build();
    }
    if (call.getArguments().isEmpty()) {
      return SuggestedEdits.NONE;
    }
    ExpressionTree last = call.getArguments().get(call.getArguments().size() - 1);
    return SuggestedEdits.builder().insertAfter(last, ", " + executor, state).build();
  }

  /** Whether the code of the call can name the field: an instance field only from instance code. */
  private static boolean canRead(VarSymbol field, VisitorState state) {
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    MethodSymbol symbol = method == null ? null : ASTHelpers.getSymbol(method);
    return field.isStatic() || (symbol != null && !symbol.isStatic());
  }
}
