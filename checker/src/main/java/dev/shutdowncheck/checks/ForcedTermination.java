package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import java.util.Objects;
import javax.inject.Inject;

/**
 * Kills instead of stopping: {@code Runtime.halt}, a process killed with {@code destroyForcibly()}
 * before it was asked to stop and given time, and {@code HttpServer.stop(0)}.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Forced termination: the process or server gets no chance to finish its work",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ForcedTermination.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ForcedTermination extends CallRule implements MemberReferenceTreeMatcher {

  private static final Matcher<ExpressionTree> HALT =
      instanceMethod().onDescendantOf("java.lang.Runtime").named("halt");

  private static final Matcher<ExpressionTree> DESTROY_FORCIBLY =
      instanceMethod()
          .onDescendantOfAny("java.lang.Process", "java.lang.ProcessHandle")
          .named("destroyForcibly");

  private static final Matcher<ExpressionTree> DESTROY =
      instanceMethod()
          .onDescendantOfAny("java.lang.Process", "java.lang.ProcessHandle")
          .named("destroy");

  /** {@code Process.waitFor(long, TimeUnit)}: a wait with a deadline. */
  private static final Matcher<ExpressionTree> BOUNDED_WAIT_FOR =
      instanceMethod()
          .onDescendantOf("java.lang.Process")
          .named("waitFor")
          .withParameters("long", "java.util.concurrent.TimeUnit");

  private static final Matcher<ExpressionTree> ON_EXIT =
      instanceMethod().onDescendantOfAny("java.lang.Process", "java.lang.ProcessHandle").named("onExit");

  /** Deadlines put on the future that {@code onExit()} returns. */
  private static final Matcher<ExpressionTree> FUTURE_DEADLINE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletableFuture")
          .namedAnyOf("get", "orTimeout", "completeOnTimeout");

  private static final Matcher<ExpressionTree> HTTP_SERVER_STOP =
      instanceMethod().onDescendantOf("com.sun.net.httpserver.HttpServer").named("stop");

  /** The names of the calls above: most calls are none of them. */
  private static final MethodNames NAMES = MethodNames.of("halt", "stop", "destroyForcibly");

  private static final Matcher<ExpressionTree> JUDGED = Matchers.anyOf(HALT, HTTP_SERVER_STOP, DESTROY_FORCIBLY);

  public ForcedTermination() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ForcedTermination(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis, NAMES, JUDGED);
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
    if (HALT.matches(call, state)) {
      return finding(call, "Runtime.halt() stops the JVM at once: shutdown hooks do not run and nothing is"
                  + " flushed or closed; use System.exit() outside shutdown hooks, or return from"
                  + " main and let the shutdown sequence run", state);
    }
    if (HTTP_SERVER_STOP.matches(call, state) && isZero(call.getArguments().get(0))) {
      return finding(call, "HttpServer.stop(0) closes open exchanges at once and cuts off requests in flight;"
                  + " give them time to finish, e.g. stop(5)", state);
    }
    if (DESTROY_FORCIBLY.matches(call, state)
        && !askedToStopAndWaited(Receivers.receiverOf(call), call, state)) {
      return describeForcibleDestroy(call, state);
    }
    return NO_MATCH;
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree reference, VisitorState state) {
    if (!NAMES.named(reference, state)) {
      return NO_MATCH;
    }
    return guarded(state, () -> checkReference(reference, state));
  }

  private Description checkReference(MemberReferenceTree reference, VisitorState state) {
    if (!DESTROY_FORCIBLY.matches(reference, state)) {
      return NO_MATCH;
    }
    // ProcessHandle::destroyForcibly names no receiver: any graceful attempt before it counts.
    return askedToStopAndWaited(null, reference, state) ? NO_MATCH : describeForcibleDestroy(reference, state);
  }

  private Description describeForcibleDestroy(Tree tree, VisitorState state) {
    return finding(tree, "destroyForcibly() kills the process (SIGKILL) without letting it clean up; first ask it"
                + " to stop with destroy() and wait a bounded time with waitFor(timeout, unit),"
                + " then force it only if it is still alive", state);
  }

  /**
   * Whether the code before {@code kill}, in the same method, calls {@code destroy()} and waits
   * with a deadline, on {@code process} (or on any process where {@code process} is unknown).
   */
  private static boolean askedToStopAndWaited(Symbol process, Tree kill, VisitorState state) {
    Tree scope = Scopes.enclosingBody(state.getPath());
    if (scope == null) {
      return false;
    }
    int killStart = ASTHelpers.getStartPosition(kill);
    boolean[] destroyed = new boolean[1];
    boolean[] waited = new boolean[1];
    Scopes.forEachCallBefore(
        scope,
        killStart,
        call -> {
          if (sameProcess(process, Receivers.receiverOf(call))) {
            destroyed[0] |= DESTROY.matches(call, state);
            waited[0] |= BOUNDED_WAIT_FOR.matches(call, state);
          }
          ExpressionTree receiver = ASTHelpers.getReceiver(call);
          if (receiver instanceof MethodInvocationTree onExit
              && FUTURE_DEADLINE.matches(call, state)
              && ON_EXIT.matches(onExit, state)
              && sameProcess(process, Receivers.receiverOf(onExit))) {
            waited[0] = true;
          }
        });
    return destroyed[0] && waited[0];
  }

  private static boolean sameProcess(Symbol expected, Symbol actual) {
    return expected == null || actual == null || Objects.equals(expected, actual);
  }

  private static boolean isZero(ExpressionTree argument) {
    Object value = ASTHelpers.constValue(argument);
    return value instanceof Number number && number.longValue() == 0;
  }
}
