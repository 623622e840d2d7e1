package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.ShutdownStep.Branch;
import dev.shutdowncheck.analysis.ShutdownStep.Kind;
import dev.shutdowncheck.model.BlockingWaits;
import dev.shutdowncheck.model.LibraryModels;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.Timeouts;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;

/**
 * Reads one body (a method, or a hook's lambda) into the shutdown steps it makes itself and the
 * calls of the class's own methods it makes, in the order they run. Each body is read once per
 * class; {@link ShutdownPlan} strings the bodies together.
 */
final class StepReader {

  /** What a body does, in order: a step, or a call of one of the class's own methods. */
  sealed interface Item permits StepItem, CallItem {
    boolean inLoop();

    ImmutableList<Branch> branches();

    /** What the body's locals hold where the item is: their last value in the source. */
    ImmutableMap<Symbol, ExpressionTree> locals();
  }

  /** How a step blocks, before its timeout's arguments are folded. */
  record Blocking(ShutdownStep.Wait known, Timeouts.Timeout timeout) {
    static final Blocking UNBOUNDED = new Blocking(ShutdownStep.Wait.UNBOUNDED, null);
    static final Blocking NON_CONSTANT = new Blocking(ShutdownStep.Wait.NON_CONSTANT, null);

    static Blocking of(Timeouts.Timeout timeout) {
      return timeout == null ? NON_CONSTANT : new Blocking(null, timeout);
    }
  }

  record StepItem(
      Kind kind,
      TreePath site,
      Symbol subject,
      Blocking blocking,
      boolean inLoop,
      ImmutableList<Branch> branches,
      ImmutableMap<Symbol, ExpressionTree> locals)
      implements Item {}

  record CallItem(
      TreePath site,
      MethodTree callee,
      List<? extends ExpressionTree> arguments,
      boolean inLoop,
      ImmutableList<Branch> branches,
      ImmutableMap<Symbol, ExpressionTree> locals)
      implements Item {}

  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  private static final String OPTIONAL = "java.util.Optional";
  private static final ImmutableList<TypeMember> IN_PLACE_RUNNERS = LibraryModels.BUILT_IN.inPlaceRunners;

  private final LifecycleModel model;
  private final Function<MethodSymbol, MethodTree> ownMethods;
  private final VisitorState state;

  StepReader(LifecycleModel model, Function<MethodSymbol, MethodTree> ownMethods, VisitorState state) {
    this.model = model;
    this.ownMethods = ownMethods;
    this.state = state;
  }

