package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.FutureFamilies;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.TestCode;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;

/**
 * A wait on a future that can be cancelled, in a {@code try} that handles the task's failure but
 * not its cancellation: {@code get()} and {@code join()} then throw {@code CancellationException},
 * unchecked, past the handler, and end the loop or thread that was collecting results.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A cancellable future's failure is handled but its cancellation is not",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/CancellationNotHandled.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class CancellationNotHandled extends CallRule {

  private static final Matcher<ExpressionTree> WAIT_FOR_RESULT =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("get"),
          instanceMethod().onDescendantOf("java.util.concurrent.CompletableFuture").named("join"));

  private static final MethodNames WAIT_FOR_RESULT_NAMES = MethodNames.of("get", "join");

  private static final String CANCELLATION = "java.util.concurrent.CancellationException";

  /** Exceptions that report the task's failure (or its lateness), as opposed to its cancellation. */
  private static final ImmutableList<String> FAILURES =
      ImmutableList.of(
          "java.util.concurrent.ExecutionException",
          "java.util.concurrent.CompletionException",
          "java.util.concurrent.TimeoutException");

  public CancellationNotHandled() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public CancellationNotHandled(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis, WAIT_FOR_RESULT_NAMES, WAIT_FOR_RESULT);
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
    if (TestCode.isInTestClass(state.getPath(), state)) {
      return NO_MATCH;
    }
    Type cancellation = state.getTypeFromString(CANCELLATION);
    List<TryTree> guards = enclosingTries(state.getPath());
    CatchTree failureHandler = null;
    for (TryTree guard : guards) {
      for (CatchTree handler : guard.getCatches()) {
        List<Type> caught = alternatives(ASTHelpers.getType(handler.getParameter()));
        if (caught.stream().anyMatch(type -> ASTHelpers.isSubtype(cancellation, type, state))) {
          return NO_MATCH;
        }
        if (failureHandler == null && handlesFailure(caught, state) && !throwsFrom(handler)) {
          failureHandler = handler;
        }
      }
    }
    // A handler that rethrows propagates the failure, and the cancellation with it, on purpose.
    if (failureHandler == null
        || !FutureFamilies.mayBeCancelled(ASTHelpers.getReceiver(call), guards, state)) {
      return NO_MATCH;
    }
    return finding(
        call,
        "This future can be cancelled (it is cancelled elsewhere, or comes from a timed invokeAll)"
            + " and a cancelled future throws CancellationException, not ExecutionException: it"
            + " escapes the handler below and ends this loop or thread; handle it with the failure",
        addCancellationFix(failureHandler, state),
        state);
  }

  /** The {@code try} statements, innermost first, whose protected block holds the current path. */
  private static List<TryTree> enclosingTries(TreePath path) {
    List<TryTree> tries = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
      if (leaf instanceof TryTree tryTree && tryTree.getBlock() == child) {
        tries.add(tryTree);
      }
      child = leaf;
    }
    return tries;
  }

  private static List<Type> alternatives(Type type) {
    if (type instanceof UnionClassType union) {
      return ImmutableList.copyOf(union.getAlternativeTypes());
    }
    return type == null ? ImmutableList.of() : ImmutableList.of(type);
  }

  private static boolean handlesFailure(List<Type> caught, VisitorState state) {
    for (Type type : caught) {
      for (String failure : FAILURES) {
        Type failureType = state.getTypeFromString(failure);
        if (failureType != null && ASTHelpers.isSubtype(type, failureType, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean throwsFrom(CatchTree handler) {
    return Scopes.ownCode(handler.getBlock()).stream().anyMatch(tree -> tree instanceof ThrowTree);
  }

  /**
   * {@code catch (ExecutionException e)} becomes {@code catch (ExecutionException |
   * CancellationException e)}; offered only where the handler uses {@code e} as any exception.
   */
  private SuggestedEdits addCancellationFix(CatchTree handler, VisitorState state) {
    if (!usesExceptionGenerically(handler, state)) {
      return SuggestedEdits.NONE;
    }
    return SuggestedEdits.builder()
        .insertAfter(handler.getParameter().getType(), " | CancellationException", state)
        .addImport(CANCELLATION, state)
        .build();
  }

  /**
   * Whether every use of the caught exception still compiles once its static type widens to
   * {@code Exception}: calls on it, string concatenation, {@code instanceof}, and arguments to
   * parameters that take any exception (loggers, {@code new RuntimeException(e)}).
   */
  private static boolean usesExceptionGenerically(CatchTree handler, VisitorState state) {
    Symbol exception = ASTHelpers.getSymbol(handler.getParameter());
    Type anyException = state.getSymtab().exceptionType;
    boolean[] generic = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (exception != null && exception.equals(ASTHelpers.getSymbol(identifier))) {
          generic[0] &= isGenericUse(identifier, getCurrentPath().getParentPath().getLeaf(), anyException, state);
        }
        return null;
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), handler.getBlock()), null);
    return generic[0];
  }

  private static boolean isGenericUse(Tree use, Tree parent, Type anyException, VisitorState state) {
    if (parent instanceof MemberSelectTree
        || parent instanceof BinaryTree
        || parent instanceof InstanceOfTree) {
      return true;
    }
    MethodSymbol callee = null;
    List<? extends ExpressionTree> arguments = null;
    if (parent instanceof MethodInvocationTree invocation) {
      callee = ASTHelpers.getSymbol(invocation);
      arguments = invocation.getArguments();
    } else if (parent instanceof NewClassTree creation) {
      callee = ASTHelpers.getSymbol(creation);
      arguments = creation.getArguments();
    }
    if (callee == null || arguments == null) {
      return false;
    }
    int index = arguments.indexOf(use);
    List<? extends Symbol.VarSymbol> parameters = callee.getParameters();
    if (index < 0 || parameters.isEmpty()) {
      return false;
    }
    Type parameter = parameters.get(Math.min(index, parameters.size() - 1)).type;
    if (callee.isVarArgs() && index >= parameters.size() - 1 && parameter instanceof Type.ArrayType array) {
      parameter = array.elemtype;
    }
    return ASTHelpers.isSubtype(anyException, state.getTypes().erasure(parameter), state);
  }
}
