package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import java.time.Duration;

/**
 * One step of a shutdown, as {@link ShutdownPlan} lists them in the order they run.
 *
 * @param kind what the step does
 * @param site the call (or assignment) that makes the step
 * @param subject what it acts on: a field, a getter of the class, a local; a helper's parameter is
 *     replaced by what its caller passed. Null where the source does not name it.
 * @param waits how long the step blocks, or null where it does not block
 * @param inLoop whether it runs once per element or iteration of a loop
 * @param branches the branches of {@code if}, {@code switch}, {@code ?:} and {@code try}/{@code
 *     catch} it sits in, outermost first: two steps in different arms of one choice never both run
 * @param via the calls of the class's own methods that lead from the entry point to the step,
 *     outermost first (empty when the entry point itself makes it)
 */
public record ShutdownStep(
    Kind kind,
    TreePath site,
    Symbol subject,
    Wait waits,
    boolean inLoop,
    ImmutableList<Branch> branches,
    ImmutableList<TreePath> via) {

  /** What a step does. */
  public enum Kind {
    /** A server or consumer stops taking new work: {@code server.stop(5)}, {@code consumer.wakeup()}. */
    STOP_INTAKE,
    /** An executor is told to stop: {@code shutdown()}, {@code shutdownNow()}, {@code close()}. */
    STOP_EXECUTOR,
    /** A wait for something else to finish: {@code awaitTermination}, {@code get}, {@code sleep}. */
    WAIT,
    /** A resource or component is closed, stopped or released. */
    RELEASE,
    /** A thread is interrupted. */
    INTERRUPT,
    /** A thread is joined. */
    JOIN,
    /** A stop flag is set: {@code running = false}, {@code stopped.set(true)}. */
    SET_STOP_FLAG
  }

  /** How long a blocking step may last. */
  public enum Bound {
    /** At most a duration the source fixes. */
    CONSTANT,
    /** At most a duration computed at run time (the time left of a shared deadline, a setting). */
    NON_CONSTANT,
    /** With no deadline, or a practically infinite one. */
    UNBOUNDED
  }

  /**
   * How a step blocks: its bound, and the duration its arguments fold to (for an unbounded wait,
   * the constant that makes it so, such as the 0 of {@code join(0)}; null where it takes none).
   */
  public record Wait(Bound bound, Duration duration) {
    static final Wait UNBOUNDED = new Wait(Bound.UNBOUNDED, null);
    static final Wait NON_CONSTANT = new Wait(Bound.NON_CONSTANT, null);

    static Wait of(Duration duration) {
      return duration == null ? NON_CONSTANT : new Wait(Bound.CONSTANT, duration);
    }

    /** A wait that the constant {@code duration} it is given leaves with no deadline. */
    static Wait forever(Duration duration) {
      return new Wait(Bound.UNBOUNDED, duration);
    }
  }

  /** One arm of a choice: {@code (ifTree, 0)} is its then-branch, {@code (tryTree, 1)} its first catch. */
  public record Branch(Tree choice, int arm) {}

  /** Whether the step blocks the shutdown for a while. */
  public boolean blocks() {
    return waits != null;
  }

  /** Whether the step waits at most a constant duration, which adds to the shutdown's total. */
  public boolean hasConstantWait() {
    return waits != null && waits.bound() == Bound.CONSTANT;
  }

  /** Whether this step and {@code other} sit in different arms of one choice, so only one runs. */
  public boolean excludes(ShutdownStep other) {
    int common = Math.min(branches.size(), other.branches.size());
    for (int i = 0; i < common; i++) {
      Branch mine = branches.get(i);
      Branch theirs = other.branches.get(i);
      if (mine.choice() != theirs.choice()) {
        return false;
      }
      if (mine.arm() != theirs.arm()) {
        return true;
      }
    }
    return false;
  }

  /** The call that the entry point itself makes to reach this step: its first {@code via}, or the site. */
  public TreePath entryCall() {
    return via.isEmpty() ? site : via.get(0);
  }
}
