package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What some code does with the variables that hold lifecycle objects, found in one pass: where
 * each is given a newly created object, where it is released, and where it escapes (returned,
 * aliased, or passed to code that may keep and release it).
 */
public final class VariableUses {

  /** What creates, releases and merely borrows a kind of lifecycle object. */
  public interface Policy {
    boolean creates(ExpressionTree expression, VisitorState state);

    /** A call on the object that releases it, such as {@code pool.shutdown()}. */
    boolean releasesReceiver(MethodInvocationTree call, VisitorState state);

    /** A method that releases the object passed to it, such as Guava's shutdownAndAwaitTermination. */
    boolean releasesArgument(Symbol method, VisitorState state);

    /** A method that uses the object passed to it but neither keeps nor releases it. */
    boolean borrows(Symbol method, VisitorState state);

    /** A method reference on the object that releases it when run, such as {@code pool::shutdown}. */
    boolean releasesByReference(MemberReferenceTree reference, VisitorState state);
  }

  /** The uses of one variable. */
  public static final class Facts {
    private final List<TreePath> creations = new ArrayList<>();
    private final List<TreePath> releases = new ArrayList<>();
    private final List<TreePath> escapes = new ArrayList<>();

    /** Declarations and assignments that give the variable a newly created object. */
    public List<TreePath> creations() {
      return creations;
    }

    public List<TreePath> releases() {
      return releases;
    }

    public List<TreePath> escapes() {
      return escapes;
    }

    public boolean isOwned() {
      return !creations.isEmpty();
    }
  }

  private VariableUses() {}

  /** The uses of each of {@code tracked} within {@code root}. */
  public static Map<Symbol, Facts> scan(
      TreePath root, Set<? extends Symbol> tracked, Policy policy, VisitorState state) {
    Map<Symbol, Facts> facts = new LinkedHashMap<>();
    for (Symbol symbol : tracked) {
      facts.put(symbol, new Facts());
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        Facts declared = facts.get(ASTHelpers.getSymbol(declaration));
        if (declared != null
            && declaration.getInitializer() != null
            && policy.creates(declaration.getInitializer(), state)) {
          declared.creations.add(getCurrentPath());
        }
        return super.visitVariable(declaration, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        classify(identifier);
        return super.visitIdentifier(identifier, null);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        classify(select);
        return super.visitMemberSelect(select, null);
      }

      private void classify(ExpressionTree read) {
        Facts of = facts.get(ASTHelpers.getSymbol(read));
        if (of != null) {
          classifyUse(read, getCurrentPath(), of, policy, state);
        }
      }
    }.scan(root, null);
    return facts;
  }

  private static void classifyUse(
      ExpressionTree read, TreePath path, Facts facts, Policy policy, VisitorState state) {
    TreePath valuePath = path;
    Tree value = read;
    TreePath parentPath = path.getParentPath();
    // The value flows through parentheses, casts and the branches of ?: unchanged.
    while (parentPath != null && flowsThrough(parentPath.getLeaf(), value)) {
      valuePath = parentPath;
      value = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof AssignmentTree assignment) {
      if (assignment.getVariable() == value) {
        if (policy.creates(assignment.getExpression(), state)) {
          facts.creations.add(parentPath);
        }
      } else {
        facts.escapes.add(valuePath); // aliased into another variable or field
      }
    } else if (parent instanceof VariableTree || parent instanceof ReturnTree) {
      facts.escapes.add(valuePath);
    } else if (parent instanceof MemberSelectTree select && select.getExpression() == value) {
      TreePath callPath = parentPath.getParentPath();
      if (callPath != null
          && callPath.getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select
          && policy.releasesReceiver(call, state)) {
        facts.releases.add(callPath);
      }
    } else if (parent instanceof MemberReferenceTree reference) {
      if (policy.releasesByReference(reference, state)) {
        facts.releases.add(parentPath);
      }
    } else if (parent instanceof MethodInvocationTree call && call.getArguments().contains(value)) {
      classifyArgument(ASTHelpers.getSymbol(call), valuePath, facts, policy, state);
    } else if (parent instanceof NewClassTree newClass && newClass.getArguments().contains(value)) {
      classifyArgument(ASTHelpers.getSymbol(newClass), valuePath, facts, policy, state);
    } else if (parent instanceof TryTree) {
      facts.releases.add(valuePath); // try (pool) { .. } closes it
    }
  }

  private static void classifyArgument(
      Symbol method, TreePath argument, Facts facts, Policy policy, VisitorState state) {
    if (method != null && policy.releasesArgument(method, state)) {
      facts.releases.add(argument);
    } else if (method == null || !policy.borrows(method, state)) {
      facts.escapes.add(argument);
    }
  }

  private static boolean flowsThrough(Tree parent, Tree child) {
    return parent instanceof ParenthesizedTree
        || parent instanceof TypeCastTree
        || (parent instanceof ConditionalExpressionTree conditional
            && conditional.getCondition() != child);
  }
}
