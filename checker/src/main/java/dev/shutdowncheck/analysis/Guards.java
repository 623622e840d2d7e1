package dev.shutdowncheck.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * What the code around a statement says about the object's state where it runs: the conditions of
 * the {@code if}s it is in, and of the early exits before it ({@code if (!initialized) return;}),
 * as far as they read the object's own state (a boolean field, a field compared with {@code null},
 * a no-argument boolean query). Enough to see that a wait reached from a shutdown path only through
 * a guard can never run there.
 */
public final class Guards {

  /**
   * The object's state where code runs: {@code subject} is, or is not, true ({@code nonNull}
   * false), or non-null ({@code nonNull} true).
   */
  public record Fact(Symbol subject, boolean nonNull, boolean holds) {
    // Written out: a record's own equals and hashCode bind method handles the first time they run,
    // tens of milliseconds in a javac that nothing else makes pay for them.
    @Override
    public boolean equals(Object other) {
      return other instanceof Fact fact
          && subject.equals(fact.subject)
          && nonNull == fact.nonNull
          && holds == fact.holds;
    }

    @Override
    public int hashCode() {
      return subject.hashCode() * 4 + (nonNull ? 2 : 0) + (holds ? 1 : 0);
    }
  }

  private Guards() {}

  /** The facts that hold at {@code path}, read within its method or lambda. */
  public static Set<Fact> at(TreePath path) {
    Set<Fact> facts = new HashSet<>();
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
      if (leaf instanceof IfTree branch && child != branch.getCondition()) {
        add(branch.getCondition(), child == branch.getThenStatement(), facts);
      } else if (leaf instanceof BlockTree block) {
        for (StatementTree before : block.getStatements()) {
          if (before == child) {
            break;
          }
          if (before instanceof IfTree exit && exit.getElseStatement() == null && exits(exit.getThenStatement())) {
            add(exit.getCondition(), false, facts); // past "if (c) return;", c is false
          }
        }
      }
      child = leaf;
    }
    return facts;
  }

  /** Whether some fact of {@code one} says the opposite of one of {@code other}. */
  public static boolean contradict(Set<Fact> one, Set<Fact> other) {
    for (Fact fact : one) {
      if (other.contains(new Fact(fact.subject(), fact.nonNull(), !fact.holds()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean exits(StatementTree statement) {
    Tree last = statement instanceof BlockTree block && !block.getStatements().isEmpty()
        ? block.getStatements().get(block.getStatements().size() - 1)
        : statement;
    return last instanceof ReturnTree || last instanceof ThrowTree || last instanceof BreakTree;
  }

  /** Adds what {@code condition} having the value {@code value} says about the object's state. */
  private static void add(ExpressionTree condition, boolean value, Set<Fact> facts) {
    ExpressionTree tree = ASTHelpers.stripParentheses(condition);
    if (tree instanceof UnaryTree not && tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      add(not.getExpression(), !value, facts);
    } else if (tree instanceof BinaryTree binary) {
      switch (tree.getKind()) {
        case CONDITIONAL_AND -> {
          if (value) {
            add(binary.getLeftOperand(), true, facts);
            add(binary.getRightOperand(), true, facts);
          }
        }
        case CONDITIONAL_OR -> {
          if (!value) {
            add(binary.getLeftOperand(), false, facts);
            add(binary.getRightOperand(), false, facts);
          }
        }
        case EQUAL_TO, NOT_EQUAL_TO -> {
          ExpressionTree other = isNull(binary.getRightOperand()) ? binary.getLeftOperand()
              : isNull(binary.getLeftOperand()) ? binary.getRightOperand() : null;
          Symbol subject = other == null ? null : stateOf(other);
          if (subject != null) {
            facts.add(new Fact(subject, true, tree.getKind() == Tree.Kind.NOT_EQUAL_TO ? value : !value));
          }
        }
        default -> {}
      }
    } else {
      Symbol subject = stateOf(tree);
      if (subject != null) {
        facts.add(new Fact(subject, false, value));
      }
    }
  }

  /**
   * The piece of the object's state an expression reads: a field, a no-argument method of the
   * class ({@code isInitialized()}), or the field a query is made on ({@code started.get()}).
   */
  private static Symbol stateOf(ExpressionTree expression) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol != null && symbol.getKind() == ElementKind.FIELD) {
      return symbol;
    }
    if (tree instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && symbol instanceof MethodSymbol method
        && !method.isStatic()) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      if (receiver == null) {
        return method; // isInitialized()
      }
      Symbol field = ASTHelpers.getSymbol(receiver);
      return field != null && field.getKind() == ElementKind.FIELD ? field : null; // started.get()
    }
    return null;
  }

  private static boolean isNull(ExpressionTree expression) {
    return ASTHelpers.stripParentheses(expression).getKind() == Tree.Kind.NULL_LITERAL;
  }

  /** Whether a condition around the assignment reads the field, as lazy initialization does. */
  public static boolean isGuardedBy(TreePath creation, Symbol field) {
    for (TreePath p = creation; p != null && !(p.getLeaf() instanceof MethodTree); p = p.getParentPath()) {
      ExpressionTree condition = conditionOf(p.getLeaf());
      if (condition != null && reads(condition, field)) {
        return true;
      }
    }
    return false;
  }

  private static ExpressionTree conditionOf(Tree tree) {
    if (tree instanceof IfTree ifTree) {
      return ifTree.getCondition();
    }
    if (tree instanceof ConditionalExpressionTree conditional) {
      return conditional.getCondition();
    }
    if (tree instanceof WhileLoopTree loop) {
      return loop.getCondition();
    }
    if (tree instanceof DoWhileLoopTree loop) {
      return loop.getCondition();
    }
    return null;
  }

  private static boolean reads(Tree tree, Symbol field) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree node, Void unused) {
        if (node instanceof ExpressionTree expression && field.equals(ASTHelpers.getSymbol(expression))) {
          found[0] = true;
        }
        return found[0] ? null : super.scan(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }
}
