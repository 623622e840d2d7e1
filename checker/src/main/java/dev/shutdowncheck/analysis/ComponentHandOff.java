package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.SourceTrees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * Whether a component compiled here takes over what its constructor is given: the constructor
 * stores that argument in a field of the component, and the component has a stop of its own (a
 * shutdown method: {@code close()}, {@code stop()}, ...), so releasing it is that stop's job. A
 * Vert.x {@code VertxBuilder} hands the file resolver it made to the {@code VertxImpl} it builds,
 * whose {@code close()} releases it.
 */
final class ComponentHandOff {

  /** How many superclass constructors a stored argument is followed through. */
  private static final int MAX_SUPERCLASSES = 2;

  private ComponentHandOff() {}

  /** A constructor's source, compiled here, and one of its parameters. */
  record ConstructorParameter(MethodTree constructor, Symbol parameter) {}

  /**
   * The source of {@code constructor} and its parameter {@code index}; null where the constructor
   * has no source with a body here, or takes varargs.
   */
  static ConstructorParameter parameterOf(MethodSymbol constructor, int index, VisitorState state) {
    if (constructor == null || constructor.isVarArgs()) {
      return null;
    }
    MethodTree source = SourceTrees.treeOf(constructor, state);
    if (source == null || source.getBody() == null || index >= source.getParameters().size()) {
      return null;
    }
    return new ConstructorParameter(source, ASTHelpers.getSymbol(source.getParameters().get(index)));
  }

  /** Whether the class that {@code creation} makes keeps its argument {@code index} for its own stop. */
  static boolean keeps(NewClassTree creation, int index, LifecycleModel model, VisitorState state) {
    ClassSymbol component = componentStoring(creation, index, state);
    return component != null && hasOwnStop(component, model, state);
  }

  /**
   * The class that {@code creation} makes, compiled here, when its constructor keeps argument
   * {@code index} in a field of it; null otherwise (an anonymous class, no source, not kept).
   */
  private static ClassSymbol componentStoring(NewClassTree creation, int index, VisitorState state) {
    if (creation.getClassBody() != null) {
      return null;
    }
    MethodSymbol constructor = ASTHelpers.getSymbol(creation);
    return storesInField(constructor, index, MAX_SUPERCLASSES, state) ? constructor.enclClass() : null;
  }

  /**
   * Whether {@code constructor}, compiled here, stores its parameter {@code index} in a field of
   * its class: itself, or by giving it to its superclass's constructor that does ({@code
   * super(executor)}, the field the Hiero SDK's networks inherit from {@code BaseNetwork}).
   */
  private static boolean storesInField(MethodSymbol constructor, int index, int superclasses, VisitorState state) {
    ConstructorParameter given = parameterOf(constructor, index, state);
    if (given == null) {
      return false;
    }
    if (fieldStoring(given.constructor(), given.parameter(), constructor.enclClass()) != null) {
      return true;
    }
    MethodInvocationTree superCall = superCallOf(given.constructor());
    int passedAt = superCall == null ? -1 : indexOf(superCall.getArguments(), given.parameter());
    return superclasses > 0
        && passedAt >= 0
        && storesInField(ASTHelpers.getSymbol(superCall), passedAt, superclasses - 1, state);
  }

  /** The constructor's explicit {@code super(..)} call, its first statement, or null. */
  private static MethodInvocationTree superCallOf(MethodTree constructor) {
    List<? extends StatementTree> statements = constructor.getBody().getStatements();
    return !statements.isEmpty()
            && statements.get(0) instanceof ExpressionStatementTree statement
            && statement.getExpression() instanceof MethodInvocationTree call
            && call.getMethodSelect() instanceof IdentifierTree callee
            && callee.getName().contentEquals("super")
        ? call
        : null;
  }

