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
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.JoinedThreads;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownEntries;
import dev.shutdowncheck.analysis.ShutdownHooks;
import dev.shutdowncheck.analysis.ShutdownPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
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

  /** How many methods to follow from one hook; deeper call chains are left unexplored. */
  private static final int MAX_METHODS = 200;

  public ExitInShutdownHook() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ExitInShutdownHook(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis, ShutdownHooks.ADD_SHUTDOWN_HOOK_NAME, ShutdownHooks::isAddShutdownHook);
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
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
      for (MethodInvocationTree exit : exitsIn(body.body(), state)) {
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
      String elsewhere = null;
      for (JoinedThreads.ThreadCode code : joined.code()) {
        ThreadExits exits = exitsOnThread(code, lifecycle.shutdownEntries(), state);
        for (TreePath exit : exits.here()) {
          if (reported.add(exit.getLeaf())) {
            reportAt(exit, state, at -> finding(exit.getLeaf(), message, at));
          }
        }
        elsewhere = elsewhere != null ? elsewhere : exits.elsewhere();
      }
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
   * The exits that code on a joined thread makes: those written in this file, and where else one
   * is reached (null if nowhere).
   */
  private record ThreadExits(List<TreePath> here, String elsewhere) {}

  /**
   * The exits that {@code code} makes on its own thread: the code itself and, where it runs from its
   * start, the methods it calls in place; not what it hands to other threads.
   */
  private ThreadExits exitsOnThread(
      JoinedThreads.ThreadCode code, ShutdownEntries entries, VisitorState state) {
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    if (code.from() >= 0) {
      // the rest of a method: what it calls before the hook is registered is left out
      TreePath path = TreePath.getPath(here, code.body());
      return new ThreadExits(path == null ? List.of() : exitsOnThreadIn(path, code.from(), state), null);
    }
    List<TreePath> exits = new ArrayList<>();
    String elsewhere = null;
    for (ShutdownEntries.ReachedBody body :
        entries.reachedAcrossFiles(List.of(code.body()), MAX_METHODS, true)) {
      TreePath path = TreePath.getPath(body.unit(), body.body());
      if (path == null) {
        continue;
      }
      List<TreePath> found = exitsOnThreadIn(path, -1, state);
      if (body.unit() == here) {
        exits.addAll(found);
      } else if (elsewhere == null && !found.isEmpty()) {
        elsewhere = describe(body.body());
      }
    }
    return new ThreadExits(exits, elsewhere);
  }

  /** The exits in {@code body} after source position {@code from} that run on the body's thread. */
  private List<TreePath> exitsOnThreadIn(TreePath body, int from, VisitorState state) {
    List<TreePath> exits = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ASTHelpers.getStartPosition(call) > from && isExit(call, state)) {
          exits.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        // list.forEach(x -> ..) runs here; executor.submit(() -> ..) on another thread
        return ShutdownPaths.runsInPlace(getCurrentPath(), state)
            ? super.visitLambdaExpression(lambda, null)
            : null;
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null; // declaring a class runs none of it
      }
    }.scan(body, null);
    return exits;
  }

  /** {@code System.exit(..)}, {@code Runtime.exit(..)}, or an exit helper of the model's tables. */
  private boolean isExit(MethodInvocationTree call, VisitorState state) {
    return model.isExit(ASTHelpers.getSymbol(call), state);
  }

  private static String describe(Tree body) {
    Symbol symbol = body instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
    return symbol == null ? "another file" : symbol.owner.getSimpleName() + "." + symbol.getSimpleName() + "()";
  }

  /** The exit calls that {@code body} itself makes (not those of classes declared in it). */
  private Set<MethodInvocationTree> exitsIn(Tree body, VisitorState state) {
    Set<MethodInvocationTree> exits = new LinkedHashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (isExit(call, state)) {
          exits.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null; // declaring a class runs none of it
      }
    }.scan(body, null);
    return exits;
  }
}
