package dev.shutdowncheck.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Where a class gives one of its fields a new executor or resource while the one it made on
 * construction may still run or be open: outside the constructor, with no null test of the field
 * around it, and with nothing earlier in the same method that stops, releases or saves the old one
 * (in a local, to close after), directly or through the class's own methods it calls first ({@code
 * disconnect(); socket = new Socket(..)}).
 */
final class Replacements {

  /** How far a release is followed up through the class's own callers. */
  private static final int CALLER_DEPTH = 3;

  private Replacements() {}

  static List<TreePath> leaking(ClassLifecycle.OwnedField field, ClassLifecycle lifecycle) {
    if (field.creations().stream().noneMatch(Replacements::isDuringConstruction)) {
      return List.of(); // start() creates it and stop() stops it: nothing is replaced
    }
    Set<MethodTree> releasing = null;
    List<TreePath> leaking = new ArrayList<>();
    for (TreePath creation : field.creations()) {
      if (isDuringConstruction(creation) || Guards.isGuardedBy(creation, field.field())) {
        continue;
      }
      if (releasing == null) {
        releasing = methodsThatRelease(field, lifecycle);
      }
      if (!releasedBefore(creation, field, releasing, lifecycle)) {
        leaking.add(creation);
      }
    }
    return leaking;
  }

  /**
   * Whether the creation is the field's initializer, runs in a constructor or initializer, or is
   * given to the constructor of a new instance ({@code return new Client(new Socket(..))} in a
   * factory method fills the new client's field, not this one's).
   */
  private static boolean isDuringConstruction(TreePath creation) {
    if (creation.getLeaf() instanceof VariableTree
        || creation.getParentPath().getLeaf() instanceof NewClassTree) {
      return true;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(creation, MethodTree.class);
    if (method == null) {
      return true; // an initializer block
    }
    return ASTHelpers.getSymbol(method) != null && ASTHelpers.getSymbol(method).isConstructor();
  }

  /** The methods that release or hand off the field, and the class's own methods that call them. */
  private static Set<MethodTree> methodsThatRelease(ClassLifecycle.OwnedField field, ClassLifecycle lifecycle) {
    Set<MethodTree> methods = new LinkedHashSet<>();
    List<TreePath> sites = new ArrayList<>(field.releases());
    sites.addAll(field.handOffs());
    for (int depth = 0; depth <= CALLER_DEPTH && !sites.isEmpty(); depth++) {
      List<TreePath> callers = new ArrayList<>();
      for (TreePath site : sites) {
        MethodTree method = ASTHelpers.findEnclosingNode(site, MethodTree.class);
        MethodSymbol symbol = method == null ? null : ASTHelpers.getSymbol(method);
        if (symbol != null && methods.add(method)) {
          callers.addAll(lifecycle.callSitesOf(symbol));
        }
      }
      sites = callers;
    }
    return methods;
  }

  /**
   * Whether, earlier in the method of {@code creation}, the old value is released or saved, or a
   * method of the class that releases it is called.
   */
  private static boolean releasedBefore(
      TreePath creation, ClassLifecycle.OwnedField field, Set<MethodTree> releasing, ClassLifecycle lifecycle) {
    MethodTree method = ASTHelpers.findEnclosingNode(creation, MethodTree.class);
    int position = ASTHelpers.getStartPosition(creation.getLeaf());
    if (isBefore(field.releases(), method, position)
        || isBefore(field.handOffs(), method, position)
        || savedInLocalBefore(method, field.field(), position)) {
      return true;
    }
    for (MethodTree releaser : releasing) {
      MethodSymbol symbol = ASTHelpers.getSymbol(releaser);
      if (releaser != method && isBefore(lifecycle.callSitesOf(symbol), method, position)) {
        return true;
      }
    }
    return false;
  }

  /** {@code Writer old = out; out = newWriter(); old.close();}: the old value kept to close later. */
  private static boolean savedInLocalBefore(MethodTree method, Symbol field, int position) {
    if (method == null || method.getBody() == null) {
      return false;
    }
    boolean[] saved = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        check(variable, variable.getInitializer());
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
        if (target != null && target.getKind() == ElementKind.LOCAL_VARIABLE) {
          check(assignment, assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }

      private void check(Tree where, ExpressionTree value) {
        saved[0] |=
            value != null
                && ASTHelpers.getStartPosition(where) < position
                && field.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(value)));
      }
    }.scan(method.getBody(), null);
    return saved[0];
  }

  private static boolean isBefore(List<TreePath> uses, MethodTree method, int position) {
    for (TreePath use : uses) {
      if (ASTHelpers.findEnclosingNode(use, MethodTree.class) == method
          && ASTHelpers.getStartPosition(use.getLeaf()) < position) {
        return true;
      }
    }
    return false;
  }
}