  /**
   * Whether the constructor that {@code creation} runs, compiled here, does nothing with its
   * argument {@code index} but call its methods ({@code connection = client.connect();}), none of
   * them a stop: it neither stores it, passes it on nor releases it, so the object made holds
   * nothing it could release.
   */
  static boolean onlyUses(NewClassTree creation, int index, LifecycleModel model, VisitorState state) {
    ConstructorParameter given =
        creation.getClassBody() != null ? null : parameterOf(ASTHelpers.getSymbol(creation), index, state);
    if (given == null) {
      return false;
    }
    Symbol parameter = given.parameter();
    boolean[] otherUse = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (call.getMethodSelect() instanceof MemberSelectTree select
            && select.getExpression() instanceof IdentifierTree receiver
            && parameter.equals(ASTHelpers.getSymbol(receiver))) {
          otherUse[0] |= model.isStopCall(ASTHelpers.getSymbol(call), state);
          scan(call.getArguments(), null); // the receiver of a call: a use
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        otherUse[0] |= parameter.equals(ASTHelpers.getSymbol(identifier));
        return null;
      }
    }.scan(given.constructor().getBody(), null);
    return !otherUse[0];
  }

  /**
   * Whether {@code site}, a {@code new} or a call given {@code value} as an argument, only lends it
   * to a component compiled here: the component's constructor keeps it in a field, and the
   * component has no stop of its own, so it uses it and can never stop it (the Hiero SDK's {@code
   * Network}, given the client's pool). A static factory compiled here counts as the {@code new}
   * it gives the value to, where that is the value's only use in it ({@code var book = ..; return
   * new Network(executor, book);}).
   */
  static boolean lendsTo(Tree site, Symbol value, LifecycleModel model, VisitorState state) {
    NewClassTree creation = null;
    int index = -1;
    if (site instanceof NewClassTree made) {
      creation = made;
      index = indexOf(made.getArguments(), value);
    } else if (site instanceof MethodInvocationTree call) {
      MethodTree factory = staticFactory(ASTHelpers.getSymbol(call), state);
      int given = indexOf(call.getArguments(), value);
      if (factory != null && given >= 0 && given < factory.getParameters().size()) {
        Symbol parameter = ASTHelpers.getSymbol(factory.getParameters().get(given));
        creation = onlyUseIn(factory, parameter);
        index = creation == null ? -1 : indexOf(creation.getArguments(), parameter);
      }
    }
    ClassSymbol component = creation == null || index < 0 ? null : componentStoring(creation, index, state);
    return component != null && !hasOwnStop(component, model, state);
  }

  /** The source, with a body, of {@code method} when it is static. */
  private static MethodTree staticFactory(MethodSymbol method, VisitorState state) {
    if (method == null || !method.isStatic() || method.isVarArgs()) {
      return null;
    }
    MethodTree source = SourceTrees.treeOf(method, state);
    return source != null && source.getBody() != null ? source : null;
  }

  /**
   * The {@code new} (of a named class) that {@code factory} gives {@code parameter} to, where that
   * argument is the parameter's only use in the factory's body; null otherwise.
   */
  private static NewClassTree onlyUseIn(MethodTree factory, Symbol parameter) {
    List<NewClassTree> madeWith = new ArrayList<>();
    int[] uses = {0};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree made, Void unused) {
        if (made.getClassBody() == null && indexOf(made.getArguments(), parameter) >= 0) {
          madeWith.add(made);
        }
        return super.visitNewClass(made, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        uses[0] += parameter.equals(ASTHelpers.getSymbol(identifier)) ? 1 : 0;
        return null;
      }
    }.scan(factory.getBody(), null);
    return uses[0] == 1 && madeWith.size() == 1 ? madeWith.get(0) : null;
  }

  /** The position of the argument that is {@code value} itself, or -1. */
  private static int indexOf(List<? extends ExpressionTree> arguments, Symbol value) {
    for (int i = 0; i < arguments.size(); i++) {
      if (value.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(arguments.get(i))))) {
        return i;
      }
    }
    return -1;
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
