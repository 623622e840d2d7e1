package dev.shutdowncheck.analysis;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.TypeMember;
import java.util.List;

/**
 * Finds the code that a {@code Runtime.addShutdownHook(..)} call will run: a lambda or method
 * reference given to {@code new Thread(..)}, an anonymous {@code Thread} or {@code Runnable}, a
 * {@code Thread} subclass, or a local variable holding one of these. What the source does not show
 * is left out.
 */
public final class ShutdownHooks {

  private static final Matcher<ExpressionTree> ADD_SHUTDOWN_HOOK =
      instanceMethod().onDescendantOf("java.lang.Runtime").named("addShutdownHook");

  /** The name every shutdown-hook registration has: most calls are not one. */
  public static final MethodNames ADD_SHUTDOWN_HOOK_NAME = MethodNames.of("addShutdownHook");

  private static final String RUNNABLE = "java.lang.Runnable";

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
    if (callPath.getLeaf() instanceof MethodInvocationTree call && call.getArguments().size() == 1) {
      return ThreadBodies.of(call.getArguments().get(0), callPath, state);
    }
    return List.of();
  }
}
