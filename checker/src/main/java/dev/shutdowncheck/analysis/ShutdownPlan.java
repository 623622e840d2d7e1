package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.analysis.ShutdownStep.Branch;
import dev.shutdowncheck.analysis.StepReader.CallItem;
import dev.shutdowncheck.analysis.StepReader.Item;
import dev.shutdowncheck.analysis.StepReader.StepItem;
import dev.shutdowncheck.model.KnownValues;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.SourceTrees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * The shutdown of one top-level class (nested classes included) as sequences of steps: for each
 * shutdown entry point ({@link ShutdownEntries}: callbacks such as {@code close()}, hook bodies),
 * the steps it runs in order (stop intake, stop an executor, wait, release, interrupt or join a
 * thread, set a stop flag), the class's own methods it calls followed in place, with what the
 * caller passed in for their parameters, and so the superclass methods it runs on itself whose
 * source is compiled here ({@code super.close()}; see {@link InheritedMethods}). Computed once per
 * class that has shutdown entries; each body is read once, however many entries reach it.
 */
public final class ShutdownPlan {

  /** How many calls deep the class's own methods are followed. */
  private static final int MAX_CALL_DEPTH = 8;

  /** How many steps one entry point lists at most: a guard against code generated in bulk. */
  private static final int MAX_STEPS = 500;

  static final ShutdownPlan NONE = new ShutdownPlan(ImmutableList.of(), null);

  /**
   * The steps one shutdown entry point runs, in order; {@code path} leads to the entry's body (a
   * method, or a hook's lambda body), or is null where javac has no source for it.
   */
  public record Sequence(ShutdownEntries.Entry entry, TreePath path, ImmutableList<ShutdownStep> steps) {

    /**
     * The waits with a constant bound that this entry point may run one after another, as long
     * as they can take together: of two arms of a choice, the longer counts; a wait in a loop
     * counts once.
     */
    public WaitTotal constantWaits() {
      return WaitTotal.of(steps.stream().filter(ShutdownStep::hasConstantWait).toList(), 0);
    }
  }

  /** Waits that run one after another, and how long they take together. */
  public record WaitTotal(Duration total, ImmutableList<ShutdownStep> waits) {

    /** The longest run of {@code waits} (in order), read from the choices at {@code depth} down. */
    static WaitTotal of(List<ShutdownStep> waits, int depth) {
      Duration total = Duration.ZERO;
      ImmutableList.Builder<ShutdownStep> counted = ImmutableList.builder();
      int i = 0;
      while (i < waits.size()) {
        ShutdownStep wait = waits.get(i);
        if (wait.branches().size() <= depth) {
          total = total.plus(wait.waits().duration());
          counted.add(wait);
          i++;
          continue;
        }
        // The waits of one choice are listed together: take its longest arm.
        Branch branch = wait.branches().get(depth);
        Map<Integer, List<ShutdownStep>> arms = new HashMap<>();
        while (i < waits.size()
            && waits.get(i).branches().size() > depth
            && waits.get(i).branches().get(depth).choice() == branch.choice()) {
          arms.computeIfAbsent(waits.get(i).branches().get(depth).arm(), a -> new ArrayList<>()).add(waits.get(i));
          i++;
        }
        WaitTotal longest = null;
        for (List<ShutdownStep> arm : arms.values()) {
          WaitTotal candidate = of(arm, depth + 1);
          if (longest == null || candidate.total().compareTo(longest.total()) > 0) {
            longest = candidate;
          }
        }
        total = total.plus(longest.total());
        counted.addAll(longest.waits());
      }
      return new WaitTotal(total, sortedByOrder(counted.build(), waits));
    }

    private static ImmutableList<ShutdownStep> sortedByOrder(List<ShutdownStep> chosen, List<ShutdownStep> order) {
      Set<ShutdownStep> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      keep.addAll(chosen);
      return order.stream().filter(keep::contains).collect(ImmutableList.toImmutableList());
    }
  }

  private final ImmutableList<Sequence> sequences;
  private final HandedWork.Source work;
  private HandedWork handedWork;

  private ShutdownPlan(ImmutableList<Sequence> sequences, HandedWork.Source work) {
    this.sequences = sequences;
    this.work = work;
  }

  /** The plan of the class whose shutdown entries are {@code entries}. */
  static ShutdownPlan of(
      ShutdownEntries entries, TreePath classPath, LifecycleModel model, VisitorState state) {
    if (entries.all().isEmpty()) {
      return NONE;
    }
    Builder builder = new Builder(entries, classPath, model, state);
    ImmutableList<Sequence> sequences =
        entries.all().entries().stream().map(builder::sequence).collect(ImmutableList.toImmutableList());
    Set<Tree> entryBodies = new HashSet<>();
    entries.all().entries().forEach(e -> entryBodies.add(e.body()));
    return new ShutdownPlan(sequences, new HandedWork.Source(classPath, entries::declaration, entryBodies, state));
  }

  /** One sequence per shutdown entry point, in source order. */
  public ImmutableList<Sequence> sequences() {
    return sequences;
  }

  public boolean isEmpty() {
    return sequences.isEmpty();
  }

  /**
   * The work the class hands to its executors, servers, consumers and threads, and what that work
   * uses: read from the whole class the first time it is asked, which the rules do only when a
   * sequence releases something before it stops one of them.
   */
  public HandedWork handedWork() {
    if (handedWork == null) {
      handedWork = work == null ? HandedWork.NONE : HandedWork.scan(work);
    }
    return handedWork;
  }

