package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * The code a thread runs, as far as the source shows it: the {@code run()} of an anonymous or
 * named {@code Thread} subclass, or the {@code Runnable} given to it (a lambda, a method reference,
 * an anonymous or named {@code Runnable}, {@code this}), also through a thread factory ({@code
 * factory.newThread(task)}, {@code Thread.ofPlatform().start(task)}) or a local variable. Shutdown
 * hooks and the threads a class keeps are read the same way.
 */
public final class ThreadBodies {

  private static final String RUNNABLE = "java.lang.Runnable";
  private static final String THREAD = "java.lang.Thread";

  private ThreadBodies() {}

  /**
   * The bodies (lambda bodies and method declarations) that the thread {@code thread} makes runs.
   *
   * @param context a path at or inside the code where the thread is made, to find local variables
   */
  public static List<Tree> of(ExpressionTree thread, TreePath context, VisitorState state) {
    List<Tree> bodies = new ArrayList<>();
    addThreadBodies(thread, context, bodies, state, 0);
    return bodies;
  }

  private static void addThreadBodies(
      ExpressionTree expression, TreePath context, List<Tree> bodies, VisitorState state, int depth) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (depth > 2) {
      return;
    }
    if (tree instanceof NewClassTree newThread) {
      if (newThread.getClassBody() != null) {
        addRunMethod(newThread.getClassBody(), bodies);
      } else {
        addRunOfNamedClass(ASTHelpers.getSymbol(newThread), bodies, state);
      }
      addRunnableArguments(newThread.getArguments(), context, bodies, state, depth);
    } else if (tree instanceof MethodInvocationTree factoryCall) {
      // Thread.ofPlatform().unstarted(task), threadFactory.newThread(task), ...
      addRunnableArguments(factoryCall.getArguments(), context, bodies, state, depth);
    } else {
      ExpressionTree initializer = localInitializer(tree, context);
      if (initializer != null) {
        addThreadBodies(initializer, context, bodies, state, depth + 1);
      } else if (ASTHelpers.getType(tree) != null
          && ASTHelpers.getType(tree).tsym instanceof ClassSymbol declared) {
        // A field typed with a thread class of this compilation (Mule's `static MuleShutdownHook
        // hook`): whatever it holds runs that class's run().
        addRunOf(declared, bodies, state);
      }
    }
  }

  private static void addRunnableArguments(
      List<? extends ExpressionTree> arguments,
      TreePath context,
      List<Tree> bodies,
      VisitorState state,
      int depth) {
    for (ExpressionTree argument : arguments) {
      Type type = ASTHelpers.getType(argument);
      if (TypeMember.isSubtypeOfNamed(type, RUNNABLE, state)) {
        addRunnable(argument, context, bodies, state, depth);
      }
    }
  }

  private static void addRunnable(
      ExpressionTree expression, TreePath context, List<Tree> bodies, VisitorState state, int depth) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (Receivers.isThis(tree)) {
      ClassTree enclosing = ASTHelpers.findEnclosingNode(context, ClassTree.class);
      if (enclosing != null) {
        addRunMethod(enclosing, bodies); // new Thread(this) in a Runnable
      }
    } else if (tree instanceof LambdaExpressionTree lambda) {
      bodies.add(lambda.getBody());
    } else if (tree instanceof MemberReferenceTree reference) {
      MethodTree method = SourceTrees.treeOf(ASTHelpers.getSymbol(reference), state);
      if (method != null) {
        bodies.add(method);
      }
    } else if (tree instanceof NewClassTree) {
      addThreadBodies(tree, context, bodies, state, depth + 1);
    } else {
      ExpressionTree initializer = localInitializer(tree, context);
      if (initializer != null) {
        addRunnable(initializer, context, bodies, state, depth + 1);
      }
    }
  }

  private static void addRunMethod(ClassTree body, List<Tree> bodies) {
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("run")
          && method.getParameters().isEmpty()
          && method.getBody() != null) {
        bodies.add(method);
      }
    }
  }

  /** The {@code run()} of a named {@code Thread} or {@code Runnable} class compiled here. */
  private static void addRunOfNamedClass(MethodSymbol constructor, List<Tree> bodies, VisitorState state) {
    if (constructor != null && constructor.owner instanceof ClassSymbol owner) {
      addRunOf(owner, bodies, state);
    }
  }

  /** The {@code run()} that {@code owner} declares, when it is compiled here (never Thread's own). */
  private static void addRunOf(ClassSymbol owner, List<Tree> bodies, VisitorState state) {
    if (owner.getQualifiedName().contentEquals(THREAD)) {
      return;
    }
    for (Symbol member : owner.getEnclosedElements()) {
      if (member instanceof MethodSymbol method
          && method.getSimpleName().contentEquals("run")
          && method.getParameters().isEmpty()) {
        MethodTree run = SourceTrees.treeOf(method, state);
        if (run != null) {
          bodies.add(run);
        }
      }
    }
  }

  /** The initializer of the local variable {@code tree} reads, found in the enclosing method. */
  private static ExpressionTree localInitializer(ExpressionTree tree, TreePath context) {
    Symbol variable = ASTHelpers.getSymbol(tree);
    if (variable == null || variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return null;
    }
    Tree scope = ASTHelpers.findEnclosingNode(context, MethodTree.class);
    if (scope == null) {
      scope = ASTHelpers.findEnclosingNode(context, ClassTree.class); // an initializer block
    }
    if (scope == null) {
      return null;
    }
    ExpressionTree[] found = new ExpressionTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (variable.equals(ASTHelpers.getSymbol(declaration))) {
          found[0] = declaration.getInitializer();
        }
        return super.visitVariable(declaration, null);
      }
    }.scan(scope, null);
    return found[0];
  }
}
