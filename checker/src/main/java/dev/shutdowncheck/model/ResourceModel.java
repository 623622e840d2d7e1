package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Name;

/**
 * What a resource is, as tables: the types whose instances hold something to release (every
 * {@code AutoCloseable} but those whose {@code close()} releases nothing, plus lifecycle types such
 * as gRPC channels that are not {@code AutoCloseable}), the calls that release them, and the calls
 * that take them over. Users add types with {@code -XepOpt:ShutdownCheck:ResourceTypes}.
 */
public final class ResourceModel {

  private static final String AUTO_CLOSEABLE = "java.lang.AutoCloseable";
  private static final ImmutableSet<String> AUTO_CLOSEABLE_ONLY = ImmutableSet.of(AUTO_CLOSEABLE);

  /**
   * JDK base classes whose close() does nothing, so subclasses that keep it hold nothing to
   * release. (Their bodies are read too, but javac has none under an older {@code --release}.)
   */
  private static final ImmutableSet<String> NO_OP_CLOSE_OWNERS =
      ImmutableSet.of("java.io.InputStream", "java.io.OutputStream");

  /** How deep own factory methods are followed: each may call another. */
  private static final int MAX_FACTORY_DEPTH = 2;

  private final LifecycleModel lifecycle;
  private final LibraryModels libraries;
  private int factoryDepth;
  private final ClassFacts<Kind> kinds = new ClassFacts<>();
  private final ClassFacts<Boolean> noOpCloses = new ClassFacts<>();
  private final CloseBodies closeBodies = new CloseBodies();
  private final Map<Name, Boolean> releaseNames = new IdentityHashMap<>();
  private final ClassFacts<Boolean> lifecycleClasses = new ClassFacts<>();
  /** The types of the lifecycle rows, built in and from the user's flag. */
  private final ImmutableSet<String> lifecycleTypeNames;
  /** {@code .io.grpc.Server} for each of them: the end of the name of a relocated copy. */
  private final List<String> relocatedSuffixes;

  ResourceModel(LifecycleModel lifecycle, LibraryModels libraries) {
    this.lifecycle = lifecycle;
    this.libraries = libraries;
    this.lifecycleTypeNames =
        libraries.resourceReleases.stream().map(TypeMember::type).collect(ImmutableSet.toImmutableSet());
    List<String> suffixes = new ArrayList<>();
    for (String row : lifecycleTypeNames) {
      suffixes.add("." + row);
    }
    this.relocatedSuffixes = List.copyOf(suffixes);
  }

  /**
   * Whether values of {@code type} hold something that must be released: an {@code AutoCloseable}
   * that is neither an executor (see {@code ExecutorNeverShutdown}) nor one whose close() releases
   * nothing, or a lifecycle type from the tables or the user's flag.
   */
  public boolean isResource(Type type, VisitorState state) {
    if (type == null || type.isPrimitiveOrVoid()) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    if (!erased.hasTag(TypeTag.CLASS)) {
      return false; // arrays, and types javac could not resolve
    }
    return switch (kinds.get(erased.tsym, state, this::classify)) {
      case NOT_A_RESOURCE -> false;
      case LIFECYCLE -> true;
      case CLOSEABLE -> !hasNoOpClose(erased.tsym, state);
    };
  }

  /** What {@link #isResource} needs to know about a class; the same wherever it is asked. */
  private enum Kind {
    NOT_A_RESOURCE,
    /** {@code AutoCloseable}, a resource unless its close() does nothing. */
    CLOSEABLE,
    /** A lifecycle type from the tables or the user's flag. */
    LIFECYCLE
  }

  private Kind classify(TypeSymbol symbol, VisitorState state) {
    Type type = symbol.erasure(state.getTypes());
    if (lifecycle.isExecutor(type, state)
        || lifecycle.isSubtypeOfAny(type, libraries.nonReleasingTypes, state)) {
      return Kind.NOT_A_RESOURCE;
    }
    if (lifecycle.isSubtypeOfAny(type, AUTO_CLOSEABLE_ONLY, state)) {
      return isNamedNonReleasing(symbol) ? Kind.NOT_A_RESOURCE : Kind.CLOSEABLE;
    }
    return isLifecycleClass(symbol, state)
        ? Kind.LIFECYCLE
        : Kind.NOT_A_RESOURCE;
  }

