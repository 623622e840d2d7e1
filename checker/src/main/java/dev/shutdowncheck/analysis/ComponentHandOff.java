package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.SourceTrees;
import javax.lang.model.element.ElementKind;

/**
 * Whether a component compiled here takes over what its constructor is given: the constructor
 * stores that argument in a field of the component, and the component has a stop of its own (a
 * shutdown method: {@code close()}, {@code stop()}, ...), so releasing it is that stop's job. A
 * Vert.x {@code VertxBuilder} hands the file resolver it made to the {@code VertxImpl} it builds,
 * whose {@code close()} releases it.
 */
final class ComponentHandOff {

  private ComponentHandOff() {}

  /** Whether the class that {@code creation} makes keeps its argument {@code index} for its own stop. */
  static boolean keeps(NewClassTree creation, int index, LifecycleModel model, VisitorState state) {
    MethodSymbol constructor = ASTHelpers.getSymbol(creation);
    if (creation.getClassBody() != null || constructor == null || constructor.isVarArgs()) {
      return false;
    }
    MethodTree source = SourceTrees.treeOf(constructor, state);
    if (source == null || source.getBody() == null || index >= source.getParameters().size()) {
      return false;
    }
    Symbol parameter = ASTHelpers.getSymbol(source.getParameters().get(index));
    ClassSymbol component = constructor.enclClass();
    return fieldStoring(source, parameter, component) != null && hasOwnStop(component, model, state);
  }

  /**
   * The field of {@code component} that {@code this.resolver = resolver;}, among the constructor's
   * own statements, stores {@code parameter} in; null if there is none.
   */
  static VarSymbol fieldStoring(MethodTree constructor, Symbol parameter, ClassSymbol component) {
    for (StatementTree statement : constructor.getBody().getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof AssignmentTree assignment
          && parameter.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(assignment.getExpression())))) {
        Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
        if (target instanceof VarSymbol field
            && target.getKind() == ElementKind.FIELD
            && target.owner.equals(component)) {
          return field;
        }
      }
    }
    return null;
  }

  /**
   * Whether the component or a superclass of it compiled here declares a shutdown method (as
   * {@link InheritedShutdown} reads one): a class that only inherits one from a library ({@code
   * Thread.stop()}) has no stop of its own.
   */
  private static boolean hasOwnStop(ClassSymbol component, LifecycleModel model, VisitorState state) {
    for (Type type = component.type;
        type != null && type.hasTag(TypeTag.CLASS) && isFromSource(type.tsym, state);
        type = state.getTypes().supertype(type)) {
      if (type.tsym instanceof ClassSymbol declaring
          && InheritedShutdown.shutdownMethodIn(declaring, model, state) != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFromSource(Symbol type, VisitorState state) {
    return JavacTrees.instance(state.context).getTree(type) != null;
  }
}