  /** Strings the bodies' items together, entry point by entry point. */
  private static final class Builder {
    private final ShutdownEntries entries;
    private final TreePath classPath;
    private final StepReader reader;
    private final VisitorState state;
    private final Map<Tree, ImmutableList<Item>> itemsByBody = new HashMap<>();

    Builder(ShutdownEntries entries, TreePath classPath, LifecycleModel model, VisitorState state) {
      this.entries = entries;
      this.classPath = classPath;
      this.state = state;
      this.reader = new StepReader(model, entries::declaration, state);
    }

    Sequence sequence(ShutdownEntries.Entry entry) {
      List<ShutdownStep> steps = new ArrayList<>();
      TreePath path = pathOfEntry(entry);
      if (path != null) {
        Set<Tree> onStack = new HashSet<>();
        onStack.add(entry.body());
        expand(path, new Frame(Map.of()), ImmutableList.of(), false, ImmutableList.of(), onStack, steps);
      }
      return new Sequence(entry, path, ImmutableList.copyOf(steps));
    }

    private void expand(
        TreePath body,
        Frame frame,
        ImmutableList<TreePath> via,
        boolean inLoop,
        ImmutableList<Branch> outer,
        Set<Tree> onStack,
        List<ShutdownStep> steps) {
      for (Item item : itemsByBody.computeIfAbsent(body.getLeaf(), b -> reader.read(body))) {
        if (steps.size() >= MAX_STEPS) {
          return;
        }
        KnownValues values = frame.at(item.locals());
        ImmutableList<Branch> branches =
            ImmutableList.<Branch>builder().addAll(outer).addAll(item.branches()).build();
        boolean loop = inLoop || item.inLoop();
        if (item instanceof StepItem step) {
          steps.add(
              new ShutdownStep(
                  step.kind(),
                  step.site(),
                  resolve(step.subject(), values),
                  waitOf(step.blocking(), values),
                  loop,
                  branches,
                  via));
        } else if (item instanceof CallItem call
            && via.size() < MAX_CALL_DEPTH
            && onStack.add(call.callee())) {
          TreePath calleePath = pathOfMethod(call.callee());
          if (calleePath != null) {
            // A call is a choice of one arm: the steps of two calls of one helper never exclude
            // each other, while the arms within one call still do.
            expand(
                calleePath,
                frame.enter(call, values),
                ImmutableList.<TreePath>builder().addAll(via).add(call.site()).build(),
                loop,
                ImmutableList.<Branch>builder().addAll(branches).add(new Branch(call.site().getLeaf(), 0)).build(),
                onStack,
                steps);
          }
          onStack.remove(call.callee());
        }
      }
    }

    private ShutdownStep.Wait waitOf(StepReader.Blocking blocking, KnownValues values) {
      if (blocking == null) {
        return null;
      }
      if (blocking.known() != null) {
        return blocking.known();
      }
      Duration duration = blocking.timeout().fold(values, state);
      if (duration != null && (duration.isNegative() || blocking.timeout().isForever(duration))) {
        return ShutdownStep.Wait.forever(duration); // join(timeout), where the caller passed 0
      }
      return ShutdownStep.Wait.of(duration);
    }

    /** What a local or parameter stands for: the field or getter its value was read from. */
    private static Symbol resolve(Symbol subject, KnownValues values) {
      Symbol current = subject;
      KnownValues context = values;
      for (int hops = 0; hops < MAX_CALL_DEPTH && isLocalOrParameter(current); hops++) {
        KnownValues.Value value = context.valueOf(current);
        Symbol source = value == null ? null : Receivers.symbolOf(value.expression());
        if (source == null) {
          break;
        }
        current = source;
        context = value.context();
      }
      return current;
    }

    private static boolean isLocalOrParameter(Symbol symbol) {
      return symbol instanceof VarSymbol
          && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
              || symbol.getKind() == ElementKind.PARAMETER
              || symbol.getKind() == ElementKind.RESOURCE_VARIABLE);
    }

    private TreePath pathOfEntry(ShutdownEntries.Entry entry) {
      if (entry.body() instanceof MethodTree method) {
        return pathOfMethod(method);
      }
      // A hook's lambda body, usually written in the registration itself.
      TreePath registration = entry.registration();
      TreePath found = registration == null ? null : TreePath.getPath(registration, entry.body());
      return found != null ? found : new TreePath(classPath, entry.body());
    }

    private TreePath pathOfMethod(MethodTree method) {
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      return symbol == null ? null : SourceTrees.pathOf(symbol, state);
    }
  }

  /**
   * The values of one expansion of a body: its locals where an item is, and its parameters, which
   * hold what the caller passed (read with the caller's own values).
   */
  private record Frame(Map<Symbol, KnownValues.Value> parameters) {

    KnownValues at(Map<Symbol, ExpressionTree> locals) {
      return new KnownValues() {
        @Override
        public Value valueOf(Symbol variable) {
          ExpressionTree local = locals.get(variable);
          return local != null ? new Value(local, this) : parameters.get(variable);
        }
      };
    }

    Frame enter(CallItem call, KnownValues callerValues) {
      MethodSymbol callee = ASTHelpers.getSymbol(call.callee());
      Map<Symbol, KnownValues.Value> bound = new HashMap<>();
      List<VarSymbol> parameters = callee == null ? List.of() : callee.getParameters();
      for (int i = 0; i < parameters.size() && i < call.arguments().size(); i++) {
        bound.put(parameters.get(i), new KnownValues.Value(call.arguments().get(i), callerValues));
      }
      return new Frame(bound);
    }
  }
}
