package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.SkippedRelease;
import dev.shutdowncheck.analysis.UnreleasedField;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.BlockingWaits;
import dev.shutdowncheck.model.TypeMember;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;

/**
 * An executor that this code creates and nothing ever stops: its threads outlive the component,
 * keep the JVM from exiting, and run tasks against resources that are already closed. Also an
 * executor field overwritten with a new executor while the old one still runs.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "An executor created here is never shut down",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/ExecutorNeverShutdown.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class ExecutorNeverShutdown extends ShutdownRule implements ClassTreeMatcher {

  public ExecutorNeverShutdown() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public ExecutorNeverShutdown(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  /** {@code declaration}: a local variable that a new executor initialises, as the analysis found. */
  private Description checkLocal(VariableTree declaration, VisitorState state) {
    VarSymbol local = ASTHelpers.getSymbol(declaration);
    ClassLifecycle.LocalUse use = lifecycle(state).localUse(local);
    if (use == null || use.escapes() || !use.isRead()) {
      return NO_MATCH; // an executor that is never given a task starts no thread
    }
    if (use.isReleased()) {
      SkippedRelease skipped = use.skippedRelease(state.getPath(), false, state);
      return skipped == null
          ? NO_MATCH
          : finding(
              declaration,
              "Executor '" + local.getSimpleName() + "' is shut down only on the normal path: "
                  + skippedBy(skipped, state) + ", this method leaves without shutting it down and its"
                  + " threads outlive it; shut it down in a finally block (or use try-with-resources,"
                  + " JDK 19+)",
              state);
    }
    return finding(
        declaration,
        "Executor '" + local.getSimpleName() + "' is created here and never shut down: its threads"
            + " outlive this method and keep the JVM alive; stop it in a finally block, or use"
            + " try-with-resources (JDK 19+), or hand it to an owner that stops it",
        state);
  }

  /** {@code creation}: an executor that no variable holds, as the analysis found. */
  private Description checkDropped(TreePath creation, VisitorState state) {
    ExpressionTree created = (ExpressionTree) creation.getLeaf();
    boolean daemon = model.createsDaemonThreads(created, state);
    if (daemon && Scopes.isStaticInitialisation(creation)) {
      return NO_MATCH; // made once, for the JVM's lifetime, as a static daemon pool field is
    }
    return finding(
        created,
        "This executor is created here and no reference to it is kept that could shut it down"
            + " (it is given its task at once, or lent to code that never stops it), so "
            + (daemon
                ? "its daemon threads outlive the component, and each call leaves its own behind"
                : "its threads outlive the component and keep the JVM alive")
            + "; keep it in a field the class stops on a shutdown path, or run the task on an"
            + " executor the class already owns",
        state);
  }

  @Override
  public Description matchClass(ClassTree classTree, VisitorState state) {
    return guarded(state, () -> checkClass(state));
  }

  /**
   * Fields of a top-level class and of every class nested in it, in one pass: a nested class's
   * private field may be stopped by its outer class, and the other way round.
   */
  private Description checkClass(VisitorState state) {
    if (!isTopLevelClass(state)) {
      return NO_MATCH;
    }
    ClassLifecycle lifecycle = lifecycle(state);
    // Local executors: the method that creates one must stop it or hand it on.
    for (TreePath declaration : lifecycle.localsDeclaredWith(LifecycleKind.EXECUTOR)) {
      reportAt(declaration, state, local -> checkLocal((VariableTree) declaration.getLeaf(), local));
    }
    for (TreePath dropped : lifecycle.dropped(LifecycleKind.EXECUTOR)) {
      reportAt(dropped, state, local -> checkDropped(dropped, local));
    }
    for (ClassLifecycle.ExecutorLeftBySuperclass left : lifecycle.executorsLeftBySuperclass()) {
      reportAt(
          left.creation(),
          state,
          local ->
              finding(
                  left.creation().getLeaf(),
                  "This executor is given to the superclass, which keeps it in '"
                      + left.field().getSimpleName()
                      + "' and never shuts it down (it leaves what it is given to whoever made it),"
                      + " and nothing in this class stops it either: its threads outlive the"
                      + " component and keep the JVM alive; shut it down in this class's shutdown"
                      + " method",
                  local));
    }
    lifecycle.executorsKeptInCollections().forEach((field, created) -> reportCollected(field, created, state));
    for (UnreleasedField field : lifecycle.unreleasedFields()) {
      if (field.kind() != LifecycleKind.EXECUTOR) {
        continue;
      }
      if (!field.mayBeRead()
          || cannotBeShutDown(field, state)
          || isJvmWideDaemonPool(field, state)
          || field.createdValues().stream().anyMatch(v -> letsIdleThreadsGoSoon(v, state))
          || isSuppressedWithin(field.field(), state)) {
        continue; // an executor that is never given a task starts no thread
      }
      state.reportMatch(finding(field.declaration(), neverShutDown(field, state), state));
    }
    reportReplacements(
        lifecycle,
        LifecycleKind.EXECUTOR,
        field ->
            "This replaces the executor in '" + field + "' without stopping the old one, whose"
                + " threads keep running with no reference left to stop them; shut the old"
                + " executor down first",
        state);
    return NO_MATCH;
  }

  /** A collection field that the class fills with executors it creates and that nothing stops. */
  private void reportCollected(VarSymbol field, List<ExpressionTree> created, VisitorState state) {
    boolean daemon = created.stream().allMatch(v -> model.createsDaemonThreads(v, state));
    Tree declaration = SourceTrees.fieldDeclaration(field, state);
    if ((daemon && field.isStatic()) || declaration == null || isSuppressedWithin(field, state)) {
      return; // static daemon pools live as long as the JVM, as a static daemon pool field does
    }
    state.reportMatch(
        finding(
            declaration,
            "The executors that this class creates and keeps in '" + field.getSimpleName() + "' are never"
                + " shut down: nothing stops its elements (no loop or forEach over it that calls"
                + " shutdown()), so "
                + (daemon
                    ? "their daemon threads outlive the component, and each instance leaves its own behind"
                    : "their threads outlive the component and keep the JVM alive")
                + "; on a shutdown path, shut down every executor in it and await its termination",
            state));
  }

  private String neverShutDown(UnreleasedField field, VisitorState state) {
    String name = "Executor field '" + field.field().getSimpleName() + "'";
    String threads = whatItsThreadsDo(field, state);
    if (field.onlyInheritsShutdown()) {
      return name + " is created by this class, but its shutdown is inherited: "
          + field.inheritedShutdownName() + " was written without this field and cannot stop it,"
          + " so " + threads + "; override it to call shutdown() and"
          + " awaitTermination(..), then the inherited one";
    }
    String stopped =
        field.releasedOnlyByFinalizer()
            ? " is created by this class and shut down only in finalize(), which the garbage collector"
                + " runs late or never: "
            : " is created by this class and never shut down: ";
    return name + stopped + threads
        + "; stop it on a shutdown path (close(), @PreDestroy, a shutdown hook) with shutdown() and"
        + " awaitTermination(..)";
  }

  /**
   * Whether the executor's own class refuses to be shut down: its {@code shutdown()}, compiled here,
   * only throws (Vert.x's {@code VertxEventLoopGroup}, a view over event loops others own).
   */
  private static boolean cannotBeShutDown(UnreleasedField field, VisitorState state) {
    if (field.createdType() == null || !(field.createdType().tsym instanceof ClassSymbol type)) {
      return false;
    }
    for (Symbol member : type.members().getSymbolsByName(state.getName("shutdown"))) {
      if (member instanceof MethodSymbol shutdown && shutdown.getParameters().isEmpty()) {
        MethodTree declaration = SourceTrees.treeOf(shutdown, state);
        return declaration != null
            && declaration.getBody() != null
            && declaration.getBody().getStatements().size() == 1
            && declaration.getBody().getStatements().get(0) instanceof ThrowTree;
      }
    }
    return false;
  }

  /** What the threads of a never-stopped executor do, as far as its creation shows. */
  private String whatItsThreadsDo(UnreleasedField field, VisitorState state) {
    return field.createdValues().stream().allMatch(v -> model.createsDaemonThreads(v, state))
        ? "its daemon threads do not hold up the JVM's exit, but outlive the component, and each"
            + " instance leaves its own behind"
        : "its threads outlive the component and keep the JVM alive";
  }

  /** Idle threads that end within this leave nothing running worth a shutdown step. */
  private static final Duration BRIEF_KEEP_ALIVE = Duration.ofSeconds(5);

  /**
   * A pool with no core threads whose idle threads end within seconds (Tomcat JDBC's {@code new
   * ThreadPoolExecutor(0, 1, 1000, MILLISECONDS, ..)}) lets its threads go by itself, soon after its
   * last task. ({@code newCachedThreadPool()} keeps them a minute, which holds up the JVM's exit.)
   */
  private static boolean letsIdleThreadsGoSoon(ExpressionTree created, VisitorState state) {
    if (!(ASTHelpers.stripParentheses(created) instanceof NewClassTree creation)
        || creation.getClassBody() != null
        || creation.getArguments().size() < 4
        || !Integer.valueOf(0).equals(ASTHelpers.constValue(creation.getArguments().get(0)))
        || !TypeMember.isSubtypeOfNamed(
            ASTHelpers.getType(creation), "java.util.concurrent.ThreadPoolExecutor", state)) {
      return false;
    }
    Duration keepAlive =
        BlockingWaits.constantDuration(creation.getArguments().get(2), creation.getArguments().get(3));
    return keepAlive != null && keepAlive.compareTo(BRIEF_KEEP_ALIVE) <= 0;
  }

  /**
   * A static executor of daemon threads is meant to live as long as the JVM and does not keep it
   * from exiting; a class has no lifecycle of its own in which to stop it.
   */
  private boolean isJvmWideDaemonPool(UnreleasedField field, VisitorState state) {
    return field.isStatic()
        && field.createdValues().stream().allMatch(v -> model.createsDaemonThreads(v, state));
  }
}