  private static boolean isNamedNonReleasing(TypeSymbol symbol) {
    return NamingConventions.isNonReleasingTypeName(symbol.getSimpleName().toString());
  }

  /**
   * Whether the close() that this class runs does nothing: inherited from {@code InputStream} or
   * {@code OutputStream} (an in-memory adapter stream), or written here with an empty body (Thrift's
   * {@code TMemoryInputTransport}). Read once per class.
   */
  private boolean hasNoOpClose(TypeSymbol symbol, VisitorState state) {
    return noOpCloses.get(symbol, state, this::closesNothing);
  }

  private boolean closesNothing(TypeSymbol symbol, VisitorState state) {
    if (!(symbol instanceof ClassSymbol classSymbol) || classSymbol.isInterface()) {
      return false;
    }
    if (inheritsJdkNoOpClose(classSymbol)) {
      return true; // the JDK's own bodies are not readable under an older --release (ct.sym)
    }
    return closeBodies.closeDoesNothing(classSymbol, state);
  }

  /** Whether the close() the class runs is one of the JDK's known no-op ones. */
  private static boolean inheritsJdkNoOpClose(ClassSymbol classSymbol) {
    for (Type t = classSymbol.type; t != null && t.tsym instanceof ClassSymbol c; t = c.getSuperclass()) {
      for (Symbol member : c.getEnclosedElements()) {
        if (member instanceof MethodSymbol method
            && method.getSimpleName().contentEquals("close")
            && method.getParameters().isEmpty()
            && !method.isStatic()) {
          return NO_OP_CLOSE_OWNERS.contains(c.getQualifiedName().toString());
        }
      }
    }
    return false;
  }

  /**
   * Whether the class, or a supertype, is named by a row: the row's type, or a relocated copy of it
   * ({@code org.apache.ratis.thirdparty.io.grpc.Server}). Each class is read once, supertypes
   * included.
   */
  private boolean isLifecycleClass(TypeSymbol symbol, VisitorState state) {
    return lifecycleClasses.get(symbol, state, false, this::namesLifecycleClass);
  }

