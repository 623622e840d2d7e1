package dev.shutdowncheck.checks;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.findings.ConfigurationError;
import dev.shutdowncheck.findings.Finding;
import dev.shutdowncheck.findings.FindingsRecorder;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.SkippedRelease;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.LifecycleModel;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every rule of shutdown-check shares: the lifecycle analysis of the compilation (one for all
 * rules, see {@link LifecycleAnalysis}), one way to report a finding, which also records it for the
 * Maven plugin when asked to, and one way to survive code the rule did not foresee.
 */
public abstract class ShutdownRule extends BugChecker implements CompilationUnitTreeMatcher {

  /** Compilations (javac contexts) already told about a configuration error, to tell each once. */
  private static final Set<Object> TOLD = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  protected final LifecycleAnalysis analysis;
  protected final LifecycleModel model;
  private final FindingsRecorder recorder;
  private final RuleCrashes crashes;
  private String configurationError;

  protected ShutdownRule(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    this.analysis = analysis;
    this.model = analysis.model();
    this.recorder = FindingsRecorder.from(flags);
    this.crashes = new RuleCrashes(canonicalName(), RuleCrashes.STRICT);
    if (analysis.configurationError() != null) {
      rejectConfiguration(analysis.configurationError());
    }
  }

  /**
   * Makes the compilation fail with {@code message} as one plain error, instead of the stack trace
   * that javac prints when a check cannot be constructed.
   */
  protected final void rejectConfiguration(String message) {
    if (configurationError == null) {
      configurationError = message;
    }
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree unit, VisitorState state) {
    if (configurationError != null && TOLD.add(state.context)) {
      ConfigurationError.report(state.context, configurationError);
      return NO_MATCH;
    }
    recorder.begin(state);
    return NO_MATCH;
  }

  /**
   * Runs a matcher so that nothing it throws breaks the user's build: code shapes the rule did not
   * foresee, or symbols missing from an incomplete class path, mean no finding there, and one
   * warning that names the rule and the file. Under test ({@link RuleCrashes#STRICT}) the
   * exception propagates and fails the test, so no crash goes unseen.
   */
  protected final Description guarded(VisitorState state, Supplier<Description> matcher) {
    return contained(state, matcher, NO_MATCH);
  }

  /** {@code test}, or false where it crashes, handled as {@link #guarded} handles a crash. */
  protected final boolean guardedTest(VisitorState state, Supplier<Boolean> test) {
    return contained(state, test, false);
  }

  private <T> T contained(VisitorState state, Supplier<T> work, T onCrash) {
    try {
      return work.get();
    } catch (RuntimeException | StackOverflowError e) {
      crashes.handle(e, state);
      return onCrash;
    }
  }

  /**
   * Whether {@code state}'s path is a top-level class: the class rules read each top-level class
   * once, its nested classes included, and pass over the nested ones Error Prone also hands them.
   */
  protected static boolean isTopLevelClass(VisitorState state) {
    TreePath parent = state.getPath().getParentPath();
    return parent != null && parent.getLeaf() instanceof CompilationUnitTree;
  }

  /** The line {@code tree} starts on, in the file {@code state} is in, for messages. */
  protected static long line(Tree tree, VisitorState state) {
    return line(tree, state.getPath().getCompilationUnit());
  }

  /** The line {@code tree} starts on in {@code unit}. */
  protected static long line(Tree tree, CompilationUnitTree unit) {
    return unit.getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
  }

  /** "when get(..) (line 12) throws ExecutionException": what skips the stop, for messages. */
  protected static String skippedBy(SkippedRelease skipped, VisitorState state) {
    Tree thrower = skipped.thrower();
    String what = thrower instanceof ThrowTree ? "the throw" : callName(thrower);
    return "when " + what + " (line " + line(thrower, state) + ") throws "
        + skipped.exception().tsym.getSimpleName();
  }

