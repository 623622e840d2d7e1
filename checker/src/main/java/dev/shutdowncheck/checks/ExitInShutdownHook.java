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
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.ShutdownEntries;
import dev.shutdowncheck.analysis.ShutdownHooks;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.inject.Inject;

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
public final class ExitInShutdownHook extends CallRule {

  private static final Matcher<ExpressionTree> EXIT =
      Matchers.anyOf(
          staticMethod().onClass("java.lang.System").named("exit"),
          instanceMethod().onDescendantOf("java.lang.Runtime").named("exit"));

  /** How many methods to follow from one hook; deeper call chains are left unexplored. */
  private static final int MAX_METHODS = 200;

  public ExitInShutdownHook() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ExitInShutdownHook(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis, ShutdownHooks.ADD_SHUTDOWN_HOOK_NAME, ShutdownHooks::isAddShutdownHook);
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
    ShutdownEntries entries = lifecycle(state).shutdownEntries();
    ShutdownEntries.Hook hook = entries.hookRegisteredBy(call);
    if (hook == null) {
      return NO_MATCH;
    }
    CompilationUnitTree here = state.getPath().getCompilationUnit();
    String elsewhere = null;
    for (ShutdownEntries.ReachedBody body : entries.reachedAcrossFiles(hook, MAX_METHODS)) {
      for (MethodInvocationTree exit : exitsIn(body.body(), state)) {
        if (body.unit() != here) {
          elsewhere = elsewhere != null ? elsewhere : describe(body.body());
        } else if (!(body.body() instanceof MethodTree method
            && isSuppressedWithin(ASTHelpers.getSymbol(method), state))) {
          state.reportMatch(
              finding(
                  exit,
                  "This exit runs inside a shutdown hook: the JVM is already exiting, so"
                      + " System.exit() blocks forever and the process hangs until it is killed;"
                      + " return from the hook instead",
                  state));
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

  private static String describe(Tree body) {
    Symbol symbol = body instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
    return symbol == null ? "another file" : symbol.owner.getSimpleName() + "." + symbol.getSimpleName() + "()";
  }

  /** The exit calls that {@code body} itself makes (not those of classes declared in it). */
  private static Set<MethodInvocationTree> exitsIn(Tree body, VisitorState state) {
    Set<MethodInvocationTree> exits = new LinkedHashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (EXIT.matches(call, state)) {
          exits.add(call);
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
