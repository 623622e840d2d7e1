package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every rule knows about lifecycles, kept as tables so that a new library is one row: which
 * types are executors and what stops them, which calls hand out executors nobody here owns, and
 * which methods are shutdown paths. Users extend it with {@code -XepOpt:ShutdownCheck:*} flags.
 */
public final class LifecycleModel {

  private final LibraryModels libraries;
  private final ResourceModel resources;
  private final Duration gracePeriod;
  /** Asked of the type of every new local and field: answered once per class. */
  private final ClassFacts<Optional<LifecycleKind>> kinds = new ClassFacts<>();
  /** Which tables name a class or one of its supertypes, for every table of type names. */
  private final SupertypeNames supertypes = new SupertypeNames();

  private LifecycleModel(ShutdownCheckOptions options) {
    UserLifecycleModels users = new UserLifecycleModels(options);
    // Without rows from the flags, the built-in tables, merged once per JVM, are the whole model.
    this.libraries = users.isEmpty() ? LibraryModels.BUILT_IN : LibraryModels.withExtra(users);
    this.resources = new ResourceModel(this, libraries);
    this.gracePeriod = options.gracePeriod();
  }

  /** The library tables in effect, the user's flags included. */
  public LibraryModels libraries() {
    return libraries;
  }

  /** How long the platform lets a shutdown take ({@code -XepOpt:ShutdownCheck:GracePeriod}). */
  public Duration gracePeriod() {
    return gracePeriod;
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
    if (type == null || type.isPrimitiveOrVoid()) {
      return null;
    }
    Type erased = state.getTypes().erasure(type);
    if (!erased.hasTag(TypeTag.CLASS)) {
      return null; // arrays, and types javac could not resolve
    }
    // Asked of the type of every call and new in a class: answered once per class.
    return kinds.get(erased.tsym, state, NO_KIND, (symbol, s) -> classify(symbol.type, s)).orElse(null);
  }

  private static final Optional<LifecycleKind> NO_KIND = Optional.empty();

  private Optional<LifecycleKind> classify(Type type, VisitorState state) {
    if (isExecutor(type, state)) {
      return Optional.of(LifecycleKind.EXECUTOR);
    }
    if (isThread(type, state)) {
      return Optional.of(LifecycleKind.THREAD);
    }
    if (isTimer(type, state)) {
      return Optional.of(LifecycleKind.TIMER);
    }
    return resources.isResource(type, state) ? Optional.of(LifecycleKind.RESOURCE) : NO_KIND;
  }

  /** Whether values of {@code type} are threads ({@code Thread} and its subclasses). */
  public boolean isThread(Type type, VisitorState state) {
    return supertypes.isSubtypeOfAny(type, libraries.threadTypes, state);
  }

  /** Whether values of {@code type} are timers ({@code java.util.Timer}). */
  public boolean isTimer(Type type, VisitorState state) {
    return supertypes.isSubtypeOfAny(type, libraries.timerTypes, state);
  }

  /** Whether {@code type} is, or extends, a type that {@code table}, a table of the model, names. */
  boolean isSubtypeOfAny(Type type, ImmutableSet<String> table, VisitorState state) {
    return supertypes.isSubtypeOfAny(type, table, state);
  }

