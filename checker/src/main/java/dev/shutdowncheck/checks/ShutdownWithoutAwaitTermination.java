package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownEntries;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.inject.Inject;

/**
 * {@code shutdown()} that nobody waits for, and a first {@code awaitTermination(..)} whose {@code
 * false} ("the tasks are still running") is ignored: the component goes on closing what those
 * tasks still use.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Executor shutdown() is not followed by a bounded wait and a shutdownNow() fallback",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ShutdownWithoutAwaitTermination.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ShutdownWithoutAwaitTermination extends ShutdownRule implements ClassTreeMatcher {

  private static final String EXECUTOR = "java.util.concurrent.ExecutorService";

  private static final Matcher<ExpressionTree> SHUTDOWN =
      instanceMethod().onDescendantOf(EXECUTOR).named("shutdown").withNoParameters();

  private static final Matcher<ExpressionTree> SHUTDOWN_NOW =
      instanceMethod().onDescendantOf(EXECUTOR).named("shutdownNow");

  private static final Matcher<ExpressionTree> AWAIT_TERMINATION =
      instanceMethod().onDescendantOf(EXECUTOR).named("awaitTermination");

  /** Other ways to wait for an executor: close() (JDK 19+) and polling isTerminated(). */
  private static final Matcher<ExpressionTree> OTHER_WAIT =
      instanceMethod().onDescendantOf(EXECUTOR).namedAnyOf("close", "isTerminated");

  /** Waits for the tasks themselves, which leave a local executor nothing to finish. */
  private static final Matcher<ExpressionTree> TASK_WAIT =
      Matchers.anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("get"),
          instanceMethod().onDescendantOf("java.util.concurrent.CompletableFuture").named("join"),
          instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("await"),
          instanceMethod().onDescendantOf("java.util.concurrent.CyclicBarrier").named("await"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.Phaser")
              .namedAnyOf("arriveAndAwaitAdvance", "awaitAdvance", "awaitAdvanceInterruptibly"));

  /** invokeAll/invokeAny return only when the tasks they ran are done. */
  private static final Matcher<ExpressionTree> INVOKE_ALL =
      instanceMethod().onDescendantOf(EXECUTOR).namedAnyOf("invokeAll", "invokeAny");

  private static final MethodNames SHUTDOWN_NAME = MethodNames.of("shutdown");

  private static final MethodNames INTERESTING_NAMES =
      MethodNames.of(
          "shutdown", "shutdownNow", "awaitTermination", "close", "isTerminated", "invokeAll",
          "invokeAny", "get", "join", "await", "arriveAndAwaitAdvance", "awaitAdvance",
          "awaitAdvanceInterruptibly");

  private enum Kind {
    SHUTDOWN, SHUTDOWN_NOW, AWAIT, OTHER_WAIT, PASSED, RETURNED, TASK_WAIT, INVOKE_ALL
  }

  /** Something done to an executor, inside one method (or initializer). */
  private record Event(Kind kind, Symbol subject, TreePath path, Tree body) {
    int position() {
      return ASTHelpers.getStartPosition(path.getLeaf());
    }
  }

  public ShutdownWithoutAwaitTermination() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ShutdownWithoutAwaitTermination(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  public Description matchClass(ClassTree classTree, VisitorState state) {
    return guarded(state, () -> checkClass(classTree, state));
  }

  private Description checkClass(ClassTree classTree, VisitorState state) {
    if (!isTopLevelClass(state)) {
      return NO_MATCH; // one pass over each top-level class covers its nested classes
    }
    ClassLifecycle lifecycle = lifecycle(state);
    if (!lifecycle.callsMethodNamed("shutdown") && !lifecycle.referencesMethodNamed("shutdown")) {
      return NO_MATCH; // most classes: one cheap look instead of the full collection
    }
    List<Event> events = collectEvents(lifecycle, state);
    if (events.stream().noneMatch(e -> e.kind() == Kind.SHUTDOWN)) {
      return NO_MATCH;
    }
    Set<Symbol> waitedAnywhere = new HashSet<>();
    for (Event event : events) {
      if (isWait(event.kind())) {
        waitedAnywhere.add(event.subject());
      }
    }
    for (Event event : events) {
      if (event.kind() == Kind.SHUTDOWN) {
        checkShutdown(event, events, waitedAnywhere, state);
      } else if (event.kind() == Kind.AWAIT) {
        checkIgnoredAwait(event, events, state);
      }
    }
    return NO_MATCH;
  }

  /**
   * What the class does to executors, in order: read from the class's shared list of nodes
   * (calls, {@code new}, returns, enhanced for loops), not from a walk of its own.
   */
  private List<Event> collectEvents(ClassLifecycle lifecycle, VisitorState state) {
    EventReader reader = new EventReader(model, state);
    for (TreePath node : lifecycle.nodes().all()) {
      reader.read(node);
    }
    return reader.events;
  }

  private static final class EventReader {
    private final LifecycleModel model;
    private final VisitorState state;
    private final List<Event> events = new ArrayList<>();
    /** for (ExecutorService worker : workers): what is done to 'worker' is done to 'workers'. */
    private final Map<Symbol, Symbol> loopVariables = new HashMap<>();
    private TreePath current;

    EventReader(LifecycleModel model, VisitorState state) {
      this.model = model;
      this.state = state;
    }

    void read(TreePath node) {
      current = node;
      Tree leaf = node.getLeaf();
      if (leaf instanceof EnhancedForLoopTree loop) {
        Symbol collection = Receivers.symbolOf(loop.getExpression());
        Symbol element = ASTHelpers.getSymbol(loop.getVariable());
        if (collection != null && element != null) {
          loopVariables.put(element, collection);
        }
      } else if (leaf instanceof MethodInvocationTree call) {
        Kind kind = kindOf(call, state);
        if (kind == Kind.TASK_WAIT) {
          add(kind, ASTHelpers.getSymbol(call)); // about the tasks, not about any one executor
        } else if (kind != null) {
          add(kind, Receivers.receiverOf(call));
        } else {
          addPassedArguments(call.getArguments(), ASTHelpers.getSymbol(call));
        }
      } else if (leaf instanceof MemberReferenceTree reference
          && SHUTDOWN_NAME.named(reference, state) // most references: skip the matcher
          && reference.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
          && SHUTDOWN.matches(reference, state)) {
        // pool::shutdown stops that executor wherever it is run (Strata's
        // Unchecked.wrap(executorService::shutdown)); ExecutorService::shutdown names none
        add(Kind.SHUTDOWN, Receivers.symbolOf(reference.getQualifierExpression()));
      } else if (leaf instanceof ReturnTree returned) {
        Symbol subject = returned.getExpression() == null ? null : Receivers.symbolOf(returned.getExpression());
        if (subject != null) {
          add(Kind.RETURNED, subject); // exposed: its new holder may wait for it
        }
      } else if (leaf instanceof NewClassTree newClass) {
        addPassedArguments(newClass.getArguments(), ASTHelpers.getSymbol(newClass));
      }
    }

    /**
     * Variables passed to {@code callee}, which may wait for them (a helper that stops and awaits
     * its argument); not to one that only uses them ({@code CompletableFuture.supplyAsync(task,
     * executor)}), known from the library tables.
     */
    private void addPassedArguments(List<? extends ExpressionTree> arguments, Symbol callee) {
      Boolean borrows = null; // looked up only when a variable is passed: most calls pass none
      for (ExpressionTree argument : arguments) {
        Symbol passed = Receivers.symbolOf(argument);
        if (passed == null) {
          continue;
        }
        if (borrows == null) {
          borrows = callee != null && model.borrows(callee, state);
        }
        if (!borrows) {
          add(Kind.PASSED, passed);
        }
      }
    }

    private void add(Kind kind, Symbol subject) {
      Tree body = Scopes.enclosingBody(current);
      if (subject != null && body != null) {
        Symbol target = loopVariables.getOrDefault(subject, subject);
        events.add(new Event(kind, target, current, body));
      }
    }
  }

  private static Kind kindOf(MethodInvocationTree call, VisitorState state) {
    if (!INTERESTING_NAMES.named(call, state)) {
      return null; // most calls: skip the matchers
    }
    if (SHUTDOWN.matches(call, state)) {
      return Kind.SHUTDOWN;
    }
    if (SHUTDOWN_NOW.matches(call, state)) {
      return Kind.SHUTDOWN_NOW;
    }
    if (AWAIT_TERMINATION.matches(call, state)) {
      return Kind.AWAIT;
    }
    if (OTHER_WAIT.matches(call, state)) {
      return Kind.OTHER_WAIT;
    }
    if (INVOKE_ALL.matches(call, state)) {
      return Kind.INVOKE_ALL;
    }
    if (TASK_WAIT.matches(call, state)) {
      return Kind.TASK_WAIT;
    }
    return null;
  }

  private static boolean isWait(Kind kind) {
    return kind == Kind.AWAIT || kind == Kind.OTHER_WAIT || kind == Kind.PASSED || kind == Kind.RETURNED;
  }

  private void checkShutdown(
      Event shutdown,
      List<Event> events,
      Set<Symbol> waitedAnywhere,
      VisitorState state) {
    Symbol executor = shutdown.subject();
    if (executor.getKind() == ElementKind.PARAMETER) {
      return; // a helper's caller may do the waiting
    }
    if (isRunByTheSameExecutor(shutdown.path(), executor) || isTaskEnding(shutdown.path(), state)) {
      return; // a task that shuts down its own executor cannot wait for itself
    }
    Symbol method = methodOf(shutdown.path());
    if ((method != null && model.runsAfterWorkStopped(method, state))
        || model.inCompletionCallback(shutdown.path(), state)) {
      return; // e.g. Guava's Service.Listener.terminated(): the work is over, the threads idle
    }
    boolean isLocal =
        executor.getKind() == ElementKind.LOCAL_VARIABLE
            || executor.getKind() == ElementKind.RESOURCE_VARIABLE;
    if (!isLocal && waitedAnywhere.contains(executor)) {
      return; // a field or getter that the class waits for somewhere, or hands to a helper
    }
    for (Event other : events) {
      if (other.body() != shutdown.body()) {
        continue;
      }
      boolean later = other.position() > shutdown.position();
      if (later && isWait(other.kind()) && other.subject().equals(executor)) {
        return;
      }
      // A method that waits for the results of its own executor's tasks leaves it nothing to run.
      if (isLocal
          && ((later && other.kind() == Kind.TASK_WAIT)
              || (other.kind() == Kind.INVOKE_ALL && other.subject().equals(executor)))) {
        return;
      }
    }
    if (isSuppressedAt(shutdown.path(), state)) {
      return;
    }
    state.reportMatch(
        finding(
            shutdown.path().getLeaf(),
            "shutdown() only starts an orderly stop and returns at once: nothing waits for the"
                + " tasks still running, so they are cut off or run on against closed resources;"
                + " follow it with awaitTermination(timeout, unit), and shutdownNow() if that"
                + " returns false",
            state));
  }

  /**
   * Whether the shutdown() call is in the {@code finally} of a task's {@code call()} or {@code
   * run()}: the task lets the executor that runs it go as it ends (commons-lang3's
   * BackgroundInitializer), and cannot wait for itself.
   */
  private static boolean isTaskEnding(TreePath shutdown, VisitorState state) {
    Tree child = shutdown.getLeaf();
    for (TreePath p = shutdown.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof TryTree tryTree && tryTree.getFinallyBlock() == child) {
        MethodTree method = ASTHelpers.findEnclosingNode(p, MethodTree.class);
        MethodSymbol symbol = method == null ? null : ASTHelpers.getSymbol(method);
        return symbol != null
            && symbol.getParameters().isEmpty()
            && ((symbol.getSimpleName().contentEquals("call")
                    && TypeMember.isSubtypeOfNamed(symbol.owner.type, "java.util.concurrent.Callable", state))
                || (symbol.getSimpleName().contentEquals("run")
                    && TypeMember.isSubtypeOfNamed(symbol.owner.type, "java.lang.Runnable", state)
                    && !TypeMember.isSubtypeOfNamed(symbol.owner.type, "java.lang.Thread", state)));
      }
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
      child = leaf;
    }
    return false;
  }

  /**
   * Whether the shutdown() call is inside a task handed to the executor it stops, such as {@code
   * destroyer.schedule(() -> { ..; destroyer.shutdown(); }, ..)}.
   */
  private static boolean isRunByTheSameExecutor(TreePath shutdown, Symbol executor) {
    Tree child = shutdown.getLeaf();
    for (TreePath p = shutdown.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodInvocationTree call
          && call.getArguments().contains(child)
          && executor.equals(Receivers.receiverOf(call))) {
        return true;
      }
      child = p.getLeaf();
    }
    return false;
  }

  /** A first wait after shutdown() whose result is dropped, with no shutdownNow() after it. */
  private void checkIgnoredAwait(Event await, List<Event> events, VisitorState state) {
    if (!(await.path().getParentPath().getLeaf() instanceof ExpressionStatementTree statement)
        || inShutdownHook(await.path(), state)) {
      return; // in a shutdown hook the JVM halts when the wait ends: shutdownNow() adds nothing
    }
    Event lastBefore = null;
    for (Event other : events) {
      if (other.body() != await.body() || !other.subject().equals(await.subject())) {
        continue;
      }
      if (other.position() < await.position()
          && (other.kind() == Kind.SHUTDOWN
              || other.kind() == Kind.SHUTDOWN_NOW
              || other.kind() == Kind.AWAIT)) {
        lastBefore = other;
      }
      if (other.position() > await.position()
          && other.kind() == Kind.SHUTDOWN_NOW
          && ASTHelpers.findEnclosingNode(other.path(), CatchTree.class) == null) {
        return; // the fallback follows (one only in a catch runs on interrupt, not on timeout)
      }
    }
    if (lastBefore == null
        || lastBefore.kind() != Kind.SHUTDOWN
        || isSuppressedAt(await.path(), state)) {
      return;
    }
    MethodInvocationTree call = (MethodInvocationTree) await.path().getLeaf();
    String executor = state.getSourceForNode(ASTHelpers.getReceiver(call));
    String wait = state.getSourceForNode(call);
    SuggestedEdits fix =
        executor == null || wait == null
            ? SuggestedEdits.NONE
            : SuggestedEdits.builder()
                .replace(statement, fallback(wait, executor, SuggestedEdits.indentationOf(statement, state)), state)
                .build();
    state.reportMatch(
        finding(
            call,
            "awaitTermination(..) returns false when the tasks did not finish in time, and that"
                + " result is ignored here: the executor keeps running; when it returns false, call"
                + " shutdownNow()",
            fix,
            state));
  }

  private static String fallback(String wait, String executor, String indent) {
    return "if (!" + wait + ") {\n" + indent + "  " + executor + ".shutdownNow();\n" + indent + "}";
  }

  private boolean inShutdownHook(TreePath path, VisitorState state) {
    for (ShutdownEntries.Hook hook : lifecycle(state).shutdownEntries().hooks()) {
      for (TreePath p = path; p != null; p = p.getParentPath()) {
        if (hook.bodies().contains(p.getLeaf())) {
          return true;
        }
      }
    }
    return false;
  }

  private static Symbol methodOf(TreePath path) {
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    return method == null ? null : ASTHelpers.getSymbol(method);
  }
}
