package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.common.collect.ImmutableList;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.HandedWork;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownPlan;
import dev.shutdowncheck.analysis.ShutdownPlan.Sequence;
import dev.shutdowncheck.analysis.ShutdownStep;
import dev.shutdowncheck.analysis.ShutdownStep.Kind;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.TypeMember;
import java.util.HashSet;
import java.util.Set;
import javax.inject.Inject;

/**
 * A shutdown path releases a resource while the work that uses it may still run: the executor
 * whose tasks use it, the server whose handlers use it, or the thread that uses it is stopped and
 * waited for only afterwards. The tasks still running fail against the closed resource.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A resource is released before the executor, server or thread whose work uses it is stopped",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ShutdownOrder.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ShutdownOrder extends PlanRule {

  /**
   * Endpoints whose close() is how a thread blocked on them is woken (a read on a socket hears no
   * interrupt): closing them before the join is the way to stop the reader, not a mistake.
   */
  private static final ImmutableList<String> WAKING_CLOSES =
      ImmutableList.of(
          "java.net.Socket",
          "java.net.ServerSocket",
          "java.net.DatagramSocket",
          "java.nio.channels.SelectableChannel",
          "java.nio.channels.Selector",
          "java.nio.file.WatchService"); // take() and poll() end with ClosedWatchServiceException

  public ShutdownOrder() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ShutdownOrder(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  void check(ShutdownPlan plan, VisitorState state) {
    Set<Tree> reported = new HashSet<>(); // a release reached from several entry points, once
    for (Sequence sequence : plan.sequences()) {
      ImmutableList<ShutdownStep> steps = sequence.steps();
      for (int i = 0; i < steps.size(); i++) {
        ShutdownStep release = steps.get(i);
        TreePath at = reportedAt(release, state);
        if (release.kind() != Kind.RELEASE
            || release.subject() == null
            || at == null
            || reported.contains(release.site().getLeaf())
            || !holdsAResource(release.subject(), state)) {
          continue;
        }
        ShutdownStep stop = laterStopOfAUser(steps, i, plan);
        if (stop != null
            && !isSuppressedAt(at, state)
            && !(sequence.path() != null && isSuppressedAt(sequence.path(), state))) {
          reported.add(release.site().getLeaf());
          state.reportMatch(finding(at.getLeaf(), message(release, stop, state), state));
        }
      }
    }
  }

  /**
   * Whether what is released is a resource (a client, a pool, a connection, a file) whose close
   * work can fail against: stopping a child process or a component of the class is none, and
   * closing a socket or selector is how a reader blocked on it is stopped.
   */
  private boolean holdsAResource(Symbol subject, VisitorState state) {
    Type type = Receivers.typeOf(subject);
    return model.resources().isResource(type, state)
        && WAKING_CLOSES.stream().noneMatch(endpoint -> TypeMember.isSubtypeOfNamed(type, endpoint, state));
  }

  /**
   * The first step after {@code steps[index]} (a release) that stops or waits for a worker whose
   * work uses what is released, where nothing before the release waited for that worker; null if
   * there is none.
   */
  private static ShutdownStep laterStopOfAUser(ImmutableList<ShutdownStep> steps, int index, ShutdownPlan plan) {
    ShutdownStep release = steps.get(index);
    Set<Symbol> drained = new HashSet<>();
    for (int i = 0; i < index; i++) {
      ShutdownStep before = steps.get(i);
      if (before.blocks() && before.subject() != null && !before.excludes(release)) {
        drained.add(before.subject()); // waited for (or its intake stopped and drained) already
      }
    }
    HandedWork work = null;
    for (int i = index + 1; i < steps.size(); i++) {
      ShutdownStep later = steps.get(i);
      Symbol worker = later.subject();
      if (!stopsWork(later.kind())
          || worker == null
          || worker.equals(release.subject())
          || drained.contains(worker)
          || later.excludes(release)) {
        continue;
      }
      if (work == null) {
        work = plan.handedWork(); // read only now: most releases are followed by no stop
      }
      if (work.uses(worker, release.subject())) {
        return later;
      }
    }
    return null;
  }

  /**
   * Where a release is reported: at itself, or, when it is in a superclass's method that the
   * shutdown path calls ({@code super.close()}), at that call in this file.
   */
  private static TreePath reportedAt(ShutdownStep release, VisitorState state) {
    if (inThisFile(release.site(), state)) {
      return release.site();
    }
    return inThisFile(release.entryCall(), state) ? release.entryCall() : null;
  }

  private static boolean stopsWork(Kind kind) {
    return kind == Kind.STOP_EXECUTOR
        || kind == Kind.STOP_INTAKE
        || kind == Kind.WAIT
        || kind == Kind.INTERRUPT
        || kind == Kind.JOIN;
  }

  private static String message(ShutdownStep release, ShutdownStep stop, VisitorState state) {
    String resource = subjectName(release);
    String released =
        inThisFile(release.site(), state) ? resource : resource + " (" + where(release.site(), state) + ")";
    String worker = subjectName(stop);
    String where = where(stop.site(), state);
    if (!stop.via().isEmpty() && !stop.via().equals(release.via())) {
      where += ", through the call at line " + line(stop.entryCall().getLeaf(), state);
    }
    String who =
        switch (stop.kind()) {
          case STOP_INTAKE -> worker + ", whose handlers use " + resource + ", stops taking work only later (" + where + ")";
          case INTERRUPT, JOIN -> "the thread " + worker + ", which uses " + resource + ", is stopped only later (" + where + ")";
          case WAIT -> worker + ", whose tasks use " + resource + ", is waited for only later (" + where + ")";
          default -> worker + ", whose tasks use " + resource + ", is stopped only later (" + where + ")";
        };
    return callName(release) + " releases " + released + " while " + who + ": the work still running"
        + " then fails against a released resource, and what it was doing is lost; stop " + worker
        + " and wait for it first, then release " + resource;
  }
}