  /**
   * The kind of lifecycle object that {@code expression} creates for whoever holds the result (see
   * {@link #createsExecutor} and {@link ResourceModel#createsResource}), or null where it creates
   * none: it reads a value made elsewhere, or makes something that holds nothing to release.
   */
  public LifecycleKind createdKind(ExpressionTree expression, VisitorState state) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (!(tree instanceof TypeCastTree || tree instanceof ConditionalExpressionTree)
        && kindOf(ASTHelpers.getType(tree), state) == null) {
      // Asked of most expressions in a class: a value of no lifecycle type creates none, and the
      // type's kind is known once per class (a cast or a ?: is read part by part below).
      return null;
    }
    if (createsExecutor(expression, state)) {
      return LifecycleKind.EXECUTOR;
    }
    if (Ownership.createsNew(expression, this::isThread, (m, s) -> false, this, state)) {
      return LifecycleKind.THREAD;
    }
    if (Ownership.createsNew(expression, this::isTimer, (m, s) -> false, this, state)) {
      return LifecycleKind.TIMER;
    }
    return resources.createsResource(expression, state) ? LifecycleKind.RESOURCE : null;
  }

  /**
   * Whether calling {@code method} on a lifecycle object, or with it as argument, stops or
   * releases it: {@code pool.shutdown()}, {@code client.close()}, {@code closeQuietly(x)}, a
   * release the user's {@code ResourceTypes} flag names.
   */
  public boolean isStopCall(Symbol method, VisitorState state) {
    return method != null
        && (resources.isReleaseCall(method, state) || TypeMember.anyMatches(libraries.stopMethods, method, state));
  }

  /**
   * Whether {@code method} keeps a lifecycle object passed to it and so takes over its stop: named
   * like a keeper ({@code register}, {@code manage}), unless the library tables say it only uses
   * it ({@code channel.register(selector, ..)} registers the channel with the selector).
   */
  public boolean takesOver(Symbol method, VisitorState state) {
    return resources.takesOver(method) && !borrows(method, state);
  }

  /** Whether {@code method} uses a lifecycle object passed to it but neither keeps nor stops it. */
  public boolean borrows(Symbol method, VisitorState state) {
    return matchesAny(libraries.borrowers, method, state);
  }

  /**
   * Whether calling {@code method} starts the JVM's shutdown and waits for its hooks: {@code
   * System.exit}, a library's exit helper, one the user's {@code ExitMethods} flag names.
   */
  public boolean isExit(Symbol method, VisitorState state) {
    return matchesAny(libraries.exitMethods, method, state);
  }

  /**
   * Whether {@code method} wraps the exception it is given into another one and leaves the
   * interrupt status cleared: {@code Throwables.propagate}.
   */
  public boolean dropsTheInterrupt(Symbol method, VisitorState state) {
    return matchesAny(libraries.interruptDroppingWrappers, method, state);
  }

  /** Which types are resources, what releases them, and who owns them. */
  public ResourceModel resources() {
    return resources;
  }

  // Executors

  public boolean isExecutor(Type type, VisitorState state) {
    return supertypes.isSubtypeOfAny(type, libraries.executorTypes, state);
  }

  public boolean isUnownedExecutorSource(Symbol method, VisitorState state) {
    return matchesAny(libraries.unownedExecutorSources, method, state);
  }

  /** Whether {@code method} runs after the work of its component has stopped (see the table). */
  public boolean runsAfterWorkStopped(Symbol method, VisitorState state) {
    return matchesAny(libraries.afterWorkStoppedCallbacks, method, state);
  }

  /** Whether a container owns, and stops, what {@code method} returns: a Spring {@code @Bean}. */
  public boolean isContainerFactory(MethodSymbol method, VisitorState state) {
    return libraries.containerFactoryAnnotations.stream()
        .anyMatch(annotation -> ASTHelpers.hasAnnotation(method, annotation, state));
  }

  /**
   * Whether the code at {@code path} runs in a lambda, method reference or anonymous class handed
   * to a completion callback ({@code closed.whenComplete((v, e) -> pool.shutdown())}, {@code
   * future.addListener(pool::shutdown, directExecutor())}), within its method.
   */
  public boolean inCompletionCallback(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree && !(p.getParentPath().getLeaf() instanceof ClassTree
          && p.getParentPath().getParentPath().getLeaf() instanceof NewClassTree)) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree
          || leaf instanceof NewClassTree
          || leaf instanceof MemberReferenceTree) {
        TreePath parent = p.getParentPath();
        if (parent != null
            && parent.getLeaf() instanceof MethodInvocationTree call
            && call.getArguments().contains(leaf)
            && matchesAny(libraries.completionCallbacks, ASTHelpers.getSymbol(call), state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a method of this name creates the value it returns (a factory or a builder). */
  public boolean hasCreatingName(Symbol method) {
    return NamingConventions.isCreatingName(method.getSimpleName().toString());
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
   * factory that calls {@code setDaemon(true)} (where the expression is, in a field initializer it
   * reads, or in the {@code newThread} of a factory class compiled here), one named for it ({@code
   * DaemonThreadFactory}, {@code daemonThreadFactory(..)}), or a {@code ForkJoinPool} made with its
   * default factory, whose workers are daemons.
   */
  public boolean createsDaemonThreads(ExpressionTree creation, VisitorState state) {
    ExpressionTree tree = ASTHelpers.stripParentheses(creation);
    if (tree instanceof NewClassTree pool
        && TypeMember.isSubtypeOfNamed(ASTHelpers.getType(pool), "java.util.concurrent.ForkJoinPool", state)
        && pool.getArguments().stream()
            .noneMatch(a -> TypeMember.isSubtypeOfNamed(
                ASTHelpers.getType(a), "java.util.concurrent.ForkJoinPool$ForkJoinWorkerThreadFactory", state))) {
      return true;
    }
    return DaemonThreads.mentioned(creation, NamingConventions.DAEMON_MARKER, state, 1);
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
    if (NamingConventions.isShutdownName(name)
        && method.getParameters().isEmpty()
        && (method.flags() & Flags.PUBLIC) != 0) {
      return true;
    }
    for (TypeMember row : libraries.shutdownCallbacks) {
      // A row with a type names an instance method of it; one without, a method of any class.
      if ((row.type().isEmpty() || !method.isStatic()) && row.matches(method, state)) {
        return true;
      }
    }
    return hasShutdownAnnotation(method) || listensToShutdownEvent(method.getParameters(), state);
  }

  /**
   * Whether only its name makes {@code method} a shutdown method: public, with no parameters, named
   * like {@code stop}, overriding nothing, in no table of callbacks and with no annotation that a
   * container calls. Nothing but the class's users calls such a method.
   */
  public boolean isStopByNameOnly(MethodSymbol method, VisitorState state) {
    return !method.isConstructor()
        && !method.isStatic()
        && method.getParameters().isEmpty()
        && (method.flags() & Flags.PUBLIC) != 0
        && NamingConventions.isShutdownName(method.getSimpleName().toString())
        && !hasShutdownAnnotation(method)
        && !matchesAny(libraries.shutdownCallbacks, method, state)
        && ASTHelpers.findSuperMethods(method, state.getTypes()).isEmpty();
  }

  /** Read from the method's own annotations: most have none, or only {@code @Override}. */
  private boolean hasShutdownAnnotation(MethodSymbol method) {
    for (Attribute.Compound annotation : method.getAnnotationMirrors()) {
      if (libraries.shutdownAnnotations.contains(annotation.type.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }

  private boolean listensToShutdownEvent(List<VarSymbol> parameters, VisitorState state) {
    for (VarSymbol parameter : parameters) {
      if (supertypes.isSubtypeOfAny(parameter.type, libraries.shutdownEvents, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(List<TypeMember> rows, Symbol symbol, VisitorState state) {
    return TypeMember.anyMatches(rows, symbol, state);
  }
}
