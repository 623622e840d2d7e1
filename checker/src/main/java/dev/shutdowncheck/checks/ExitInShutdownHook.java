package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.JoinedThreads;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownEntries;
import dev.shutdowncheck.analysis.ShutdownHooks;
import dev.shutdowncheck.analysis.ShutdownPaths;
import dev.shutdowncheck.model.MethodNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code System.exit} reached from a shutdown hook: the JVM is already exiting, so the call blocks
 * forever on the shutdown lock and the process hangs until it is killed. The same deadlock when the
 * exit runs on a thread that a hook joins with no time limit: the exit waits for the hook, the hook
 * for the exiting thread.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "System.exit() in a shutdown hook blocks forever: the JVM is already shutting down",
    severity = ERROR,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ExitInShutdownHook.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ExitInShutdownHook extends CallRule {

  /** Why an exit on a thread that a hook joins hangs, and what to do instead. */
  private static final String JOIN_DEADLOCK =
      ": System.exit() waits for the hooks to finish and the hook waits for this thread, so the"
          + " process hangs until it is killed; let the thread end by returning instead, or give"
          + " the hook's join a timeout";

  /** A source position before any code: every exit of a body counts. */
  private static final int NO_POSITION = -1;

  /** How many methods to follow from one hook; deeper call chains are left unexplored. */
  private static final int MAX_METHODS = 200;

  public ExitInShutdownHook() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ExitInShutdownHook(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(
        flags,
        analysis,
        MethodNames.of("addShutdownHook", "setUncaughtExceptionHandler"),
        (call, state) ->
            ShutdownHooks.isAddShutdownHook(call, state) || JoinedThreads.SET_HANDLER.matches(call, state));
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
    if (JoinedThreads.SET_HANDLER.matches(call, state)) {
      reportExitsInHandlerOfSelfJoiningThread(call, state);
      return NO_MATCH;
    }
    ShutdownEntries entries = lifecycle(state).shutdownEntries();
    ShutdownEntries.Hook hook = entries.hookRegisteredBy(call);
    if (hook == null) {
      return NO_MATCH;
    }
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    List<ShutdownEntries.ReachedBody> reached = entries.reachedAcrossFiles(hook, MAX_METHODS);
    reportExitsOnJoinedThreads(hook, reached, state);
    String elsewhere = null;
    for (ShutdownEntries.ReachedBody body : reached) {
      for (MethodInvocationTree exit : exitsIn(body, NO_POSITION, false, state)) {
        if (body.unit() != here) {
          elsewhere = elsewhere != null ? elsewhere : describe(body.body());
        } else if (!(body.body() instanceof MethodTree method
            && isSuppressedWithin(ASTHelpers.getSymbol(method), state))) {
          state.reportMatch(
              finding(
                  exit,
                  "This exit runs inside a shutdown hook: the JVM is already exiting, so"
                      + " System.exit() blocks forever and the process hangs until it is killed;"
                      + " return from the hook instead",
                  state));
        }
      }
    }
    if (elsewhere != null) {
      return finding(
          call,
          "This shutdown hook reaches System.exit() in " + elsewhere + ": the JVM is already"
              + " exiting, so that call blocks forever and the process hangs until it is killed",
          state);
    }
    return NO_MATCH;
  }

  /**
   * Exits on a thread that the hook joins with no time limit: {@code System.exit} there waits for
   * the hook, which waits for the exiting thread. Reported at each exit written in this file, and
   * at the join for an exit that the thread reaches in another file.
   */
  private void reportExitsOnJoinedThreads(
      ShutdownEntries.Hook hook, List<ShutdownEntries.ReachedBody> reached, VisitorState state) {
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    List<Tree> hookCode = new ArrayList<>();
    reached.stream().filter(body -> body.unit() == here).forEach(body -> hookCode.add(body.body()));
    ClassLifecycle lifecycle = lifecycle(state);
    Set<Tree> reported = new HashSet<>();
    for (JoinedThreads.Joined joined :
        JoinedThreads.in(hookCode, hook.registration(), lifecycle, state)) {
      String message =
          "This exit can run on the thread that the shutdown hook registered on line "
              + line(hook.registration().getLeaf(), state) + " waits for with "
              + joined.thread() + ".join() (line " + line(joined.join(), state) + ")" + JOIN_DEADLOCK;
      String elsewhere = reportExitsOn(joined.code(), message, reported, lifecycle, state);
      TreePath join = TreePath.getPath(here, joined.join());
      if (elsewhere != null && join != null) {
        String reachedIn = elsewhere;
        reportAt(
            join,
            state,
            at -> finding(joined.join(), "This shutdown hook waits for a thread that can reach"
                + " System.exit() in " + reachedIn + JOIN_DEADLOCK, at));
      }
    }
  }

  /**
   * Exits in an uncaught-exception handler set on a thread whose own class, compiled here, joins
   * that very thread with no time limit in a shutdown hook (Secor's consumers): the handler runs on
   * the dying thread, its exit waits for the hook, and the hook waits for the thread.
   */
  private void reportExitsInHandlerOfSelfJoiningThread(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    // setUncaughtExceptionHandler(..) with no receiver: the thread class sets its own.
    Type thread =
        receiver != null
            ? ASTHelpers.getType(receiver)
            : ASTHelpers.getType(ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class));
    MethodInvocationTree selfJoin =
        thread != null && thread.tsym instanceof ClassSymbol threadClass
            ? JoinedThreads.selfJoinInHookOf(threadClass, state)
            : null;
    if (selfJoin == null) {
      return;
    }
    String threadName = thread.tsym.getSimpleName().toString();
    String message =
        "This exit runs on the " + threadName + " thread whose uncaught-exception handler it is (set"
            + " on line " + line(call, state) + "), and " + threadName + "'s shutdown hook waits for"
            + " that thread with " + ASTHelpers.getReceiver(selfJoin) + ".join()" + JOIN_DEADLOCK;
    ClassLifecycle lifecycle = lifecycle(state);
    TreePath handler = new TreePath(state.getPath(), call.getArguments().get(0));
    reportExitsOn(
        JoinedThreads.handlerCode(handler, lifecycle, state), message, new HashSet<>(), lifecycle, state);
  }

  /**
   * Reports, with {@code message}, each exit that {@code code} makes on its thread in this file and
   * has not {@code reported} yet; returns where else such code reaches an exit (null if nowhere).
   */
  private String reportExitsOn(
      List<JoinedThreads.ThreadCode> code,
      String message,
      Set<Tree> reported,
      ClassLifecycle lifecycle,
      VisitorState state) {
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    String elsewhere = null;
    for (JoinedThreads.ThreadCode part : code) {
      ThreadExits exits = exitsOnThread(part, lifecycle.shutdownEntries(), state);
      for (MethodInvocationTree exit : exits.here()) {
        TreePath path = reported.add(exit) ? TreePath.getPath(here, exit) : null;
        if (path != null) {
          reportAt(path, state, at -> finding(exit, message, at));
        }
      }
      elsewhere = elsewhere != null ? elsewhere : exits.elsewhere();
    }
    return elsewhere;
  }

  /**
   * The exits that code on a joined thread makes: those written in this file, and where else one
   * is reached (null if nowhere).
   */
  private record ThreadExits(List<MethodInvocationTree> here, String elsewhere) {}

  /**
   * The exits that {@code code} makes on its own thread: the code itself and, where it runs from its
   * start, the methods it calls in place; not what it hands to other threads.
   */
  private ThreadExits exitsOnThread(
      JoinedThreads.ThreadCode code, ShutdownEntries entries, VisitorState state) {
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    if (code.from() >= 0) {
      // the rest of a method: what it calls before the hook is registered is left out
      ShutdownEntries.ReachedBody rest = new ShutdownEntries.ReachedBody(code.body(), here);
      return new ThreadExits(exitsIn(rest, code.from(), true, state), null);
    }
    List<MethodInvocationTree> exits = new ArrayList<>();
    String elsewhere = null;
    for (ShutdownEntries.ReachedBody body :
        entries.reachedAcrossFiles(List.of(code.body()), MAX_METHODS, true)) {
      List<MethodInvocationTree> found = exitsIn(body, NO_POSITION, true, state);
      if (body.unit() == here) {
        exits.addAll(found);
      } else if (elsewhere == null && !found.isEmpty()) {
        elsewhere = describe(body.body());
      }
    }
    return new ThreadExits(exits, elsewhere);
  }

  /** {@code System.exit(..)}, {@code Runtime.exit(..)}, or an exit helper of the model's tables. */
  private boolean isExit(MethodInvocationTree call, VisitorState state) {
    return model.isExit(ASTHelpers.getSymbol(call), state);
  }

  private static String describe(Tree body) {
    Symbol symbol = body instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
    return symbol == null ? "another file" : symbol.owner.getSimpleName() + "." + symbol.getSimpleName() + "()";
  }

  /**
   * The exit calls that {@code body} makes after source position {@code from} (not those of classes
   * declared in it); {@code onItsThreadOnly} also leaves out the lambdas it hands to other threads
   * ({@code list.forEach(x -> ..)} runs there, {@code executor.submit(() -> ..)} does not).
   */
  private List<MethodInvocationTree> exitsIn(
      ShutdownEntries.ReachedBody body, int from, boolean onItsThreadOnly, VisitorState state) {
    List<MethodInvocationTree> exits = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ASTHelpers.getStartPosition(call) > from && isExit(call, state)) {
          exits.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return !onItsThreadOnly || ShutdownPaths.runsInPlace(getCurrentPath(), state)
            ? super.visitLambdaExpression(lambda, null)
            : null;
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null; // declaring a class runs none of it
      }
    }.scan(underItsFile(body), null);
    return exits;
  }

  /**
   * A path to {@code body} straight under its file, not through its real place: enough to see
   * what encloses each lambda in it, without a walk of the file to find the real one.
   */
  private static TreePath underItsFile(ShutdownEntries.ReachedBody body) {
    return new TreePath(new TreePath(body.unit()), body.body());
  }
}
