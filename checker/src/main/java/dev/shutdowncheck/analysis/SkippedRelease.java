package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.Scopes;
import java.util.List;

/**
 * A local executor or timer that its method stops only on the normal path: between the point where
 * it has threads and the stop, a call declares a checked exception that leaves the method (or ends
 * in a handler that neither stops it nor goes on to the stop) and so skips the stop. Each such exit
 * leaves the threads running: OpenGrok's {@code Executor.exec()} cancelled its {@code Timer} after
 * {@code waitFor()} inside a {@code try} whose {@code catch (IOException)} did not.
 *
 * <p>Only checked exceptions count: each is declared where it is thrown, so the path is certain,
 * where "any call may throw" would make every stop outside a {@code finally} a finding. A handler
 * that ends in {@code continue} (the next round may reach the stop), or one that catches only some
 * of the exception, means no finding; a rethrow is followed on, out through the {@code try}
 * statements further up.
 *
 * @param thrower the call or {@code throw} whose exception skips the stop
 * @param exception the checked exception it declares
 */
public record SkippedRelease(Tree thrower, Type exception) {

  /**
   * The first exit that skips every stop of the local declared at {@code declaration}, or null.
   *
   * @param stops where the method stops it (shutdown, cancel, close, a release helper)
   * @param runsWhenMade whether it has a thread from its creation on ({@code new Timer()}); an
   *     executor starts threads only when first given work, so exits before its first use skip
   *     nothing
   */
  static SkippedRelease find(
      TreePath declaration, List<TreePath> stops, boolean runsWhenMade, VisitorState state) {
    if (stops.isEmpty()
        || !(declaration.getParentPath().getLeaf() instanceof BlockTree block)
        || !(declaration.getLeaf() instanceof VariableTree local)) {
      return null;
    }
    Tree body = bodyOf(declaration);
    for (TreePath stop : stops) {
      if (bodyOf(stop) != body || Catches.inFinally(stop)) {
        return null; // stopped in a finally block, or from other code: every exit is covered
      }
    }
    Symbol variable = ASTHelpers.getSymbol(local);
    int firstStop = stops.stream().mapToInt(s -> ASTHelpers.getStartPosition(s.getLeaf())).min().getAsInt();
    int from = runsWhenMade ? state.getEndPosition(local) : firstUse(block, variable, state.getEndPosition(local));
    if (from < 0 || from >= firstStop) {
      return null;
    }
    return new ExitFinder(stops, from, firstStop, state).first(declaration.getParentPath());
  }

  /** The method, lambda or initializer whose code {@code path} is. */
  private static Tree bodyOf(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return leaf;
      }
    }
    return null;
  }

  /** Where the block first reads {@code variable} after {@code after}; -1 if it never does. */
  private static int firstUse(BlockTree block, Symbol variable, int after) {
    int[] first = {-1};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        int at = ASTHelpers.getStartPosition(identifier);
        if (at > after && (first[0] < 0 || at < first[0]) && ASTHelpers.getSymbol(identifier) == variable) {
          first[0] = at;
        }
        return null;
      }
    }.scan(block, null);
    return first[0];
  }

  /** Reads the code between the first use and the first stop for an exit that skips the stops. */
  private static final class ExitFinder extends TreePathScanner<Void, Void> {
    private final List<TreePath> stops;
    private final int from;
    private final int until;
    private final VisitorState state;
    private SkippedRelease found;

    ExitFinder(List<TreePath> stops, int from, int until, VisitorState state) {
      this.stops = stops;
      this.from = from;
      this.until = until;
      this.state = state;
    }

    SkippedRelease first(TreePath block) {
      scan(block, null); // TreePathScanner.scan(TreePath, ..): the walk up from a thrower needs the whole path
      return found;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (found != null || tree == null || tree instanceof LambdaExpressionTree || tree instanceof ClassTree) {
        return null; // code in lambdas and classes runs some other time
      }
      int start = ASTHelpers.getStartPosition(tree);
      if (start >= until || state.getEndPosition(tree) <= from) {
        return null;
      }
      return super.scan(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      super.visitMethodInvocation(call, null);
      consider(call);
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree creation, Void unused) {
      super.visitNewClass(creation, null);
      consider(creation);
      return null;
    }

    @Override
    public Void visitThrow(ThrowTree thrown, Void unused) {
      super.visitThrow(thrown, null);
      consider(thrown);
      return null;
    }

    private void consider(Tree thrower) {
      if (found != null || ASTHelpers.getStartPosition(thrower) < from) {
        return;
      }
      for (Type exception : Catches.checkedThrownBy(thrower, state)) {
        if (skipsEveryStop(getCurrentPath(), exception)) {
          found = new SkippedRelease(thrower, exception);
          return;
        }
      }
    }

    /**
     * Follows {@code exception}, thrown at {@code path}, out through the statements around it: it
     * skips the stops if it leaves the method, or if a handler catches it that neither stops the
     * object nor goes on to a stop after its {@code try}.
     */
    private boolean skipsEveryStop(TreePath path, Type exception) {
      Type flying = exception;
      Tree child = path.getLeaf();
      for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
          return true; // it leaves the method
        }
        if (!(leaf instanceof TryTree tryTree) || flying == null || !Catches.guardedBy(tryTree, child)) {
          continue; // a return only passes through finally blocks, which stop nothing here
        }
        CatchTree handler = Catches.firstHandlerFor(tryTree, flying, state);
        if (handler == null) {
          continue; // not caught here
        }
        if (!Catches.catchesAll(handler, flying, state) || Scopes.anyWithin(stops, handler)) {
          return false; // a handler that stops it, or a narrower one: which runs depends on the exception
        }
        StatementTree last = lastStatement(handler.getBlock());
        if (last instanceof ReturnTree) {
          flying = null; // on its way out, through finally blocks only
        } else if (last instanceof ThrowTree rethrow) {
          flying = ASTHelpers.getType(rethrow.getExpression());
          if (flying == null) {
            return false;
          }
        } else if (last instanceof ContinueTree) {
          return false; // the next round of a loop may reach a stop inside the try
        } else {
          return !stopAfter(tryTree); // it goes on after the try, perhaps to a stop there
        }
      }
      return true;
    }

    private static StatementTree lastStatement(BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      return statements.isEmpty() ? null : statements.get(statements.size() - 1);
    }

    /** Whether a stop comes after {@code tryTree} in the code: the handler's path may reach it. */
    private boolean stopAfter(TryTree tryTree) {
      int end = state.getEndPosition(tryTree);
      for (TreePath stop : stops) {
        if (ASTHelpers.getStartPosition(stop.getLeaf()) >= end) {
          return true;
        }
      }
      return false;
    }
  }
}