  private boolean namesLifecycleClass(TypeSymbol symbol, VisitorState state) {
    String name = symbol.getQualifiedName().toString();
    if (lifecycleTypeNames.contains(name)) {
      return true;
    }
    for (String suffix : relocatedSuffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    for (Type supertype : state.getTypes().directSupertypes(symbol.type)) {
      if (supertype.tsym != null && isLifecycleClass(supertype.tsym, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether calling {@code method} on a resource (or on what its getters return, as in OkHttp's
   * {@code client.dispatcher().executorService().shutdown()}) releases it.
   */
  public boolean isReleaseCall(Symbol method, VisitorState state) {
    if (method == null) {
      return false;
    }
    return hasReleaseName(method)
        || TypeMember.anyMatches(libraries.resourceReleases, method, state)
        || TypeMember.anyMatches(libraries.releaseHelpers, method, state);
  }

  /** Whether a method named like this releases its receiver or its arguments ({@code closeQuietly}). */
  public boolean hasReleaseName(Symbol method) {
    // Asked of most calls the resource scan sees: once per name (javac interns names).
    return releaseNames.computeIfAbsent(
        method.getSimpleName(), name -> NamingConventions.isReleaseName(name.toString()));
  }

  /** Whether {@code method} keeps a resource passed to it and so takes over its release. */
  public boolean takesOver(Symbol method) {
    if (method == null) {
      return false;
    }
    return NamingConventions.isHandOffName(method.getSimpleName().toString());
  }

  /** Whether a framework injects or manages the value of a field with this annotation. */
  public boolean isManagedField(VarSymbol field) {
    return field.getAnnotationMirrors().stream()
        .anyMatch(
            a -> libraries.managedFieldAnnotations.contains(
                ((TypeSymbol) a.getAnnotationType().asElement()).getQualifiedName().toString()));
  }

  /**
   * Whether {@code expression} creates a resource its holder owns: {@code new} (a decorator owns
   * only what it wraps new), a factory or builder call (see {@link Ownership}), a
   * {@code @MustBeClosed} factory. Not owned: values taken from another resource ({@code
   * connection.createStatement()}, {@code client.newBuilder().build()}), since releasing that one
   * releases them, and values handed to a keeper ({@code closer.register(new X())}).
   */
  public boolean createsResource(ExpressionTree expression, VisitorState state) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (tree instanceof TypeCastTree cast) {
      // (NonBlockingJsonParser) factory.createNonBlockingByteArrayParser(): the cast says more.
      Type castType = ASTHelpers.getType(cast);
      if (TypeMember.isSubtypeOfNamed(castType, AUTO_CLOSEABLE, state) && !isResource(castType, state)) {
        return false;
      }
      return createsResource(cast.getExpression(), state);
    }
    if (tree instanceof ConditionalExpressionTree conditional) {
      // client != null ? client : HttpClients.createDefault(): owned whenever it was created here.
      return createsResource(conditional.getTrueExpression(), state)
          || createsResource(conditional.getFalseExpression(), state);
    }
    if (!isResource(ASTHelpers.getType(tree), state)) {
      return false;
    }
    if (tree instanceof NewClassTree newTree) {
      // An anonymous AutoCloseable is a callback that holds nothing of its own.
      return newTree.getClassBody() == null
          && !isPartOfItsMaker(newTree)
          && wrapsOnlyNewCloseables(newTree.getArguments(), state)
          && !passesTheCloseOnToAnArgument(newTree, state);
    }
    if (tree instanceof MethodInvocationTree call) {
      Symbol method = ASTHelpers.getSymbol(call);
      if (method == null || takesOver(method) || !wrapsOnlyNewCloseables(argumentsAlongChain(call), state)) {
        return false;
      }
      if (isFluentCallOnNewResource(call, state)) {
        return true; // ServerBuilder.forPort(..).build().start() returns the server it built
      }
      if (derivedFromResource(call, state)) {
        return false;
      }
      MethodTree factory = ownFactory(method, state);
      if (factory != null) {
        return returnsOnlyNewResources(factory, state); // private RedisClient prepareRedis() {..}
      }
      return TypeMember.anyMatches(libraries.resourceFactories, method, state)
          || Ownership.createsNew(call, this::isResource, (m, s) -> takesOver(m), lifecycle, state);
    }
    return false;
  }

  /**
   * The source of a factory compiled here that cannot be overridden (of this class or another),
   * or null.
   */
  private MethodTree ownFactory(Symbol method, VisitorState state) {
    if (factoryDepth >= MAX_FACTORY_DEPTH
        || (method.flags() & (Flags.PRIVATE | Flags.STATIC | Flags.FINAL)) == 0
            && (method.owner.flags() & Flags.FINAL) == 0) {
      return null;
    }
    return SourceTrees.bodyThatRuns(method, state);
  }

  /** Whether every {@code return} of {@code factory} returns a new resource (or a local holding one). */
  private boolean returnsOnlyNewResources(MethodTree factory, VisitorState state) {
    List<SourceTrees.Returned> returned = SourceTrees.returnedValues(factory);
    factoryDepth++;
    try {
      return !returned.isEmpty()
          && returned.stream()
              .allMatch(
                  r -> createsOrNull(r.value(), state) && !isNull(r.expression()));
    } finally {
      factoryDepth--;
    }
  }

  /**
   * Whether the new object is a part of the object that makes it, not a resource of its own: an
   * instance of an inner class (OkHttp's {@code Http2Stream.FramingSource}, a session's {@code
   * InternalByteChannel}), whose close() reaches back into its outer object, or one given {@code
   * this} (a connection manager's {@code new ManagedConnection(this, entry)}, which returns itself
   * to its manager). What it releases is its maker's to release.
   */
  private static boolean isPartOfItsMaker(NewClassTree creation) {
    Symbol constructor = ASTHelpers.getSymbol(creation);
    if (constructor != null
        && constructor.owner instanceof ClassSymbol created
        && created.hasOuterInstance()) {
      return true;
    }
    return creation.getArguments().stream().anyMatch(Receivers::isThis);
  }

  /**
   * Whether the new object's close() only passes the close on to one of its fields, and the
   * constructor is given a value for that field which is no new executor, thread, timer or
   * resource: xnio's {@code new ConduitStreamSourceChannel(configurable, new
   * EmptyStreamSourceConduit(thread))}, whose close() is {@code conduit.terminateReads()}. Such a
   * decorator releases only what it was given. (A field that is itself {@code AutoCloseable} is
   * judged by {@link #wrapsOnlyNewCloseables}.)
   */
  private boolean passesTheCloseOnToAnArgument(NewClassTree creation, VisitorState state) {
    Type created = ASTHelpers.getType(creation);
    if (creation.getArguments().isEmpty() || created == null || !(created.tsym instanceof ClassSymbol type)) {
      return false;
    }
    String fieldType = closeBodies.closeForwardsTo(type, state).orElse(null);
    if (fieldType == null || fieldType.equals("java.lang.Object")) {
      return false; // every argument could be an Object: it says nothing of which one is kept
    }
    for (ExpressionTree argument : creation.getArguments()) {
      if (TypeMember.isSubtypeOfNamed(ASTHelpers.getType(argument), fieldType, state)
          && lifecycle.createdKind(argument, state) == null) {
        return true;
      }
    }
    return false;
  }

  private boolean isFluentCallOnNewResource(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Type returned = ASTHelpers.getType(call);
    Type receiverType = receiver == null ? null : ASTHelpers.getType(receiver);
    return receiverType != null
        && returned != null
        && state.getTypes().isSameType(
            state.getTypes().erasure(returned), state.getTypes().erasure(receiverType))
        && createsResource(receiver, state);
  }

  /**
   * Whether every {@code AutoCloseable} argument is itself new: {@code new BufferedReader(new
   * InputStreamReader(System.in))}, {@code new CSVPrinter(writer, ..)} or {@code
   * factory.createGenerator(out)} wrap what somebody else owns, so closing them is not this
   * class's job (and would close the other's stream).
   */
  private boolean wrapsOnlyNewCloseables(List<? extends ExpressionTree> arguments, VisitorState state) {
    for (ExpressionTree argument : arguments) {
      if (TypeMember.isSubtypeOfNamed(ASTHelpers.getType(argument), AUTO_CLOSEABLE, state)
          && !isNull(argument)
          && !createsResource(argument, state)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The arguments of a call and of the calls and {@code new} its receiver chain is built from: a
   * builder given a socket in one step ({@code new Http2Connection.Builder(true).socket(socket,
   * ..).build()}) builds something that wraps that socket.
   */
  private static List<ExpressionTree> argumentsAlongChain(MethodInvocationTree call) {
    List<ExpressionTree> arguments = new ArrayList<>(call.getArguments());
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    while (receiver != null) {
      receiver = ASTHelpers.stripParentheses(receiver);
      if (receiver instanceof MethodInvocationTree step) {
        arguments.addAll(step.getArguments());
        receiver = ASTHelpers.getReceiver(step);
      } else {
        if (receiver instanceof NewClassTree start) {
          arguments.addAll(start.getArguments());
        }
        break;
      }
    }
    return arguments;
  }

  private boolean createsOrNull(ExpressionTree expression, VisitorState state) {
    return isNull(expression) || createsResource(expression, state);
  }

  private static boolean isNull(ExpressionTree expression) {
    return ASTHelpers.stripParentheses(expression).getKind() == Tree.Kind.NULL_LITERAL;
  }

  /**
   * Whether the call's receiver chain starts at a variable that itself holds a resource, or at a
   * local that is never reassigned and was made from one: {@code builder = response.newBuilder();
   * .. builder.build()} builds a copy of {@code response}, sharing what it holds.
   */
  private boolean derivedFromResource(MethodInvocationTree call, VisitorState state) {
    VarSymbol root = chainRoot(call);
    if (root == null) {
      return false;
    }
    if (isResource(root.type, state)) {
      return true;
    }
    ExpressionTree made = SourceTrees.initializerOf(root, state);
    if (!(made instanceof MethodInvocationTree step)) {
      return false;
    }
    VarSymbol source = chainRoot(step);
    return source != null && isResource(source.type, state);
  }

  /** The variable a chain of calls starts at ({@code a} of {@code a.b().c()}), or null. */
  private static VarSymbol chainRoot(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    while (receiver instanceof MethodInvocationTree inner) {
      receiver = ASTHelpers.getReceiver(inner);
    }
    receiver = receiver == null ? null : ASTHelpers.stripParentheses(receiver);
    if (!(receiver instanceof IdentifierTree || receiver instanceof MemberSelectTree)) {
      return null;
    }
    return ASTHelpers.getSymbol(receiver) instanceof VarSymbol variable ? variable : null;
  }
}
