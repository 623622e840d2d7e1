package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.ShutdownStep.Branch;
import dev.shutdowncheck.analysis.ShutdownStep.Kind;
import dev.shutdowncheck.model.Scopes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On a shutdown path, one {@code try} block that runs several releases one after another, and a
 * handler that catches what an early one throws: when it fails, the releases after it in the block
 * never run. Apache Pulsar's client shipped it twice (issue 10010, then again in PR 26045): its
 * {@code shutdown()} closed the lookup service, the connection pool, the timer and the executors
 * in one {@code try}, with a {@code catch (Throwable t)} that rethrew, so a lookup that failed to
 * close left the rest open.
 *
 * <p>The handler is what makes it certain: the author expected the step to fail and caught it,
 * and still lets the failure skip the rest. Releases in sequence with no handler at all (every
 * {@code close() throws IOException} that closes two streams) are not read as this mistake.
 *
 * <p>Unchecked exceptions are followed only where the method itself shows that a release may fail:
 * the release has no {@code try} of its own while another release of the same block has one that
 * catches and carries on. That was PR 26045's form: the address resolver's {@code close()},
 * which declares nothing, was the one release in the block left unguarded.
 *
 * @param failing the step whose checked exception the handler catches
 * @param call the call in the {@code try} block that makes or leads to {@code failing}
 * @param exception what {@code call} declares and the handler catches
 * @param handler the handler that catches it
 * @param skipped the later calls of the block that its failure skips, each of which stops or
 *     releases something the path releases nowhere else
 * @param guardedSibling for an unchecked failure, the call of a release in the block that has a
 *     {@code try} of its own; null for a checked one
 */
