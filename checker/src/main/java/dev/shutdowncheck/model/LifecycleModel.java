package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
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
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.util.List;

/**
 * What every rule knows about lifecycles, kept as tables so that a new library is one row: which
 * types are executors and what stops them, which calls hand out executors nobody here owns, and
 * which methods are shutdown paths. Users extend it with {@code -XepOpt:ShutdownCheck:*} flags.
 */
public final class LifecycleModel {

  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

  /** Calls on an executor that stop it, or begin its orderly stop. */
  private static final ImmutableSet<String> EXECUTOR_STOP_METHODS =
      ImmutableSet.of("shutdown", "shutdownNow", "close", "shutdownGracefully");

  /** Static helpers that stop, or arrange to stop, the executor passed to them. */
  private static final ImmutableList<TypeMember> EXECUTOR_STOP_HELPERS =
      TypeMember.parseAll(
          "com.google.common.util.concurrent.MoreExecutors#shutdownAndAwaitTermination",
          "com.google.common.util.concurrent.MoreExecutors#addDelayedShutdownHook");

  /** Calls that return an executor whose lifecycle belongs to someone else (or to nobody). */
  private static final ImmutableList<TypeMember> UNOWNED_EXECUTOR_SOURCES =
      TypeMember.parseAll(
          "java.util.concurrent.ForkJoinPool#commonPool",
          "com.google.common.util.concurrent.MoreExecutors#directExecutor",
          "com.google.common.util.concurrent.MoreExecutors#newDirectExecutorService",
          "com.google.common.util.concurrent.MoreExecutors#getExitingExecutorService",
          "com.google.common.util.concurrent.MoreExecutors#getExitingScheduledExecutorService");

  /**
   * Calls that use an executor passed to them without keeping it, so passing one there hands
   * nothing off: the caller still has to stop it.
   */
  private static final ImmutableList<TypeMember> EXECUTOR_BORROWERS =
      TypeMember.parseAll(
          "java.util.concurrent.CompletableFuture#*",
          "java.util.concurrent.CompletionStage#*",
          "java.util.concurrent.ExecutorCompletionService#<init>",
          "com.google.common.util.concurrent.Futures#*",
          "com.google.common.util.concurrent.FluentFuture#*",
          "com.google.common.util.concurrent.ListenableFuture#addListener");

  /** Names that mark a thread factory as making daemon threads, which do not keep the JVM alive. */
  private static final String DAEMON_MARKER = "daemon";

  /**
   * Callbacks that run once a component's work has stopped, where stopping its executor only lets
   * the idle threads go and waiting there would block the notifier.
   */
  private static final ImmutableList<TypeMember> AFTER_WORK_STOPPED_CALLBACKS =
      TypeMember.parseAll(
          "com.google.common.util.concurrent.Service$Listener#terminated",
          "com.google.common.util.concurrent.Service$Listener#failed");

  /**
   * Calls that run the lambda given to them when something completes, on the completing thread:
   * a listener that must not block it, and cannot wait for anything.
   */
  private static final ImmutableList<TypeMember> COMPLETION_CALLBACKS =
      TypeMember.parseAll(
          "java.util.concurrent.CompletionStage#*",
          "com.google.common.util.concurrent.ListenableFuture#addListener",
          "com.google.common.util.concurrent.Futures#addCallback",
          "io.netty.util.concurrent.Future#addListener",
          "io.netty.util.concurrent.Future#addListeners");

  /** Method names that, by convention, create what they return. */
  private static final ImmutableList<String> CREATING_NAME_PREFIXES =
      ImmutableList.of("new", "create", "build", "open", "connect");

  /** Methods that frameworks or the JDK call to stop a component, by the type that declares them. */
  private static final ImmutableList<TypeMember> SHUTDOWN_CALLBACKS =
      TypeMember.parseAll(
          "java.lang.AutoCloseable#close",
          "org.springframework.beans.factory.DisposableBean#destroy",
          "org.springframework.context.Lifecycle#stop",
          "com.google.common.util.concurrent.AbstractService#doStop",
          "com.google.common.util.concurrent.AbstractIdleService#shutDown",
          "com.google.common.util.concurrent.AbstractExecutionThreadService#shutDown",
          "com.google.common.util.concurrent.AbstractExecutionThreadService#triggerShutdown",
          "com.google.common.util.concurrent.AbstractScheduledService#shutDown",
          "io.dropwizard.lifecycle.Managed#stop",
          "javax.servlet.ServletContextListener#contextDestroyed",
          "jakarta.servlet.ServletContextListener#contextDestroyed",
          "javax.servlet.Servlet#destroy",
          "jakarta.servlet.Servlet#destroy",
          "javax.servlet.Filter#destroy",
          "jakarta.servlet.Filter#destroy");

  /** Public no-arg methods with these names stop a component even with no interface behind them. */
  private static final ImmutableSet<String> CONVENTIONAL_SHUTDOWN_NAMES =
      ImmutableSet.of("close", "shutdown", "stop", "destroy", "dispose", "terminate");

