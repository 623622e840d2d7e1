package dev.shutdowncheck.analysis;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.TypeMember;
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
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * Finds the code that a {@code Runtime.addShutdownHook(..)} call will run: a lambda or method
 * reference given to {@code new Thread(..)}, an anonymous {@code Thread} or {@code Runnable}, a
 * {@code Thread} subclass, or a local variable holding one of these. What the source does not show
 * is left out.
 */
public final class ShutdownHooks {

  private static final Matcher<ExpressionTree> ADD_SHUTDOWN_HOOK =
      instanceMethod().onDescendantOf("java.lang.Runtime").named("addShutdownHook");

  private static final MethodNames ADD_SHUTDOWN_HOOK_NAME = MethodNames.of("addShutdownHook");

  private static final String RUNNABLE = "java.lang.Runnable";
  private static final String THREAD = "java.lang.Thread";

  private ShutdownHooks() {}

  /**
   * Whether {@code tree} registers a shutdown hook: {@code Runtime.addShutdownHook(thread)}, or a
   * one-argument method of the same name, which wrappers and registries use to forward to it.
   */
  public static boolean isAddShutdownHook(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call)) {
      return ADD_SHUTDOWN_HOOK.matches(tree, state); // a method reference
    }
    // Every call is asked: the cheap tests first.
    return call.getArguments().size() == 1
        && ADD_SHUTDOWN_HOOK_NAME.named(call, state)
        && (ADD_SHUTDOWN_HOOK.matches(tree, state)
            || TypeMember.isSubtypeOfNamed(ASTHelpers.getType(call.getArguments().get(0)), RUNNABLE, state));
  }

  /**
   * The bodies the hook registered by {@code call} runs: lambda bodies and method declarations.
   *
   * @param callPath the path to the {@code addShutdownHook} call, used to find local variables
   */
  public static List<Tree> bodiesOf(TreePath callPath, VisitorState state) {
    List<Tree> bodies = new ArrayList<>();
    if (callPath.getLeaf() instanceof MethodInvocationTree call && call.getArguments().size() == 1) {
      addThreadBodies(call.getArguments().get(0), callPath, bodies, state, 0);
    }
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
    if (tree instanceof LambdaExpressionTree lambda) {
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
    if (constructor == null || !(constructor.owner instanceof ClassSymbol owner)) {
      return;
    }
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
