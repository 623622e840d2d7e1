package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.shutdowncheck.analysis.ShutdownPlan;
import dev.shutdowncheck.analysis.ShutdownStep;
import dev.shutdowncheck.model.BlockingWaits;
import dev.shutdowncheck.model.ConstantDurations;
import dev.shutdowncheck.model.KnownValues;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waits that have a deadline as written but none on a shutdown path, because of what that path
 * passes in: {@code close()} calls {@code close(0, MILLISECONDS)}, whose {@code
 * join(unit.toMillis(timeout))} then waits forever. Read from the shutdown plan, which follows the
 * class's own calls with the values their callers pass.
 */
final class TimeoutsPassedIn {

  /** A wait with no deadline, and the call that gives it the timeout that makes it so. */
  record Finding(TreePath passedAt, ShutdownStep step) {}

  private TimeoutsPassedIn() {}

  static List<Finding> of(ShutdownPlan plan, VisitorState state) {
    List<Finding> found = new ArrayList<>();
    Set<Tree> reported = new HashSet<>();
    for (ShutdownPlan.Sequence sequence : plan.sequences()) {
      for (ShutdownStep step : sequence.steps()) {
        if (isForeverByWhatIsPassed(step, state) && !checkedBeforeWaiting(step)) {
          TreePath passedAt = passedAt(step, state);
          if (reported.add(passedAt.getLeaf())) {
            found.add(new Finding(passedAt, step));
          }
        }
      }
    }
    return found;
  }

  /**
   * Whether the step is a wait with a timeout that the plan folds to forever, while the call alone
   * does not say so (then the rule reports the call itself).
   */
  private static boolean isForeverByWhatIsPassed(ShutdownStep step, VisitorState state) {
    return step.blocks()
        && step.waits().bound() == ShutdownStep.Bound.UNBOUNDED
        && step.waits().duration() != null
        && step.site().getLeaf() instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) != null
        && BlockingWaits.hasTimeoutParameter(ASTHelpers.getSymbol(call), state)
        && !BlockingWaits.isUnboundedWait(call, state);
  }

  /**
   * Whether the wait runs only after a test of what its timeout is made of ({@code if (timeoutMs >
   * 0) thread.join(timeoutMs)}): the code tells the values apart, which the plan does not.
   */
  private static boolean checkedBeforeWaiting(ShutdownStep step) {
    Set<Symbol> timeoutVariables = variablesIn(((MethodInvocationTree) step.site().getLeaf()).getArguments());
    for (TreePath path = step.site(); path.getParentPath() != null; path = path.getParentPath()) {
      Tree parent = path.getParentPath().getLeaf();
      if (parent instanceof MethodTree || parent instanceof LambdaExpressionTree || parent instanceof ClassTree) {
        return false;
      }
      ExpressionTree condition =
          parent instanceof IfTree choice ? choice.getCondition()
              : parent instanceof ConditionalExpressionTree choice ? choice.getCondition()
              : parent instanceof WhileLoopTree loop ? loop.getCondition()
              : null;
      if (condition != null
          && condition != path.getLeaf()
          && !Collections.disjoint(variablesIn(List.of(condition)), timeoutVariables)) {
        return true;
      }
    }
    return false;
  }

  private static Set<Symbol> variablesIn(List<? extends Tree> trees) {
    Set<Symbol> variables = new HashSet<>();
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitIdentifier(IdentifierTree identifier, Void unused) {
            if (ASTHelpers.getSymbol(identifier) instanceof VarSymbol variable) {
              variables.add(variable);
            }
            return null;
          }
        };
    for (Tree tree : trees) {
      scanner.scan(tree, null);
    }
    return variables;
  }

  /**
   * The call that passes the constant in: of the calls that lead from the entry point to the wait,
   * the innermost that gives a timeout parameter a constant ({@code close(0, MILLISECONDS)}, {@code
   * stop(Duration.ofMillis(Long.MAX_VALUE))}); else the wait itself, when the constant is a local
   * of its own method, or the entry point's call towards it.
   */
  private static TreePath passedAt(ShutdownStep step, VisitorState state) {
    for (int i = step.via().size() - 1; i >= 0; i--) {
      if (step.via().get(i).getLeaf() instanceof MethodInvocationTree call
          && givesTimeoutConstant(call, state)) {
        return step.via().get(i);
      }
    }
    return step.via().isEmpty() ? step.site() : step.via().get(0);
  }

  private static boolean givesTimeoutConstant(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < parameters.size() && i < call.getArguments().size(); i++) {
      ExpressionTree argument = call.getArguments().get(i);
      TypeTag tag = parameters.get(i).type.getTag();
      boolean constant =
          (tag == TypeTag.LONG || tag == TypeTag.INT)
              ? ASTHelpers.constValue(argument) instanceof Number
              : TypeMember.isSubtypeOfNamed(parameters.get(i).type, "java.time.Duration", state)
                  && ConstantDurations.ofDuration(argument, KnownValues.NONE, state) != null;
      if (constant) {
        return true;
      }
    }
    return false;
  }
}