  private static final ImmutableList<String> SHUTDOWN_ANNOTATIONS =
      ImmutableList.of("javax.annotation.PreDestroy", "jakarta.annotation.PreDestroy");

  /**
   * Annotations of factory methods whose results a container owns and stops when it closes
   * (Spring calls a bean's {@code close()} or {@code shutdown()}).
   */
  private static final ImmutableList<String> CONTAINER_FACTORY_ANNOTATIONS =
      ImmutableList.of("org.springframework.context.annotation.Bean");

  /** Event types whose listeners run when the application shuts down. */
  private static final ImmutableList<String> SHUTDOWN_EVENTS =
      ImmutableList.of(
          "org.springframework.context.event.ContextClosedEvent",
          "io.quarkus.runtime.ShutdownEvent",
          "io.micronaut.context.event.ShutdownEvent");

  private final ImmutableList<TypeMember> userShutdownMethods;
  private final ImmutableList<String> shutdownAnnotations;
  private final ResourceModel resources;
  /** Asked of the type of every new local and field: answered once per class. */
  private final ClassFacts<Boolean> executorClasses = new ClassFacts<>();
  /** Asked of the parameter types of every method: answered once per class. */
  private final ClassFacts<Boolean> shutdownEvents = new ClassFacts<>();

  private LifecycleModel(ShutdownCheckOptions options) {
    this.userShutdownMethods = options.shutdownMethods();
    this.shutdownAnnotations =
        ImmutableList.<String>builder()
            .addAll(SHUTDOWN_ANNOTATIONS)
            .addAll(options.shutdownAnnotations())
            .build();
    this.resources = new ResourceModel(this, options.resourceTypes());
  }

  public static LifecycleModel defaults() {
    return new LifecycleModel(ShutdownCheckOptions.NONE);
  }

  /** The model extended by the user's flags; throws with a clear message on a malformed flag. */
  public static LifecycleModel from(ErrorProneFlags flags) {
    return new LifecycleModel(ShutdownCheckOptions.from(flags));
  }

  // Lifecycle objects of every kind: one policy for what they are, who owns them, what stops them

  /** The kind of lifecycle object a value of {@code type} is, or null for other values. */
  public LifecycleKind kindOf(Type type, VisitorState state) {
    if (isExecutor(type, state)) {
      return LifecycleKind.EXECUTOR;
    }
    return resources.isResource(type, state) ? LifecycleKind.RESOURCE : null;
  }

  /**
   * The kind of lifecycle object that {@code expression} creates for whoever holds the result (see
   * {@link #createsExecutor} and {@link ResourceModel#createsResource}), or null where it creates
   * none: it reads a value made elsewhere, or makes something that holds nothing to release.
   */
  public LifecycleKind createdKind(ExpressionTree expression, VisitorState state) {
    if (createsExecutor(expression, state)) {
      return LifecycleKind.EXECUTOR;
    }
    return resources.createsResource(expression, state) ? LifecycleKind.RESOURCE : null;
  }

  /**
   * Whether calling {@code method} on a lifecycle object, or with it as argument, stops or
   * releases it: {@code pool.shutdown()}, {@code client.close()}, {@code closeQuietly(x)}, a
   * release the user's {@code ResourceTypes} flag names.
   */
  public boolean isStopCall(Symbol method, VisitorState state) {
    return method != null && resources.isReleaseCall(method, state);
  }

  /** Whether {@code method} keeps a lifecycle object passed to it and so takes over its stop. */
  public boolean takesOver(Symbol method) {
    return resources.takesOver(method);
  }

  /** Whether {@code method} uses a lifecycle object passed to it but neither keeps nor stops it. */
  public boolean borrows(Symbol method, VisitorState state) {
    return borrowsExecutor(method, state);
  }

  /** Which types are resources, what releases them, and who owns them. */
  public ResourceModel resources() {
    return resources;
  }

  // Executors

  public boolean isExecutor(Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    if (!erased.hasTag(TypeTag.CLASS)) {
      return false;
    }
    return executorClasses.get(
        erased.tsym,
        state,
        (symbol, s) -> TypeMember.isSubtypeOfNamed(symbol.type, EXECUTOR_SERVICE, s));
  }

  /** Whether this call stops the executor it is called on, such as {@code pool.shutdown()}. */
  public boolean isExecutorStopCall(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && !method.isStatic()
        && EXECUTOR_STOP_METHODS.contains(method.getSimpleName().toString())
        && isExecutor(method.owner.type, state);
  }

  /** Whether this method, called with an executor as argument, stops it. */
  public boolean isExecutorStopHelper(Symbol method, VisitorState state) {
    return matchesAny(EXECUTOR_STOP_HELPERS, method, state);
  }

  /** Whether this method may use an executor argument but never keeps or stops it. */
  public boolean borrowsExecutor(Symbol method, VisitorState state) {
    return matchesAny(EXECUTOR_BORROWERS, method, state);
  }

