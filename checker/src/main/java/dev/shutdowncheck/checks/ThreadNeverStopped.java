package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.SkippedRelease;
import dev.shutdowncheck.analysis.ThreadBodies;
import dev.shutdowncheck.analysis.ThreadWork;
import dev.shutdowncheck.analysis.UnreleasedField;
import dev.shutdowncheck.model.DaemonThreads;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.TestCode;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/**
 * A thread or {@code java.util.Timer} that a class creates, keeps in a field and starts, and that
 * no shutdown path stops: after {@code close()} it keeps running against what the class released,
 * and, unless it is a daemon, keeps the JVM from exiting until the platform kills it.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A thread or timer this class starts is never stopped",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ThreadNeverStopped.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ThreadNeverStopped extends ShutdownRule implements ClassTreeMatcher {

  public ThreadNeverStopped() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ThreadNeverStopped(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    return guarded(state, () -> checkClass(state));
  }

  private Description checkClass(VisitorState state) {
    if (!isTopLevelClass(state)
        || TestCode.isInTestClass(state.getPath(), state)) {
      return NO_MATCH; // one pass over each top-level class covers its nested classes
    }
    ClassLifecycle lifecycle = lifecycle(state);
    reportTimersNobodyCanCancel(lifecycle, state);
    for (UnreleasedField field : lifecycle.unreleasedFields()) {
      boolean timer = field.kind() == LifecycleKind.TIMER;
      if ((field.kind() != LifecycleKind.THREAD && !timer)
          || field.isLentOrPassedOn() // returned, registered, handed to a hook or a pool
          || isSuppressedWithin(field.field(), state)) {
        continue;
      }
      ThreadWork work = ThreadWork.of(bodiesOf(field, lifecycle, state), state);
      if (!timer && (!startedHere(field) || !work.loops())) {
        continue; // never started here, or it ends by itself
      }
      if (!timer
          && (work.stoppedBy(field.shutdownPaths(), model, state)
              || stoppedByItsOwnMethod(field, work, lifecycle, state))) {
        continue; // the shutdown clears the flag its loop reads, or stops what it works on
      }
      boolean hasShutdown = field.hasShutdownPath() || field.onlyInheritsShutdown();
      boolean daemon =
          DaemonThreads.isDaemon(field.field(), field.createdValues(), lifecycle.classPath().getLeaf(), state);
      if (!hasShutdown && daemon) {
        continue; // dies with the JVM, by design, and the class has no lifecycle to stop it in
      }
      state.reportMatch(finding(field.declaration(), message(field, timer, hasShutdown, daemon), fix(field, timer, state), state));
    }
    return NO_MATCH;
  }

  /**
   * Timers made in a method and never cancelled there: one that no variable holds ({@code new
   * Timer().schedule(task, delay)}), or a local never cancelled and never handed on. A timer starts
   * its thread when it is made, and the thread waits for more tasks after the last one, so each
   * call leaves one behind.
   */
  private void reportTimersNobodyCanCancel(ClassLifecycle lifecycle, VisitorState state) {
    for (TreePath dropped : lifecycle.dropped(LifecycleKind.TIMER)) {
      String what = "This timer is created here and no reference to it is kept";
      reportAt(dropped, state, at -> timerFinding(dropped, what, at));
    }
    for (TreePath declaration : lifecycle.localsDeclaredWith(LifecycleKind.TIMER)) {
      VariableTree local = (VariableTree) declaration.getLeaf();
      ClassLifecycle.LocalUse use = lifecycle.localUse(ASTHelpers.getSymbol(local));
      if (use == null || use.escapes()) {
        continue;
      }
      TreePath creation = new TreePath(declaration, local.getInitializer());
      if (!use.isReleased()) {
        String what = "Timer `" + local.getName() + "` is created here and never cancelled";
        reportAt(creation, state, at -> timerFinding(creation, what, at));
      } else {
        reportAt(creation, state, at -> cancelledOnlyOnNormalPath(declaration, use, at));
      }
    }
  }

  private Description cancelledOnlyOnNormalPath(
      TreePath declaration, ClassLifecycle.LocalUse use, VisitorState state) {
    SkippedRelease skipped = use.skippedRelease(declaration, true, state);
    if (skipped == null) {
      return NO_MATCH;
    }
    return finding(
        state.getPath().getLeaf(),
        "Timer `" + ((VariableTree) declaration.getLeaf()).getName() + "` is cancelled only on the normal path: "
            + skippedBy(skipped, state) + ", this method leaves without cancelling it and its thread"
            + " stays behind; cancel() it in a finally block",
        state);
  }

  private Description timerFinding(TreePath creation, String what, VisitorState state) {
    ExpressionTree timer = (ExpressionTree) creation.getLeaf();
    boolean daemon = DaemonThreads.isDaemonTimer(timer, state);
    if (daemon && Scopes.isStaticInitialisation(creation)) {
      return NO_MATCH; // made once, for the JVM's lifetime
    }
    return finding(
        timer,
        what + ": its thread waits for more tasks after the last one, and nothing can cancel()"
            + " it, so "
            + (daemon
                ? "each call leaves a daemon thread behind for the JVM's lifetime"
                : "each call leaves a thread behind that keeps the JVM from exiting")
            + "; cancel() it when its task is done (or in a finally block), or schedule on a"
            + " timer or executor the class owns and stops",
        state);
  }

  /** Started by the class: {@code thread.start()}, or made started ({@code Thread.ofPlatform().start(task)}). */
  private static boolean startedHere(UnreleasedField field) {
    return field.isStarted()
        || field.createdValues().stream()
            .anyMatch(
                v -> ASTHelpers.stripParentheses(v) instanceof MethodInvocationTree call
                    && ASTHelpers.getSymbol(call) != null
                    && ASTHelpers.getSymbol(call).getSimpleName().toString().startsWith("start"));
  }

  /**
   * Whether the class calls, on the thread, one of the thread's own methods that writes what its
   * loop reads: a {@code Thread} subclass's {@code shutdown()} that sets its flag, or ZooKeeper's
   * {@code queueEventOfDeath()} that queues the poison pill its loop stops on.
   */
  private static boolean stoppedByItsOwnMethod(
      UnreleasedField field, ThreadWork work, ClassLifecycle lifecycle, VisitorState state) {
    if (!(field.createdType() != null && field.createdType().tsym instanceof ClassSymbol thread)) {
      return false;
    }
    for (Symbol member : thread.getEnclosedElements()) {
      if (!(member instanceof MethodSymbol method)
          || method.isConstructor()
          || method.getSimpleName().contentEquals("run")) {
        continue;
      }
      MethodTree declaration = lifecycle.shutdownEntries().declaration(method);
      if (declaration == null || !work.writesWhatItReads(declaration)) {
        continue;
      }
      for (TreePath site : lifecycle.callSitesOf(method)) {
        if (site.getLeaf() instanceof MethodInvocationTree call
            && ASTHelpers.getReceiver(call) != null
            && field.field().equals(ASTHelpers.getSymbol(ASTHelpers.getReceiver(call)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Tree> bodiesOf(UnreleasedField field, ClassLifecycle lifecycle, VisitorState state) {
    List<Tree> bodies = new ArrayList<>();
    for (TreePath site : field.creationSites()) {
      for (ExpressionTree created : field.createdValues()) {
        bodies.addAll(ThreadBodies.of(created, site, state));
      }
    }
    return bodies;
  }

  private static String message(UnreleasedField field, boolean timer, boolean hasShutdown, boolean daemon) {
    String what = (timer ? "Timer `" : "Thread `") + field.field().getSimpleName() + "`";
    String stop = timer ? "cancel() it" : "interrupt it (or clear the flag its loop reads) and join it with a deadline";
    if (!hasShutdown) {
      return what + (timer ? " starts its own thread, which is not a daemon" : " is started by this class and is not a daemon")
          + ", and the class has no shutdown path (close(), @PreDestroy, a shutdown hook) to stop it:"
          + " it keeps the JVM from exiting until the platform kills the process (SIGKILL after"
          + " the grace period); give the class a close() that does " + stop
          + (timer ? ", or make it a daemon timer (new Timer(true))" : ", or make it a daemon if it may die with the JVM");
    }
    String where =
        field.onlyInheritsShutdown()
            ? "the shutdown this class inherits, " + field.inheritedShutdownName() + ", cannot know it"
            : field.shutdownMethods() + " never stops it";
    return what + (timer ? " runs its own thread, and " : " is started by this class, and ") + where
        + (timer ? " (no cancel())" : " (no interrupt(), no join(), no stop flag its loop reads)")
        + ": it keeps running after the component is stopped, against what the shutdown released"
        + (daemon ? "" : ", and keeps the JVM from exiting until the platform kills the process")
        + "; " + stop + " there";
  }

  /**
   * Where the class has exactly one shutdown method in this file: stop the thread at its end,
   * interrupt and a bounded join (or cancel() the timer).
   */
  private static SuggestedEdits fix(UnreleasedField field, boolean timer, VisitorState state) {
    List<MethodTree> callbacks = field.shutdownPaths().callbacks();
    if (callbacks.size() != 1
        || callbacks.get(0).getBody() == null
        || state.getSourceForNode(callbacks.get(0).getBody()) == null
        || field.onlyInheritsShutdown()) {
      return SuggestedEdits.NONE;
    }
    var body = callbacks.get(0).getBody();
    String indent = SuggestedEdits.indentationOf(callbacks.get(0), state) + "  ";
    String name = field.field().getSimpleName().toString();
    String stop =
        timer
            ? indent + name + ".cancel();\n"
            : indent + name + ".interrupt();\n"
                + indent + "try {\n"
                + indent + "  " + name + ".join(5_000);\n"
                + indent + "} catch (InterruptedException e) {\n"
                + indent + "  Thread.currentThread().interrupt();\n"
                + indent + "}\n";
    int closingBrace = state.getEndPosition(body) - 1;
    CharSequence source = state.getSourceCode();
    int lineStart = closingBrace;
    while (lineStart > 0 && (source.charAt(lineStart - 1) == ' ' || source.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    if (lineStart > 0 && source.charAt(lineStart - 1) == '\n') {
      return SuggestedEdits.builder().insertAt(lineStart, stop).build(); // the brace on a line of its own
    }
    String methodIndent = SuggestedEdits.indentationOf(callbacks.get(0), state);
    return SuggestedEdits.builder().insertAt(closingBrace, "\n" + stop + methodIndent).build();
  }
}
