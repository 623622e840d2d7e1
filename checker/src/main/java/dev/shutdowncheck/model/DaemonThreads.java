package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
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
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;

/** Finds the signs that threads are daemons: an executor's thread factory, a thread made here. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /**
   * Whether {@code task}, a lambda or the {@code run()} of an anonymous {@code Thread}, is the work
   * of a thread created right there that the code makes a daemon: {@code Thread t = new
   * Thread(() -> ..); t.setDaemon(true);}, or a field holding {@code new Thread() {..}} that the
   * class marks so. The JVM does not wait for such a thread when it exits.
   */
  public static boolean runsOnDaemonThread(TreePath task, VisitorState state) {
    TreePath creation = task.getParentPath();
    if (task.getLeaf() instanceof MethodTree && creation != null && creation.getLeaf() instanceof ClassTree) {
      creation = creation.getParentPath(); // run() of new Thread() {..}
    }
    if (creation == null
        || !(creation.getLeaf() instanceof NewClassTree newThread)
        || !TypeMember.isSubtypeOfNamed(ASTHelpers.getType(newThread), "java.lang.Thread", state)) {
      return false;
    }
    Tree holder = creation.getParentPath() == null ? null : creation.getParentPath().getLeaf();
    Symbol thread =
        holder instanceof VariableTree variable && variable.getInitializer() == newThread
            ? ASTHelpers.getSymbol(variable)
            : holder instanceof AssignmentTree assignment && assignment.getExpression() == newThread
                ? ASTHelpers.getSymbol(assignment.getVariable())
                : null;
    if (thread == null) {
      return false;
    }
    // A local is made a daemon in its method, a field anywhere in its class.
    Tree scope =
        thread.getKind() == ElementKind.FIELD
            ? ASTHelpers.findEnclosingNode(creation, ClassTree.class)
            : ASTHelpers.findEnclosingNode(creation, MethodTree.class);
    return scope != null && setsDaemon(scope, thread);
  }

  /**
   * Whether the thread or timer that a field holds is a daemon, as far as the class shows it: the
   * class calls {@code field.setDaemon(true)}, the thread comes from a factory that makes daemons,
   * its own class's constructor makes itself one, or the timer is made with {@code new
   * Timer(true)}.
   */
  public static boolean isDaemon(
      Symbol field, List<ExpressionTree> creations, Tree classTree, VisitorState state) {
    if (setsDaemon(classTree, field)) {
      return true;
    }
    for (ExpressionTree creation : creations) {
      ExpressionTree tree = ASTHelpers.stripParentheses(creation);
      boolean daemon =
          mentioned(tree, NamingConventions.DAEMON_MARKER, state, 1)
              || isDaemonTimer(tree, state)
              || (tree instanceof NewClassTree thread && constructorMakesDaemon(thread, state));
      if (!daemon) {
        return false;
      }
    }
    return !creations.isEmpty();
  }

  /** Whether {@code creation} makes a timer whose thread is a daemon: {@code new Timer(true)}. */
  public static boolean isDaemonTimer(ExpressionTree creation, VisitorState state) {
    if (!(ASTHelpers.stripParentheses(creation) instanceof NewClassTree timer)
        || !TypeMember.isSubtypeOfNamed(ASTHelpers.getType(timer), "java.util.Timer", state)) {
      return false;
    }
    for (ExpressionTree argument : timer.getArguments()) {
      if (Boolean.TRUE.equals(ASTHelpers.constValue(argument))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the constructor a {@code new} runs calls {@code setDaemon(true)} on the new thread. */
  private static boolean constructorMakesDaemon(NewClassTree creation, VisitorState state) {
    MethodTree constructor = SourceTrees.treeOf(ASTHelpers.getSymbol(creation), state);
    if (constructor == null || constructor.getBody() == null) {
      return false;
    }
    for (MethodInvocationTree call : Scopes.callsIn(constructor.getBody())) {
      if (isSetDaemonTrue(call) && Receivers.isOwnReceiver(ASTHelpers.getReceiver(call))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code true} is passed for a parameter named after {@code marker}: OkHttp's {@code
   * Util.threadFactory("OkHttp ConnectionPool", true)}, declared {@code threadFactory(String name,
   * boolean daemon)}. (Parameter names are known for methods compiled from source here.)
   */
  private static boolean passesTrueForDaemon(
      Symbol callee, List<? extends ExpressionTree> arguments, String marker) {
    if (!(callee instanceof MethodSymbol method) || method.isVarArgs()) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
      if (Boolean.TRUE.equals(ASTHelpers.constValue(arguments.get(i)))
          && parameters.get(i).getSimpleName().toString().toLowerCase(Locale.ROOT).contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code creation} makes a thread factory, compiled here, whose {@code newThread} calls
   * {@code setDaemon(true)} (failsafe's {@code DelayerThreadFactory}).
   */
  private static boolean makesDaemons(NewClassTree creation, VisitorState state) {
    Symbol constructor = ASTHelpers.getSymbol(creation);
    if (!(constructor != null && constructor.owner instanceof ClassSymbol factory)
        || !TypeMember.isSubtypeOfNamed(factory.type, "java.util.concurrent.ThreadFactory", state)) {
      return false;
    }
    for (Symbol member : factory.getEnclosedElements()) {
      if (member instanceof MethodSymbol method && method.getSimpleName().contentEquals("newThread")) {
        MethodTree newThread = SourceTrees.treeOf(method, state);
        if (newThread != null
            && newThread.getBody() != null
            && Scopes.callsIn(newThread.getBody()).stream().anyMatch(DaemonThreads::isSetDaemonTrue)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code scope} calls {@code thread.setDaemon(true)}. */
  private static boolean setsDaemon(Tree scope, Symbol thread) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        found[0] |= isSetDaemonTrue(call) && receiver != null && thread.equals(ASTHelpers.getSymbol(receiver));
        return super.visitMethodInvocation(call, null);
      }
    }.scan(scope, null);
    return found[0];
  }

  /** Whether {@code call} is {@code setDaemon(true)}, on whatever thread. */
  private static boolean isSetDaemonTrue(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null
        && method.getSimpleName().contentEquals("setDaemon")
        && call.getArguments().size() == 1
        && Boolean.TRUE.equals(ASTHelpers.constValue(call.getArguments().get(0)));
  }

  /**
   * Whether {@code tree} calls {@code setDaemon(true)} or names something after {@code marker};
   * field initializers it reads are searched too, {@code depth} levels deep.
   */
  static boolean mentioned(Tree tree, String marker, VisitorState state, int depth) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |=
            isSetDaemonTrue(call) || passesTrueForDaemon(ASTHelpers.getSymbol(call), call.getArguments(), marker);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        found[0] |=
            passesTrueForDaemon(ASTHelpers.getSymbol(creation), creation.getArguments(), marker)
                || makesDaemons(creation, state);
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        check(identifier, identifier.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        check(reference, reference.getName().toString()); // Builder::newDaemonThread
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        check(select, select.getIdentifier().toString());
        return super.visitMemberSelect(select, null);
      }

      private void check(ExpressionTree reference, String name) {
        if (name.toLowerCase(Locale.ROOT).contains(marker)) {
          found[0] = true;
          return;
        }
        Symbol symbol = ASTHelpers.getSymbol(reference);
        if (depth > 0 && symbol instanceof VarSymbol field && field.getKind() == ElementKind.FIELD) {
          VariableTree variable = SourceTrees.fieldDeclaration(field, state);
          if (variable != null
              && variable.getInitializer() != null
              && mentioned(variable.getInitializer(), marker, state, depth - 1)) {
            found[0] = true;
          }
        }
      }
    }.scan(tree, null);
    return found[0];
  }
}