public record SkippedByFailure(
    ShutdownStep failing,
    TreePath call,
    Type exception,
    CatchTree handler,
    ImmutableList<Skipped> skipped,
    TreePath guardedSibling) {

  /**
   * A call in the {@code try} block that a failure before it skips, and the first release it makes
   * ({@code step.site() == call} when the call is the release itself, not a helper's).
   */
  public record Skipped(TreePath call, ShutdownStep step) {}

  /** What a failure can leave undone: a thread left running, a resource left open. */
  private static final Set<Kind> RELEASES =
      EnumSet.of(Kind.STOP_EXECUTOR, Kind.RELEASE, Kind.STOP_INTAKE, Kind.INTERRUPT);

  /** Releases that may fail with nothing declared: closing a client, stopping a server. */
  private static final Set<Kind> FALLIBLE = EnumSet.of(Kind.RELEASE, Kind.STOP_INTAKE);

  /** At most one per handler, for the first failure it catches, over every sequence of the plan. */
  public static List<SkippedByFailure> in(ShutdownPlan plan, VisitorState state) {
    Map<Tree, SkippedByFailure> byHandler = new LinkedHashMap<>();
    for (ShutdownPlan.Sequence sequence : plan.sequences()) {
      List<ShutdownStep> steps = sequence.steps();
      for (int i = 0; i < steps.size(); i++) {
        SkippedByFailure found = skippedAfter(steps, i, byHandler.keySet(), state);
        if (found != null) {
          byHandler.put(found.handler(), found);
        }
      }
    }
    return List.copyOf(byHandler.values());
  }

  private static SkippedByFailure skippedAfter(
      List<ShutdownStep> steps, int index, Set<Tree> seen, VisitorState state) {
    ShutdownStep failing = steps.get(index);
    List<Branch> branches = failing.branches();
    boolean followUnchecked = FALLIBLE.contains(failing.kind());
    Type unchecked = state.getSymtab().runtimeExceptionType;
    // The innermost try around the step whose handler takes what its call throws.
    for (int b = branches.size() - 1; b >= 0; b--) {
      if (!(branches.get(b).choice() instanceof TryTree attempt) || branches.get(b).arm() != 0) {
        continue;
      }
      TreePath call = callIn(attempt, failing);
      if (call == null) {
        return null;
      }
      for (Type exception : Catches.checkedThrownBy(call.getLeaf(), state)) {
        CatchTree handler = Catches.firstHandlerFor(attempt, exception, state);
        if (handler == null) {
          continue; // it flies on, past this try
        }
        return found(failing, call, exception, handler, null, attempt, steps, index, seen, state);
      }
      CatchTree handler = followUnchecked ? Catches.firstHandlerFor(attempt, unchecked, state) : null;
      if (handler != null) {
        followUnchecked = false; // this try takes the failure, whatever it then does with it
        TreePath guardedSibling = guardedSibling(attempt, call, steps, state);
        SkippedByFailure found =
            guardedSibling == null
                ? null
                : found(failing, call, unchecked, handler, guardedSibling, attempt, steps, index, seen, state);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static SkippedByFailure found(
      ShutdownStep failing,
      TreePath call,
      Type exception,
      CatchTree handler,
      TreePath guardedSibling,
      TryTree attempt,
      List<ShutdownStep> steps,
      int index,
      Set<Tree> seen,
      VisitorState state) {
    if (!Catches.catchesAll(handler, exception, state) || seen.contains(handler) || releasesIn(handler, steps)) {
      // A narrower handler, one already reported, or one that releases: the author's own
      // clean-up after the failure.
      return null;
    }
    ImmutableList<Skipped> skipped = skippedIn(attempt, call, steps, index);
    return skipped.isEmpty()
        ? null
        : new SkippedByFailure(failing, call, exception, handler, skipped, guardedSibling);
  }

  /**
   * The call of another release in {@code attempt}'s block that has a {@code try} of its own,
   * inside {@code attempt}, whose handler takes any unchecked exception and lets the method go on;
   * null when there is none.
   */
  private static TreePath guardedSibling(
      TryTree attempt, TreePath call, List<ShutdownStep> steps, VisitorState state) {
    for (ShutdownStep other : steps) {
      TreePath otherCall =
          FALLIBLE.contains(other.kind()) && inBlockOf(attempt, other) ? callIn(attempt, other) : null;
      if (otherCall != null
          && otherCall.getLeaf() != call.getLeaf()
          && carriesOnAfterFailure(otherCall, attempt, state)) {
        return otherCall;
      }
    }
    return null;
  }

  /** Whether a {@code try} between {@code call} and {@code attempt} catches its failure and goes on. */
  private static boolean carriesOnAfterFailure(TreePath call, TryTree attempt, VisitorState state) {
    Type unchecked = state.getSymtab().runtimeExceptionType;
    for (TreePath p = call;
        p.getParentPath() != null && p.getParentPath().getLeaf() != attempt;
        p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof TryTree inner && Catches.guardedBy(inner, p.getLeaf())) {
        for (CatchTree handler : inner.getCatches()) {
          if (Catches.catchesAll(handler, unchecked, state)
              && Reachability.canCompleteNormally(handler.getBlock())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The later releases in {@code attempt}'s block, other than {@code call}'s own, done nowhere else. */
  private static ImmutableList<Skipped> skippedIn(
      TryTree attempt, TreePath call, List<ShutdownStep> steps, int index) {
    ShutdownStep failing = steps.get(index);
    Map<Tree, Skipped> skipped = new LinkedHashMap<>(); // the first release of each call
    for (int j = index + 1; j < steps.size(); j++) {
      ShutdownStep later = steps.get(j);
      TreePath laterCall = inBlockOf(attempt, later) ? callIn(attempt, later) : null;
      if (laterCall != null
          && laterCall.getLeaf() != call.getLeaf()
          && RELEASES.contains(later.kind())
          && later.subject() != null
          && !later.subject().equals(failing.subject())
          && !exclusive(failing, later)
          && !Catches.inFinally(later.site())
          && !releasedOutside(attempt, later, steps)) {
        skipped.putIfAbsent(laterCall.getLeaf(), new Skipped(laterCall, later));
      }
    }
    return ImmutableList.copyOf(skipped.values());
  }

  private static boolean inBlockOf(TryTree attempt, ShutdownStep step) {
    // Compared field by field: the first call of a record's generated equals links a bootstrap
    // method that costs more than all the comparisons of a compilation.
    for (Branch branch : step.branches()) {
      if (branch.choice() == attempt && branch.arm() == 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the path stops or releases anything in {@code handler}. */
  private static boolean releasesIn(CatchTree handler, List<ShutdownStep> steps) {
    for (ShutdownStep step : steps) {
      if (RELEASES.contains(step.kind()) && callIn(handler, step) != null) {
        return true;
      }
    }
    return false;
  }

  /** The call in {@code code} that makes {@code step} or leads to it, or null. */
  private static TreePath callIn(Tree code, ShutdownStep step) {
    List<TreePath> chain = new ArrayList<>(step.via());
    chain.add(step.site());
    for (TreePath link : chain) {
      if (Scopes.isWithin(link, code)) {
        return link;
      }
    }
    return null;
  }

  /** Two steps in different arms of one choice never both run. */
  private static boolean exclusive(ShutdownStep a, ShutdownStep b) {
    for (Branch x : a.branches()) {
      for (Branch y : b.branches()) {
        if (x.choice() == y.choice() && x.arm() != y.arm()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the path also releases {@code step}'s subject outside {@code attempt}'s block. */
  private static boolean releasedOutside(TryTree attempt, ShutdownStep step, List<ShutdownStep> steps) {
    for (ShutdownStep other : steps) {
      if (other != step && step.subject().equals(other.subject()) && !inBlockOf(attempt, other)) {
        return true;
      }
    }
    return false;
  }
}
