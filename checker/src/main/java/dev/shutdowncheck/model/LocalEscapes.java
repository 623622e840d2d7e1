package dev.shutdowncheck.model;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the value of a local variable goes within its method, found in one pass: the assignments
 * that give it a value, and the places it leaves the variable (aliased, returned, stored, or passed
 * to a call). Not a lifecycle question (for that, see {@code LifecycleUses}): it tells whether a
 * builder or connection is configured only where the code can see it.
 */
public final class LocalEscapes {

  /** The uses of one variable. */
  public static final class Facts {
    private final List<TreePath> assignments = new ArrayList<>();
    private final List<TreePath> escapes = new ArrayList<>();

    /** Declarations and assignments that give the variable a value. */
    public List<TreePath> assignments() {
      return assignments;
    }

    public List<TreePath> escapes() {
      return escapes;
    }
  }

  private LocalEscapes() {}

  /** The uses of {@code local} within {@code root}. */
  public static Facts scan(TreePath root, Symbol local) {
    Facts facts = new Facts();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (local.equals(ASTHelpers.getSymbol(declaration)) && declaration.getInitializer() != null) {
          facts.assignments.add(getCurrentPath());
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
        if (local.equals(ASTHelpers.getSymbol(read))) {
          classifyUse(read, getCurrentPath(), facts);
        }
      }
    }.scan(root, null);
    return facts;
  }

  private static void classifyUse(ExpressionTree read, TreePath path, Facts facts) {
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
        facts.assignments.add(parentPath);
      } else {
        facts.escapes.add(valuePath); // aliased into another variable or field
      }
    } else if (parent instanceof VariableTree || parent instanceof ReturnTree) {
      facts.escapes.add(valuePath);
    } else if ((parent instanceof MethodInvocationTree call && call.getArguments().contains(value))
        || (parent instanceof NewClassTree newClass && newClass.getArguments().contains(value))) {
      facts.escapes.add(valuePath);
    }
  }

  private static boolean flowsThrough(Tree parent, Tree child) {
    return parent instanceof ParenthesizedTree
        || parent instanceof TypeCastTree
        || (parent instanceof ConditionalExpressionTree conditional
            && conditional.getCondition() != child);
  }
}
