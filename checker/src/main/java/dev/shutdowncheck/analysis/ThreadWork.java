package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.Tasks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * What a thread's code does over its life, as far as the source shows it: whether it loops (a
 * thread without a loop ends by itself), and which stop flags its loops read (a thread whose loop
 * reads {@code running} stops when a shutdown path clears it). The thread's body is followed into
 * the methods it calls, a few calls deep.
 */
public final class ThreadWork {

  /** Calls that write an atomic flag or state. */
  private static final ImmutableSet<String> ATOMIC_WRITES =
      ImmutableSet.of("set", "lazySet", "compareAndSet", "getAndSet", "setRelease", "setPlain", "setOpaque");

  private static final int MAX_DEPTH = 2;

  private final boolean loops;
  private final ImmutableSet<Symbol> stopFlags;
  /** Fields whose methods the thread's code calls: stopping them ends the thread's work. */
  private final ImmutableSet<Symbol> workTargets;
  /** Fields the thread's code reads: a method of the thread that writes one may stop it. */
  private final ImmutableSet<Symbol> fieldsRead;

  private ThreadWork(
      boolean loops, ImmutableSet<Symbol> stopFlags, ImmutableSet<Symbol> workTargets, ImmutableSet<Symbol> fieldsRead) {
    this.loops = loops;
    this.stopFlags = stopFlags;
    this.workTargets = workTargets;
    this.fieldsRead = fieldsRead;
  }

  /** Reads the code of {@code bodies} (lambda bodies and methods) and what they call. */
  public static ThreadWork of(List<Tree> bodies, VisitorState state) {
    boolean loops = false;
    Set<Symbol> flags = new LinkedHashSet<>();
    Set<Symbol> targets = new LinkedHashSet<>();
    Set<Symbol> read = new LinkedHashSet<>();
    Set<Tree> seen = new HashSet<>();
    Deque<Tree> work = new ArrayDeque<>(bodies);
    Deque<Integer> depths = new ArrayDeque<>();
    bodies.forEach(b -> depths.add(0));
    while (!work.isEmpty()) {
      Tree body = work.poll();
      int depth = depths.poll();
      if (!seen.add(body)) {
        continue;
      }
      for (Tree tree : Scopes.ownCode(body instanceof MethodTree method ? method.getBody() : body)) {
        if (runsUntilStopped(tree, state)) {
          loops = true;
          flags.addAll(Tasks.stopFlagsRead(Scopes.loopCondition(tree), state));
        }
        if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
          Symbol symbol = ASTHelpers.getSymbol(tree);
          if (symbol != null && symbol.getKind() == ElementKind.FIELD) {
            read.add(symbol);
          }
        }
        if (tree instanceof MethodInvocationTree call
            && ASTHelpers.getReceiver(call) != null
            && ASTHelpers.getSymbol(ASTHelpers.getReceiver(call)) instanceof VarSymbol target
            && target.getKind() == ElementKind.FIELD) {
          targets.add(target); // server.runFromConfig(config)
        }
        if (depth < MAX_DEPTH && tree instanceof MethodInvocationTree call) {
          MethodTree callee = SourceTrees.treeOf(ASTHelpers.getSymbol(call), state);
          if (callee != null && callee.getBody() != null) {
            work.add(callee);
            depths.add(depth + 1);
          }
        }
      }
    }
    return new ThreadWork(
        loops,
        ImmutableSet.copyOf(withQueriedFields(flags, state)),
        ImmutableSet.copyOf(targets),
        ImmutableSet.copyOf(read));
  }

  /** Whether the thread's code loops: without a loop it ends by itself. */
  public boolean loops() {
    return loops;
  }

  /**
   * Whether the code on {@code paths} stops the thread's work: it sets one of the stop flags the
   * thread's loops read (assigns the field, or calls {@code set(..)} on an atomic one), or stops
   * an object the thread works on ({@code server.close()} ends the {@code server.run()} the thread
   * runs).
   */
  public boolean stoppedBy(ShutdownPaths paths, LifecycleModel model, VisitorState state) {
    for (Tree body : paths.bodies()) {
      for (Tree tree : Scopes.ownCode(body)) {
        if (tree instanceof MethodInvocationTree call
            && ASTHelpers.getReceiver(call) != null
            && workTargets.contains(ASTHelpers.getSymbol(ASTHelpers.getReceiver(call)))
            && model.isStopCall(ASTHelpers.getSymbol(call), state)) {
          return true;
        }
        Symbol written =
            tree instanceof AssignmentTree assignment
                ? ASTHelpers.getSymbol(assignment.getVariable())
                : tree instanceof CompoundAssignmentTree compound
                    ? ASTHelpers.getSymbol(compound.getVariable())
                    : tree instanceof MethodInvocationTree call
                            && ATOMIC_WRITES.contains(nameOf(call))
                            && ASTHelpers.getReceiver(call) != null
                        ? ASTHelpers.getSymbol(ASTHelpers.getReceiver(call))
                        : null;
        if (written != null && stopFlags.contains(written)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code method}, one of the thread's own methods, writes a field that the thread's code
   * reads: ZooKeeper's {@code queueEventOfDeath()} puts the poison pill its loop stops on.
   */
  public boolean writesWhatItReads(MethodTree method) {
    if (method.getBody() == null) {
      return false;
    }
    for (Tree tree : Scopes.ownCode(method.getBody())) {
      if (tree instanceof AssignmentTree assignment
          && fieldsRead.contains(ASTHelpers.getSymbol(assignment.getVariable()))) {
        return true; // done = true
      }
      if (tree instanceof MethodInvocationTree call
          && ASTHelpers.getReceiver(call) != null
          && fieldsRead.contains(ASTHelpers.getSymbol(ASTHelpers.getReceiver(call)))
          && (FEEDS.contains(nameOf(call)) || ATOMIC_WRITES.contains(nameOf(call)))) {
        return true; // events.add(POISON), stopped.set(true)
      }
    }
    return false;
  }

  /** Calls that put something into what a thread's loop takes from. */
  private static final ImmutableSet<String> FEEDS = ImmutableSet.of("add", "offer", "put", "addLast", "addFirst");

  /** A flag read through a query of the class ({@code isRunning()}) is the field it returns. */
  private static Set<Symbol> withQueriedFields(Set<Symbol> flags, VisitorState state) {
    Set<Symbol> all = new LinkedHashSet<>(flags);
    for (Symbol flag : flags) {
      if (flag instanceof MethodSymbol method) {
        MethodTree query = SourceTrees.treeOf(method, state);
        if (query != null && query.getBody() != null) {
          for (Tree tree : Scopes.ownCode(query.getBody())) {
            if (tree instanceof ReturnTree returned && returned.getExpression() != null) {
              all.addAll(Tasks.stopFlagsRead(returned.getExpression(), state));
            }
          }
        }
      }
    }
    return all;
  }

  private static String nameOf(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method == null ? "" : method.getSimpleName().toString();
  }

  /**
   * Whether {@code tree} is a loop that runs until something stops it: a {@code while} or {@code
   * do}, or a {@code for} with no condition or one that reads a stop flag. A for-each loop or a
   * counted {@code for} over a known number of items ends by itself.
   */
  private static boolean runsUntilStopped(Tree tree, VisitorState state) {
    if (tree instanceof WhileLoopTree || tree instanceof DoWhileLoopTree) {
      return true;
    }
    return tree instanceof ForLoopTree loop
        && (loop.getCondition() == null || Tasks.readsStopFlag(loop.getCondition(), state));
  }

}