  /** The items of the body at {@code bodyPath}, in the order they run. */
  ImmutableList<Item> read(TreePath bodyPath) {
    Scanner scanner = new Scanner();
    Tree body = bodyPath.getLeaf();
    if (body instanceof MethodTree method) {
      if (method.getBody() != null) {
        scanner.scan(new TreePath(bodyPath, method.getBody()), null);
      }
    } else {
      scanner.scan(bodyPath, null);
    }
    return ImmutableList.copyOf(scanner.items);
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final List<Item> items = new ArrayList<>();
    private final Deque<Branch> branches = new ArrayDeque<>();
    private final Map<Symbol, ExpressionTree> locals = new HashMap<>();
    private int loops;

    // Code that runs later, elsewhere, or once per element

    @Override
    public Void visitClass(ClassTree nested, Void unused) {
      return null; // a class declared on the way runs nothing by being declared
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      MethodInvocationTree runner = inPlaceRunner(getCurrentPath());
      if (runner == null) {
        return null; // handed to an executor, a thread or a callback: it runs later
      }
      ExpressionTree elements = ASTHelpers.getReceiver(runner);
      if (elements != null && lambda.getParameters().size() == 1) {
        locals.put(ASTHelpers.getSymbol(lambda.getParameters().get(0)), elements); // pools.forEach(p -> ..)
      }
      return inLoop(isLoop(runner), () -> super.visitLambdaExpression(lambda, null));
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
      MethodInvocationTree runner = inPlaceRunner(getCurrentPath());
      if (runner != null && methodOf(reference) instanceof MethodSymbol method) {
        // pools.forEach(ExecutorService::shutdown): a step on every element of the receiver
        inLoop(
            isLoop(runner),
            () -> {
              classify(getCurrentPath(), method, ASTHelpers.getReceiver(runner), List.of(), null);
              return null;
            });
      }
      return super.visitMemberReference(reference, null);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
      scan(loop.getExpression(), null);
      locals.put(ASTHelpers.getSymbol(loop.getVariable()), loop.getExpression()); // for (p : pools)
      return inLoop(true, () -> scan(loop.getStatement(), null));
    }

    @Override
    public Void visitForLoop(ForLoopTree loop, Void unused) {
      scan(loop.getInitializer(), null);
      return inLoop(
          true,
          () -> {
            scan(loop.getCondition(), null);
            scan(loop.getStatement(), null);
            return scan(loop.getUpdate(), null);
          });
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree loop, Void unused) {
      return inLoop(true, () -> super.visitWhileLoop(loop, null));
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree loop, Void unused) {
      return inLoop(true, () -> super.visitDoWhileLoop(loop, null));
    }

    // Choices: only one arm runs

    @Override
    public Void visitIf(IfTree choice, Void unused) {
      scan(choice.getCondition(), null);
      inArm(choice, 0, choice.getThenStatement());
      return inArm(choice, 1, choice.getElseStatement());
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree choice, Void unused) {
      scan(choice.getCondition(), null);
      inArm(choice, 0, choice.getTrueExpression());
      return inArm(choice, 1, choice.getFalseExpression());
    }

    @Override
    public Void visitSwitch(SwitchTree choice, Void unused) {
      return inCases(choice, choice.getExpression(), choice.getCases());
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree choice, Void unused) {
      return inCases(choice, choice.getExpression(), choice.getCases());
    }

    private Void inCases(Tree choice, ExpressionTree selector, List<? extends CaseTree> cases) {
      scan(selector, null);
      for (int i = 0; i < cases.size(); i++) {
        inArm(choice, i, cases.get(i));
      }
      return null;
    }

    /** A catch runs instead of the rest of the try block: the two are arms of one choice. */
    @Override
    public Void visitTry(TryTree attempt, Void unused) {
      branches.addLast(new Branch(attempt, 0));
      scan(attempt.getResources(), null);
      scan(attempt.getBlock(), null);
      branches.removeLast();
      List<? extends CatchTree> catches = attempt.getCatches();
      for (int i = 0; i < catches.size(); i++) {
        inArm(attempt, i + 1, catches.get(i));
      }
      return scan(attempt.getFinallyBlock(), null);
    }

    // Values of locals, and the steps

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      super.visitVariable(variable, null);
      if (variable.getInitializer() != null) {
        locals.put(ASTHelpers.getSymbol(variable), variable.getInitializer());
      }
      return null;
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
      super.visitAssignment(assignment, null);
      Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
      if (target == null) {
        return null;
      }
      if (target.getKind() == ElementKind.FIELD && ASTHelpers.constValue(assignment.getExpression()) instanceof Boolean) {
        add(Kind.SET_STOP_FLAG, getCurrentPath(), target, null); // running = false
      } else if (target.getKind() == ElementKind.LOCAL_VARIABLE) {
        locals.put(target, assignment.getExpression());
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      super.visitMethodInvocation(call, null); // what the receiver and the arguments run comes first
      if (methodOf(call) instanceof MethodSymbol method) {
        classify(getCurrentPath(), method, ASTHelpers.getReceiver(call), call.getArguments(), call);
      }
      return null;
    }

    /**
     * What a call does: it runs one of the class's own methods, or it makes a step. {@code
     * receiver} is what it is called on; for a method reference run on each element, the
     * collection; {@code call} is null for a method reference.
     */
    private void classify(
        TreePath site,
        MethodSymbol method,
        ExpressionTree receiver,
        List<? extends ExpressionTree> arguments,
        MethodInvocationTree call) {
      Symbol subject = subjectOf(method, receiver, arguments);
      MethodTree own = ownMethods.apply(method);
      if (own == null && Receivers.isOwnReceiver(receiver)) {
        own = InheritedMethods.bodyRunAt(site, method, state); // super.stop()
      }
      if (own != null && own.getBody() != null) {
        if (!Receivers.isOwnReceiver(receiver) && model.isStopCall(method, state)) {
          add(Kind.RELEASE, site, subject, null); // inner.close(): that object is released too
        }
        List<? extends ExpressionTree> passed = call == null && receiver != null ? List.of(receiver) : arguments;
        items.add(new CallItem(site, own, passed, loops > 0, branchesHere(), localsHere()));
        return;
      }
      LibraryModels libraries = model.libraries();
      if (isIntakeStop(method, receiver)) {
        add(Kind.STOP_INTAKE, site, subject, call == null ? null : timedOrNone(call));
      } else if (Tasks.isInterrupt((ExpressionTree) site.getLeaf(), state)) {
        if (!isCurrentThread(receiver)) { // restoring the interrupt status is no step
          add(Kind.INTERRUPT, site, subject, null);
        }
      } else if (isWait(method)) {
        Kind kind =
            BlockingWaits.isThreadJoin((ExpressionTree) site.getLeaf(), state) ? Kind.JOIN
                : model.isStopCall(method, state) ? Kind.RELEASE // producer.close(): waits, then is released
                : Kind.WAIT;
        add(kind, site, subject, call == null ? Blocking.NON_CONSTANT : blockingOf(call, method));
      } else if (model.isStopCall(method, state)) {
        stopOrRelease(site, method, subject, call);
      } else if (isFlagSet(method, arguments)) {
        add(Kind.SET_STOP_FLAG, site, subject, null); // stopped.set(true)
      }
    }

    private void stopOrRelease(TreePath site, MethodSymbol method, Symbol subject, MethodInvocationTree call) {
      ExpressionTree stopped =
          call == null
              ? null
              : !method.isStatic()
                  ? ASTHelpers.getReceiver(call)
                  : call.getArguments().isEmpty()
                      ? null
                      : call.getArguments().get(0); // closeQuietly(x), shutdownAndAwaitTermination(pool, ..)
      boolean executor =
          stopped != null ? model.isExecutor(ASTHelpers.getType(stopped), state) : model.isExecutor(method.owner.type, state);
      if (!executor) {
        add(Kind.RELEASE, site, subject, null);
        return;
      }
      Blocking blocking = null;
      if (call != null && BlockingWaits.hasTimeoutParameter(method, state) && method.isStatic()) {
        blocking = Blocking.of(Timeouts.of(call, state)); // Guava's shutdownAndAwaitTermination(pool, 20, SECONDS)
      } else if (method.getSimpleName().contentEquals("close")
          && method.getParameters().isEmpty()
          && method.owner.packge().getQualifiedName().contentEquals("java.util.concurrent")
          && TypeMember.isSubtypeOfNamed(method.owner.type, EXECUTOR_SERVICE, state)) {
        blocking = Blocking.UNBOUNDED; // the JDK's ExecutorService.close() waits for every task
      }
      add(Kind.STOP_EXECUTOR, site, subject, blocking);
    }

    /**
     * A server's or consumer's stop, also where the type inherits it: {@code
     * ServerSocketChannel.close()} is declared by a superclass that every channel shares.
     */
    private boolean isIntakeStop(MethodSymbol method, ExpressionTree receiver) {
      if (TypeMember.anyMatches(model.libraries().intakeStops, method, state)) {
        return true;
      }
      Type type = receiver == null || method.isStatic() ? null : ASTHelpers.getType(receiver);
      for (TypeMember row : model.libraries().intakeStops) {
        if (row.member().contentEquals(method.getSimpleName()) && TypeMember.isSubtypeOfNamed(type, row.type(), state)) {
          return true;
        }
      }
      return false;
    }

    private boolean isWait(MethodSymbol method) {
      LibraryModels libraries = model.libraries();
      return TypeMember.anyMatches(libraries.blockingWaits, method, state)
          || (TypeMember.anyMatches(libraries.timedWaits, method, state)
              && BlockingWaits.hasTimeoutParameter(method, state));
    }

    /**
     * How a wait is bounded: by its own timeout, by the timeout of the future it waits on ({@code
     * group.shutdownGracefully(2, 15, SECONDS).sync()}), or not at all.
     */
    private Blocking blockingOf(MethodInvocationTree call, MethodSymbol method) {
      ExpressionTree future = ASTHelpers.stripParentheses(ASTHelpers.getReceiver(call));
      if (future instanceof IdentifierTree local && locals.containsKey(ASTHelpers.getSymbol(local))) {
        future = ASTHelpers.stripParentheses(locals.get(ASTHelpers.getSymbol(local))); // Future<?> f = ..; f.sync()
      }
      if (future instanceof MethodInvocationTree made && BlockingWaits.returnsSelfBoundedFuture(made, state)) {
        return Blocking.of(Timeouts.of(made, state));
      }
      if (BlockingWaits.isUnboundedWait(call, state)) {
        return Blocking.UNBOUNDED;
      }
      return BlockingWaits.hasTimeoutParameter(method, state) ? Blocking.of(Timeouts.of(call, state)) : Blocking.UNBOUNDED;
    }

    /** A stop that takes a timeout (HttpServer.stop(delay), a consumer's close(timeout)) waits up to it. */
    private Blocking timedOrNone(MethodInvocationTree call) {
      Timeouts.Timeout timeout = Timeouts.of(call, state);
      return timeout == null ? null : new Blocking(null, timeout);
    }

    /** {@code flag.set(true)}, {@code lazySet(false)}: a boolean constant written to a flag object. */
    private boolean isFlagSet(MethodSymbol method, List<? extends ExpressionTree> arguments) {
      String name = method.getSimpleName().toString();
      return (name.equals("set") || name.equals("lazySet"))
          && arguments.size() == 1
          && ASTHelpers.constValue(arguments.get(0)) instanceof Boolean;
    }

    /** What a call acts on: its receiver, or the first argument of a static helper. */
    private Symbol subjectOf(MethodSymbol method, ExpressionTree receiver, List<? extends ExpressionTree> arguments) {
      if (method.isStatic()) {
        return arguments.isEmpty() ? null : Receivers.symbolOf(arguments.get(0));
      }
      Symbol subject = receiver == null ? null : Receivers.symbolOf(receiver);
      if (subject != null && subject.getKind() == ElementKind.LOCAL_VARIABLE && locals.get(subject) != null) {
        Symbol aliased = Receivers.symbolOf(locals.get(subject));
        if (aliased != null && aliased.getKind() == ElementKind.FIELD) {
          return aliased; // Client current = this.client (or holder.get()); current.close()
        }
      }
      return subject != null && subject.getKind() == ElementKind.ENUM_CONSTANT ? null : subject; // SECONDS.sleep(1)
    }

    private void add(Kind kind, TreePath site, Symbol subject, Blocking blocking) {
      items.add(new StepItem(kind, site, subject, blocking, loops > 0, branchesHere(), localsHere()));
    }

    private ImmutableList<Branch> branchesHere() {
      return ImmutableList.copyOf(branches);
    }

    private ImmutableMap<Symbol, ExpressionTree> localsHere() {
      return ImmutableMap.copyOf(locals);
    }

    private Void inLoop(boolean loop, java.util.function.Supplier<Void> body) {
      loops += loop ? 1 : 0;
      try {
        return body.get();
      } finally {
        loops -= loop ? 1 : 0;
      }
    }

    private Void inArm(Tree choice, int arm, Tree code) {
      if (code == null) {
        return null;
      }
      branches.addLast(new Branch(choice, arm));
      try {
        return scan(code, null);
      } finally {
        branches.removeLast();
      }
    }
  }

  /** The call that runs the lambda or method reference at {@code path} at once, or null. */
  private MethodInvocationTree inPlaceRunner(TreePath path) {
    TreePath parent = Scopes.parentOutsideParentheses(path);
    return parent != null
            && parent.getLeaf() instanceof MethodInvocationTree call
            && TypeMember.anyMatches(IN_PLACE_RUNNERS, ASTHelpers.getSymbol(call), state)
        ? call
        : null;
  }

  /** Whether a runner calls its lambda per element: {@code forEach}, a stream; not an {@code Optional}. */
  private boolean isLoop(MethodInvocationTree runner) {
    Symbol method = ASTHelpers.getSymbol(runner);
    return method != null && !TypeMember.isSubtypeOfNamed(method.owner.type, OPTIONAL, state);
  }

  /** The method a call or method reference names (read as a plain symbol on every Error Prone). */
  static Symbol methodOf(ExpressionTree tree) {
    return ASTHelpers.getSymbol(tree);
  }

  private static boolean isCurrentThread(ExpressionTree receiver) {
    return receiver instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) != null
        && ASTHelpers.getSymbol(call).getSimpleName().contentEquals("currentThread");
  }
}