  /** How a call is named in messages: {@code get(..)}, {@code new Socket(..)}, or "the call". */
  protected static String callName(Tree call) {
    Symbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return "the call";
    }
    return callee.isConstructor() ? "new " + callee.owner.getSimpleName() + "(..)" : callee.getSimpleName() + "(..)";
  }

  /** The lifecycle facts of the top-level class being checked (null outside any class). */
  protected final ClassLifecycle lifecycle(VisitorState state) {
    return analysis.of(state);
  }

  /** A finding at {@code tree}, with no suggested fix. */
  protected final Description finding(Tree tree, String message, VisitorState state) {
    return finding(tree, message, SuggestedEdits.NONE, state);
  }

  /** A finding at {@code tree}; recorded when {@code -XepOpt:ShutdownCheck:FindingsDir} is set. */
  protected final Description finding(
      Tree tree, String message, SuggestedEdits fix, VisitorState state) {
    Description.Builder description = buildDescription(tree).setMessage(message);
    if (!fix.isEmpty()) {
      description.addFix(fix.toFix());
    }
    if (recorder.isEnabled()) {
      CompilationUnitTree unit = state.getPath().getCompilationUnit();
      recorder.record(
          new Finding(
              canonicalName(),
              effectiveSeverity(state).name(),
              unit.getSourceFile().toUri().toString(),
              FindingsRecorder.span(unit, ASTHelpers.getStartPosition(tree), state.getEndPosition(tree)),
              message,
              fix.toFindingEdits(unit)),
          state);
    }
    return description.build();
  }

  /**
   * Whether {@code symbol} or anything that encloses it suppresses this rule. Matchers that report
   * on code other than the tree they matched must ask, since Error Prone only checks the latter.
   */
  protected final boolean isSuppressedWithin(Symbol symbol, VisitorState state) {
    for (Symbol s = symbol; s != null && !(s instanceof PackageSymbol); s = s.owner) {
      if (isSuppressed(s, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code check} at {@code path}, code inside the class the rule matched, and reports what
   * it finds there, unless a declaration around it suppresses the rule; a crash in it is handled as
   * {@link #guarded} handles one.
   */
  protected final void reportAt(
      TreePath path, VisitorState classState, Function<VisitorState, Description> check) {
    VisitorState state = classState.withPath(path);
    if (!isSuppressedAt(path, state)) {
      state.reportMatch(guarded(state, () -> check.apply(state)));
    }
  }

  /** Reports {@code message} at each of {@code sites}, code inside the class the rule matched. */
  protected final void reportAtEach(List<TreePath> sites, String message, VisitorState state) {
    for (TreePath site : sites) {
      reportAt(site, state, here -> finding(site.getLeaf(), message, here));
    }
  }

  /**
   * Reports each place where the class replaces a field's {@code kind} of object that it made and
   * still owned, with the message {@code describe} writes for the field's name; not where the field
   * or a declaration around it suppresses the rule.
   */
  protected final void reportReplacements(
      ClassLifecycle lifecycle, LifecycleKind kind, Function<String, String> describe, VisitorState state) {
    for (ClassLifecycle.Replacement replaced : lifecycle.leakingReplacements(kind)) {
      VarSymbol field = replaced.field().field();
      if (!isSuppressedWithin(field, state)) {
        reportAtEach(replaced.sites(), describe.apply(field.getSimpleName().toString()), state);
      }
    }
  }

  /**
   * Whether a declaration around {@code path} (a variable, method or class, the leaf itself
   * included) suppresses this rule: for findings reported at code inside the class that a rule
   * matched, where Error Prone asked only at the class. Read from the trees, not from symbol
   * owners: javac gives the locals of a field's lambda a method of its own, not the field.
   */
  protected final boolean isSuppressedAt(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof VariableTree || leaf instanceof MethodTree || leaf instanceof ClassTree) {
        Symbol declared = ASTHelpers.getSymbol(leaf);
        if (declared != null && isSuppressed(declared, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private SeverityLevel effectiveSeverity(VisitorState state) {
    SeverityLevel override = state.severityMap().get(canonicalName());
    return override != null ? override : defaultSeverity();
  }
}
