package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.Guards;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownPaths;
import dev.shutdowncheck.analysis.ShutdownStep;
import dev.shutdowncheck.model.BlockingWaits;
import dev.shutdowncheck.model.BlockingWaits.Capacity;
import dev.shutdowncheck.model.LocalEscapes;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TestCode;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * A wait with no deadline ({@code Future.get()}, {@code Thread.join()}, {@code latch.await()},
 * {@code awaitTermination(Long.MAX_VALUE, ..)}, ...) on a shutdown path: if what it waits for never
 * happens, the shutdown hangs until the platform kills the process.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A wait with no deadline on a shutdown path: if it never returns, shutdown hangs until the process is killed",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/UnboundedWait.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class UnboundedWait extends ShutdownRule implements ClassTreeMatcher {

  /** {@code -XepOpt:UnboundedWait:Scope=shutdown|all}: shutdown paths only (default), or all code. */
  public static final String SCOPE_FLAG = "UnboundedWait:Scope";

  /** Names of asynchronous stops ({@code closeAsync}, {@code shutdownAsync}) of a class itself. */
  private static final ImmutableList<String> ASYNC_STOP_PREFIXES =
      ImmutableList.of("close", "shutdown", "stop", "terminate", "dispose", "destroy");

  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  private static final String JDK_CONCURRENT = "java.util.concurrent";

  /** Calls on a future after which waiting on it returns at once or within a deadline. */
  private static final ImmutableSet<String> FUTURE_SETTLERS =
      ImmutableSet.of("orTimeout", "completeOnTimeout", "isDone", "isCancelled", "cancel");

  /** How to bound each kind of wait, by method name. */
  private static final ImmutableMap<String, String> BOUNDED_ALTERNATIVES =
      ImmutableMap.<String, String>builder()
          .put("get", "use get(timeout, unit) and handle the TimeoutException")
          .put("join", "bound it: orTimeout(timeout, unit) before join(), or Thread.join(millis)")
          .put("await", "use await(timeout, unit) and act on its result")
          .put("acquire", "use tryAcquire(timeout, unit)")
          .put("take", "use poll(timeout, unit)")
          .put("put", "use offer(element, timeout, unit)")
          .put("wait", "use wait(millis) in a loop that checks a deadline")
          .put("invokeAll", "use invokeAll(tasks, timeout, unit)")
          .put("invokeAny", "use invokeAny(tasks, timeout, unit)")
          .put("awaitTermination", "wait a time that fits the platform's grace period, then shutdownNow()")
          .put("close", "call shutdown(), awaitTermination(timeout, unit), then shutdownNow()")
          .buildOrThrow();

  /** Calls that turn a future into another view of the same future. */
  private static final ImmutableSet<String> CONVERSIONS =
      ImmutableSet.of("toCompletableFuture", "toCompletionStage");

  private final boolean allCode;

  public UnboundedWait() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public UnboundedWait(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
    String scope = flags.get(SCOPE_FLAG).orElse("shutdown").strip().toLowerCase(Locale.ROOT);
    this.allCode = scope.equals("all");
    if (!allCode && !scope.equals("shutdown")) {
      rejectConfiguration(
          String.format(
              "-XepOpt:%s has a malformed value '%s'; expected one of: shutdown (the default: only"
                  + " code on shutdown paths), all (every wait in the code)",
              SCOPE_FLAG, flags.get(SCOPE_FLAG).orElse("")));
    }
  }

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    return guarded(state, () -> checkClass(state));
  }

  private Description checkClass(VisitorState state) {
    // One pass per top-level class: its shutdown paths are computed once, nested classes included.
    if (!isTopLevelClass(state)) {
      return NO_MATCH;
    }
    ClassLifecycle lifecycle = lifecycle(state);
    ShutdownPaths paths = allCode ? null : lifecycle.shutdownPaths();
    if (paths != null && paths.isEmpty()) {
      return NO_MATCH;
    }
    WaitReader reader = new WaitReader(paths, lifecycle, state);
    for (TreePath node : lifecycle.nodes().all()) {
      reader.read(node);
    }
    for (Candidate candidate : reader.candidates) {
      if ((!candidate.isPut() || reader.isBoundedQueue(candidate.tree(), state))
          && !isSuppressedAt(candidate.path(), state)) {
        state.reportMatch(finding(candidate.tree(), candidate.message(), state));
      }
    }
    for (TimeoutsPassedIn.Finding passed : TimeoutsPassedIn.of(lifecycle.shutdownPlan(), state)) {
      TreePath site = passed.passedAt();
      if (PlanRule.inThisFile(site, state) && !TestCode.isInTestClass(site, state)) {
        reportAt(site, state, here -> finding(site.getLeaf(), passedInMessage(passed, here), here));
      }
    }
    return NO_MATCH;
  }

  private static String passedInMessage(TimeoutsPassedIn.Finding passed, VisitorState state) {
    ShutdownStep wait = passed.step();
    MethodSymbol method = (MethodSymbol) ASTHelpers.getSymbol((ExpressionTree) wait.site().getLeaf());
    String waitName = method.owner.getSimpleName() + "." + method.getSimpleName() + "(..)";
    String given =
        wait.waits().duration().isZero()
            ? "a timeout of 0, which " + method.getSimpleName() + "(..) takes as no deadline"
            : "a practically infinite timeout (more than a day)";
    String opening =
        passed.passedAt() == wait.site()
            ? waitName + " is given " + given + " here"
            : "This call leads to " + waitName + " (" + PlanRule.where(wait.site(), state)
                + ") and gives it " + given;
    return opening
        + ", on a shutdown path: if what it waits for never ends, shutdown hangs until the process"
        + " is killed (Kubernetes sends SIGKILL after the grace period); pass a timeout that fits"
        + " the grace period";
  }

  /** A wait to report; a put only once its queue is known to have a capacity. */
  private record Candidate(TreePath path, String message, boolean isPut) {
    Tree tree() {
      return path.getLeaf();
    }
  }

  /** Reads the class's nodes in scan order (the shared {@code ClassNodes}), collecting its waits. */
  private final class WaitReader {
    private final ShutdownPaths paths;
    private final ClassLifecycle lifecycle;
    private final VisitorState state;
    private final List<Candidate> candidates = new ArrayList<>();
    /** What the queue variables of this class are given, to tell bounded queues from others. */
    private final Map<Symbol, List<ExpressionTree>> queueValues = new HashMap<>();

    WaitReader(ShutdownPaths paths, ClassLifecycle lifecycle, VisitorState state) {
      this.paths = paths;
      this.lifecycle = lifecycle;
      this.state = state;
    }

    /** The node being read. */
    private TreePath current;

    void read(TreePath node) {
      current = node;
      Tree leaf = node.getLeaf();
      if (leaf instanceof VariableTree variable && variable.getInitializer() != null) {
        recordQueueValue(ASTHelpers.getSymbol(variable), variable.getInitializer());
      } else if (leaf instanceof AssignmentTree assignment) {
        recordQueueValue(ASTHelpers.getSymbol(assignment.getVariable()), assignment.getExpression());
      } else if (leaf instanceof MethodInvocationTree call) {
        considerCall(call);
      } else if (leaf instanceof MemberReferenceTree reference) {
        considerReference(reference);
      } else if (leaf instanceof TryTree tryTree) {
        considerResources(tryTree);
      }
    }

    private void considerReference(MemberReferenceTree reference) {
      // futures.stream().map(CompletableFuture::join): a wait per element.
      if (BlockingWaits.isUnboundedWait(reference, state) && inScope()) {
        candidates.add(new Candidate(current, message(ASTHelpers.getSymbol(reference)), false));
      }
    }

    private void considerResources(TryTree tree) {
      for (Tree resource : tree.getResources()) {
        Type type = ASTHelpers.getType(resource);
        if (closeWaitsForTasks(type)
            && inScope()
            && !settledBefore(resource, tree.getBlock())) {
          candidates.add(
              new Candidate(
                  new TreePath(current, resource),
                  "try-with-resources closes this executor with ExecutorService.close(), which"
                      + " waits for its tasks with no deadline"
                      + where()
                      + "; if a task never ends, neither does the close; "
                      + BOUNDED_ALTERNATIVES.get("close"),
                  false));
        }
      }
    }

    private void considerCall(MethodInvocationTree call) {
      boolean put = BlockingWaits.isBlockingPut(call, state);
      if (!put && !BlockingWaits.isUnboundedWait(call, state) && !isExecutorClose(call)) {
        return;
      }
      if (!inScope() || hasDeadlineFromReceiver(call) || ruledOutByGuards() || endedByWatchdog()) {
        return;
      }
      candidates.add(
          new Candidate(current, message(ASTHelpers.getSymbol(call)) + afterAStop(call), put));
    }

    private boolean inScope() {
      return (paths == null || paths.containsInPlace(current, state))
          && !TestCode.isInTestClass(current, state); // a test's teardown is not a shutdown
    }

    /**
     * Whether the wait sits in a helper behind a guard that every call from a shutdown path rules
     * out: the lazy-connect getter waits only {@code if (!initialized)}, and {@code close()} calls it
     * only {@code if (initialized)}.
     */
    private boolean ruledOutByGuards() {
      Set<Guards.Fact> atWait = Guards.at(current);
      return !atWait.isEmpty()
          && everyShutdownCallOfHelper(site -> Guards.contradict(atWait, Guards.at(site)));
    }

    /**
     * Whether a watchdog started just before the wait, or before each call from a shutdown path of
     * the helper that waits, ends it at a deadline (OkHttp's {@code waitForIo()}, called only inside
     * {@code readTimeout.enter(); try {..}}).
     */
    private boolean endedByWatchdog() {
      return BlockingWaits.followsWatchdogStart(current, state)
          || everyShutdownCallOfHelper(site -> BlockingWaits.followsWatchdogStart(site, state));
    }

    /**
     * Whether the method around the wait is called from a shutdown path, and {@code holds} for each
     * of those calls.
     */
    private boolean everyShutdownCallOfHelper(Predicate<TreePath> holds) {
      MethodTree helper = ASTHelpers.findEnclosingNode(current, MethodTree.class);
      if (paths == null || helper == null || ASTHelpers.getSymbol(helper) == null) {
        return false;
      }
      boolean calledFromShutdown = false;
      for (TreePath site : lifecycle.callSitesOf(ASTHelpers.getSymbol(helper))) {
        if (paths.containsInPlace(site, state)) {
          calledFromShutdown = true;
          if (!holds.test(site)) {
            return false;
          }
        }
      }
      return calledFromShutdown;
    }

    /**
     * Why a wait still matters after the method set a stop flag or interrupted the thread it
     * waits for: a thread blocked in a socket read or on a monitor hears neither.
     */
    private String afterAStop(MethodInvocationTree call) {
      if (!BlockingWaits.isThreadJoin(call, state)) {
        return "";
      }
      TreePath body = Scopes.enclosingBodyPath(current);
      boolean[] stopped = new boolean[1];
      if (body != null) {
        Scopes.forEachCallBefore(
            body.getLeaf(), ASTHelpers.getStartPosition(call), c -> stopped[0] |= Tasks.isInterrupt(c, state));
        stopped[0] |= Scopes.setsAFlagBefore(body.getLeaf(), ASTHelpers.getStartPosition(call));
      }
      return stopped[0]
          ? "; the stop flag or interrupt set before it does not bound this wait: a thread blocked"
              + " in a socket read, a lock or an uninterruptible call hears neither, and join()"
              + " waits for it for good"
          : "";
    }

    private String where() {
      return paths == null ? "" : " on a shutdown path";
    }

    private String message(Symbol method) {
      String name = method.getSimpleName().toString();
      String what = method.owner.getSimpleName() + "." + name + "(..)";
      String waits =
          method instanceof MethodSymbol m && BlockingWaits.hasTimeoutParameter(m, state)
              ? " waits with a practically infinite timeout"
              : " waits with no deadline";
      String alternative = BOUNDED_ALTERNATIVES.getOrDefault(name, "use the overload with a timeout");
      if (name.equals("join") && TypeMember.isSubtypeOfNamed(method.owner.type, "java.lang.Thread", state)) {
        alternative = "use join(millis) and check isAlive() afterwards";
      }
      if (name.equals("close") && hasTimedOverload(method)) {
        alternative = "use " + name + "(timeout) with a timeout that fits the grace period"; // Kafka's close(Duration)
      }
      String consequence =
          paths == null
              ? ": if it never returns, this thread hangs, and so does any shutdown that waits for it; "
              : ": if it never returns, shutdown hangs until the process is killed (Kubernetes sends"
                  + " SIGKILL after the grace period); ";
      return what + waits + where() + consequence + alternative;
    }

    /** Whether the type of {@code method} also declares it with a timeout: {@code close(Duration)}. */
    private boolean hasTimedOverload(Symbol method) {
      for (Symbol member : method.owner.members().getSymbolsByName(method.getSimpleName())) {
        if (member instanceof MethodSymbol overload && BlockingWaits.hasTimeoutParameter(overload, state)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the wait cannot hang after all: it waits on {@code f.orTimeout(..)}, or the same
     * method already bounded, checked or cancelled what it waits on.
     */
    private boolean hasDeadlineFromReceiver(MethodInvocationTree call) {
      ExpressionTree receiver = futureSource(ASTHelpers.getReceiver(call));
      if (receiver instanceof MethodInvocationTree receiverCall
          && BlockingWaits.returnsSelfBoundedFuture(receiverCall, state)) {
        return true; // f.orTimeout(..).join(), group.shutdownGracefully().sync()
      }
      if (receiver instanceof MethodInvocationTree receiverCall && isOwnAsyncStop(receiverCall)) {
        return true; // close() { closeAsync().join(); }: how long it takes is closeAsync()'s business
      }
      TreePath body = Scopes.enclosingBodyPath(current);
      return body != null && settledBefore(call, body.getLeaf());
    }

    /**
     * The call that made the future {@code receiver} reads: through {@code toCompletableFuture()},
     * and through a local that holds it ({@code Future<?> done = group.shutdownGracefully();}).
     */
    private ExpressionTree futureSource(ExpressionTree receiver) {
      ExpressionTree tree = receiver == null ? null : ASTHelpers.stripParentheses(receiver);
      for (int hops = 0; hops < 3 && tree != null; hops++) {
        if (tree instanceof MethodInvocationTree conversion
            && CONVERSIONS.contains(ASTHelpers.getSymbol(conversion).getSimpleName().toString())) {
          tree = ASTHelpers.getReceiver(conversion);
        } else if (ASTHelpers.getSymbol(tree) instanceof VarSymbol local
            && local.getKind() == ElementKind.LOCAL_VARIABLE) {
          tree = onlyValueOf(local);
        } else {
          break;
        }
      }
      return tree;
    }

    /** The initializer of a local that is never assigned again, or null. */
    private ExpressionTree onlyValueOf(VarSymbol local) {
      TreePath body = Scopes.enclosingBodyPath(current);
      if (body == null) {
        return null;
      }
      LocalEscapes.Facts facts = LocalEscapes.scan(body, local);
      if (facts.assignments().size() != 1
          || !(facts.assignments().get(0).getLeaf() instanceof VariableTree declaration)) {
        return null;
      }
      return declaration.getInitializer();
    }

    /**
     * Whether {@code call} is the class's own asynchronous stop, as Lettuce's {@code closeAsync()}
     * or {@code shutdownAsync()}: the blocking method is only its synchronous facade.
     */
    private boolean isOwnAsyncStop(MethodInvocationTree call) {
      String name = ASTHelpers.getSymbol(call).getSimpleName().toString();
      return Receivers.isOwnReceiver(ASTHelpers.getReceiver(call))
          && name.endsWith("Async")
          && ASYNC_STOP_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Whether {@code scope} holds, before {@code wait}, a call that settles what it waits on. */
    private boolean settledBefore(Tree wait, Tree scope) {
      Symbol waitedOn;
      int position;
      if (wait instanceof VariableTree resource) {
        waitedOn = ASTHelpers.getSymbol(resource);
        position = Integer.MAX_VALUE; // the whole try block runs before the close
      } else if (wait instanceof MethodInvocationTree call) {
        waitedOn = Receivers.receiverOf(call);
        position = ASTHelpers.getStartPosition(call);
      } else {
        waitedOn = Receivers.symbolOf((ExpressionTree) wait); // try (executor) { .. }
        position = Integer.MAX_VALUE;
      }
      if (waitedOn == null || scope == null) {
        return false;
      }
      boolean[] settled = new boolean[1];
      Scopes.forEachCallBefore(
          scope,
          position,
          call -> {
            if (waitedOn.equals(Receivers.receiverOf(call))
                && (isFutureSettler(call) || BlockingWaits.isBoundedWait(call, state))) {
              settled[0] = true;
            }
          });
      return settled[0];
    }

    private boolean isFutureSettler(ExpressionTree call) {
      Symbol method = ASTHelpers.getSymbol(call);
      return method instanceof MethodSymbol
          && FUTURE_SETTLERS.contains(method.getSimpleName().toString())
          && TypeMember.isSubtypeOfNamed(method.owner.type, "java.util.concurrent.Future", state);
    }

    /** {@code executor.close()} of the JDK (19+), which waits for all tasks; not a subclass's own close. */
    private boolean isExecutorClose(MethodInvocationTree call) {
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (method == null
          || !method.getSimpleName().contentEquals("close")
          || !method.getParameters().isEmpty()
          || !isJdkConcurrent(method.owner)
          || !TypeMember.isSubtypeOfNamed(method.owner.type, EXECUTOR_SERVICE, state)) {
        return false;
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      Symbol source = receiver instanceof MethodInvocationTree ? ASTHelpers.getSymbol(receiver) : null;
      return source == null || !model.isUnownedExecutorSource(source, state); // commonPool().close() is a no-op
    }

    /** Whether closing a value of {@code type} runs the JDK's waiting {@code ExecutorService.close()}. */
    private boolean closeWaitsForTasks(Type type) {
      if (type == null || !model.isExecutor(type, state)) {
        return false;
      }
      for (Type t = type; t != null && t.tsym instanceof ClassSymbol owner; t = state.getTypes().supertype(t)) {
        if (owner.isInterface()) {
          return isJdkConcurrent(owner);
        }
        for (Symbol member : owner.members().getSymbolsByName(state.getName("close"))) {
          if (member instanceof MethodSymbol close && close.getParameters().isEmpty() && !close.isAbstract()) {
            return isJdkConcurrent(owner);
          }
        }
      }
      return true; // the default close() that ExecutorService declares
    }

    private boolean isJdkConcurrent(Symbol owner) {
      return owner.packge().getQualifiedName().contentEquals(JDK_CONCURRENT);
    }

    private void recordQueueValue(Symbol variable, ExpressionTree value) {
      if (variable != null
          && TypeMember.isSubtypeOfNamed(variable.type, "java.util.concurrent.BlockingQueue", state)) {
        queueValues.computeIfAbsent(variable, v -> new ArrayList<>()).add(value);
      }
    }

    /**
     * Whether the queue a put is made on has a capacity, so that the put can block: its type says
     * so, or every value the class gives its variable is a queue made with a capacity.
     */
    boolean isBoundedQueue(Tree put, VisitorState state) {
      if (!(put instanceof MethodInvocationTree call)) {
        return false;
      }
      ExpressionTree queue = ASTHelpers.getReceiver(call);
      if (queue == null && ASTHelpers.getSymbol(call).isStatic() && !call.getArguments().isEmpty()) {
        queue = call.getArguments().get(0); // Uninterruptibles.putUninterruptibly(queue, element)
      }
      if (queue == null) {
        return false;
      }
      if (BlockingWaits.queueCapacity(queue, state) == Capacity.BOUNDED) {
        return true; // typed ArrayBlockingQueue or SynchronousQueue
      }
      List<ExpressionTree> values = queueValues.get(Receivers.symbolOf(queue));
      if (values == null) {
        return false; // received from elsewhere: its capacity is unknown
      }
      for (ExpressionTree value : values) {
        if (BlockingWaits.queueCapacity(value, state) != Capacity.BOUNDED) {
          return false;
        }
      }
      return true;
    }

  }
}