  public boolean isUnownedExecutorSource(Symbol method, VisitorState state) {
    return matchesAny(UNOWNED_EXECUTOR_SOURCES, method, state);
  }

  /** Whether {@code method} runs after the work of its component has stopped (see the table). */
  public boolean runsAfterWorkStopped(Symbol method, VisitorState state) {
    return matchesAny(AFTER_WORK_STOPPED_CALLBACKS, method, state);
  }

  /** Whether a container owns, and stops, what {@code method} returns: a Spring {@code @Bean}. */
  public boolean isContainerFactory(MethodSymbol method, VisitorState state) {
    return CONTAINER_FACTORY_ANNOTATIONS.stream()
        .anyMatch(annotation -> ASTHelpers.hasAnnotation(method, annotation, state));
  }

  /**
   * Whether the code at {@code path} runs in a lambda or anonymous class handed to a completion
   * callback ({@code closed.whenComplete((v, e) -> pool.shutdown())}), within its method.
   */
  public boolean inCompletionCallback(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree && !(p.getParentPath().getLeaf() instanceof ClassTree
          && p.getParentPath().getParentPath().getLeaf() instanceof NewClassTree)) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof NewClassTree) {
        TreePath parent = p.getParentPath();
        if (parent != null
            && parent.getLeaf() instanceof MethodInvocationTree call
            && call.getArguments().contains(leaf)
            && matchesAny(COMPLETION_CALLBACKS, ASTHelpers.getSymbol(call), state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a method of this name creates the value it returns (a factory or a builder). */
  public boolean hasCreatingName(Symbol method) {
    String name = method.getSimpleName().toString();
    return CREATING_NAME_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /**
   * Whether {@code expression} makes a new executor that its caller owns: {@code new
   * ThreadPoolExecutor(..)}, a factory such as {@code Executors.newFixedThreadPool(..)} or a
   * builder's {@code build()}, or a decorator wrapped around one of those. Executors that somebody
   * else owns ({@code ForkJoinPool.commonPool()}), and values read from elsewhere, are not.
   */
  public boolean createsExecutor(ExpressionTree expression, VisitorState state) {
    return Ownership.createsNew(expression, this::isExecutor, this::isUnownedExecutorSource, this, state);
  }

  /**
   * Whether the executor that {@code creation} makes visibly runs daemon threads: a thread
   * factory that calls {@code setDaemon(true)}, or one named for it ({@code DaemonThreadFactory},
   * {@code daemonThreadFactory(..)}), in the expression or in a field initializer it reads.
   */
  public boolean createsDaemonThreads(ExpressionTree creation, VisitorState state) {
    return DaemonThreads.mentioned(creation, DAEMON_MARKER, state, 1);
  }

  // Shutdown paths

  /**
   * Whether the lifecycle calls this method to stop its class: an override of a known callback
   * ({@code AutoCloseable.close}, {@code DisposableBean.destroy}, ...), a method annotated
   * {@code @PreDestroy}, a listener of a shutdown event, a public no-arg method named like {@code
   * close} or {@code stop}, or one the user named with {@code ShutdownCheck:ShutdownMethods}.
   */
  public boolean isShutdownCallback(MethodTree tree, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(tree);
    return method != null && tree.getBody() != null && isShutdownMethod(method, state);
  }

  /** As {@link #isShutdownCallback}, for a method known by its symbol only (an inherited one). */
  public boolean isShutdownMethod(MethodSymbol method, VisitorState state) {
    if (method.isConstructor()) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (CONVENTIONAL_SHUTDOWN_NAMES.contains(name)
        && method.getParameters().isEmpty()
        && (method.flags() & Flags.PUBLIC) != 0) {
      return true;
    }
    if (!method.isStatic() && TypeMember.anyMatches(SHUTDOWN_CALLBACKS, method, name, state)) {
      return true;
    }
    if (TypeMember.anyMatches(userShutdownMethods, method, name, state)) {
      return true;
    }
    return hasShutdownAnnotation(method) || listensToShutdownEvent(method.getParameters(), state);
  }

  /** Read from the method's own annotations: most have none, or only {@code @Override}. */
  private boolean hasShutdownAnnotation(MethodSymbol method) {
    for (Attribute.Compound annotation : method.getAnnotationMirrors()) {
      if (shutdownAnnotations.contains(annotation.type.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }

  private boolean listensToShutdownEvent(List<VarSymbol> parameters, VisitorState state) {
    for (VarSymbol parameter : parameters) {
      Type type = parameter.type == null ? null : state.getTypes().erasure(parameter.type);
      if (type != null
          && type.hasTag(TypeTag.CLASS)
          && shutdownEvents.get(
              type.tsym,
              state,
              (symbol, s) ->
                  SHUTDOWN_EVENTS.stream()
                      .anyMatch(event -> TypeMember.isSubtypeOfNamed(symbol.type, event, s)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(List<TypeMember> rows, Symbol symbol, VisitorState state) {
    return TypeMember.anyMatches(rows, symbol, state);
  }
}
