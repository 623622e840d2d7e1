package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.model.ShutdownHooks;
import dev.shutdowncheck.model.SourceTrees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code System.exit} reached from a shutdown hook: the JVM is already exiting, so the call blocks
 * forever on the shutdown lock and the process hangs until it is killed.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "System.exit() in a shutdown hook blocks forever: the JVM is already shutting down",
    severity = ERROR,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ExitInShutdownHook.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ExitInShutdownHook extends ShutdownRule implements MethodInvocationTreeMatcher {

  private static final Matcher<ExpressionTree> EXIT =
      Matchers.anyOf(
          staticMethod().onClass("java.lang.System").named("exit"),
          instanceMethod().onDescendantOf("java.lang.Runtime").named("exit"));

  /** How many methods to follow from one hook; deeper call chains are left unexplored. */
  private static final int MAX_METHODS = 200;

  public ExitInShutdownHook() {
    this(ErrorProneFlags.empty());
  }

  public ExitInShutdownHook(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree call, VisitorState state) {
    return guarded(() -> checkCall(call, state));
  }

  private Description checkCall(MethodInvocationTree call, VisitorState state) {
    if (!ShutdownHooks.isAddShutdownHook(call, state)) {
      return NO_MATCH;
    }
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    Deque<Body> work = new ArrayDeque<>();
    for (Tree tree : ShutdownHooks.bodiesOf(state.getPath(), state)) {
      Body body = tree instanceof MethodTree method ? Body.of(method, state) : null;
      // Lambda bodies and anonymous classes are written at the call, in this file.
      work.push(body != null ? body : new Body(tree, here));
    }
    Set<Tree> visited = new HashSet<>();
    String elsewhere = null;
    while (!work.isEmpty() && visited.size() < MAX_METHODS) {
      Body body = work.pop();
      if (!visited.add(body.tree())) {
        continue;
      }
      for (MethodInvocationTree exit : exitsAndCallees(body.tree(), work, state)) {
        if (body.unit() == here) {
          if (body.tree() instanceof MethodTree method
              && isSuppressedWithin(ASTHelpers.getSymbol(method), state)) {
            continue;
          }
          state.reportMatch(
              finding(
                  exit,
                  "This exit runs inside a shutdown hook: the JVM is already exiting, so"
                      + " System.exit() blocks forever and the process hangs until it is killed;"
                      + " return from the hook instead",
                  state));
        } else if (elsewhere == null) {
          elsewhere = body.describe();
        }
      }
    }
    if (elsewhere != null) {
      return finding(
          call,
          "This shutdown hook reaches System.exit() in " + elsewhere + ": the JVM is already"
              + " exiting, so that call blocks forever and the process hangs until it is killed",
          state);
    }
    return NO_MATCH;
  }

  /** Code the hook runs, and the file it is in. */
  private record Body(Tree tree, CompilationUnitTree unit) {

    /** The declaration of {@code method} with its file, or null where javac has no source for it. */
    static Body of(MethodTree method, VisitorState state) {
      return ofSymbol(ASTHelpers.getSymbol(method), state);
    }

    static Body ofSymbol(Symbol method, VisitorState state) {
      TreePath path = SourceTrees.pathOf(method, state);
      return path == null ? null : new Body(path.getLeaf(), path.getCompilationUnit());
    }

    String describe() {
      Symbol symbol = tree instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
      return symbol == null ? "another file" : symbol.owner.getSimpleName() + "." + symbol.getSimpleName() + "()";
    }
  }

  /** The exit calls in {@code body}; queues the methods it calls that have source here. */
  private static Set<MethodInvocationTree> exitsAndCallees(
      Tree body, Deque<Body> work, VisitorState state) {
    Set<MethodInvocationTree> exits = new LinkedHashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (EXIT.matches(call, state)) {
          exits.add(call);
        } else {
          Body callee = Body.ofSymbol(ASTHelpers.getSymbol(call), state);
          if (callee != null) {
            work.push(callee);
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null; // declaring a class runs none of it
      }
    }.scan(body, null);
    return exits;
  }
}
