package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.NamingConventions;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.SourceTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;

/**
 * What the code of one top-level class (nested classes included) does with the lifecycle objects
 * it holds, executors and resources alike, found in one pass: which values each field or local is
 * given (new ones it owns, or others), where it is released, whether its ownership moves to
 * someone else, and where it is only lent.
 *
 * <p>The one policy, for every kind:
 *
 * <ul>
 *   <li>Released: a stop or release call on it ({@code pool.shutdown()}, {@code client.close()},
 *       through {@code this.}, local aliases, pattern variables, loops over it, the class's getters
 *       and call chains), try-with-resources, a release helper given it ({@code
 *       closeQuietly(x)}), a method of the class that releases its parameter, or an object built
 *       from it that is released ({@code service = listeningDecorator(pool)}, then {@code
 *       service.shutdown()}).
 *   <li>Passed on: any other call it is given to; that releases it only on a shutdown path.
 *   <li>Handed off (the holder is no longer the owner): given to a keeper ({@code
 *       closer.register(x)}), wrapped by a new resource, given to the superclass, stored in
 *       another object, or returned by the method that created it ({@code return x = new X()}).
 *   <li>Lent (still owned): returned by a getter. A local returned, or passed to any call but a
 *       borrower, escapes the method that made it.
 * </ul>
 */
final class LifecycleUses {

  /** A value given to a variable that the code created, so whoever holds it owns it. */
  record Creation(TreePath site, ExpressionTree value, LifecycleKind kind) {}

  /** What the source does with one field, parameter, local, alias or getter. */
  static final class Facts {
    final List<Creation> creations = new ArrayList<>();
    boolean handedOff;
    final List<TreePath> releases = new ArrayList<>();
    /** Calls that take the value as an argument: a release only when on a shutdown path. */
    final List<TreePath> passedOn = new ArrayList<>();
    /** Where a local's value leaves its method: returned, stored, or passed to a call. */
    final List<TreePath> escapes = new ArrayList<>();
    /** Where a getter of the class returns it: lent, still owned. */
    final List<TreePath> lent = new ArrayList<>();
    final List<Passed> passedToOwnMethods = new ArrayList<>();
    /** Released only as part of an object built from it, which may or may not release it. */
    boolean releasedWithHolder;
    /** Fields holding an object built from this value: {@code listener = new Listener(socket)}. */
    final Set<Symbol> heldBy = new LinkedHashSet<>();
    /** How often the code reads it (assignments aside): an executor nobody reads runs no task. */
    int reads;
    /** Where it is started: {@code thread.start()}. */
    final List<TreePath> starts = new ArrayList<>();

    void absorb(Facts other) {
      handedOff |= other.handedOff;
      releases.addAll(other.releases);
      passedOn.addAll(other.passedOn);
    }

    boolean isOwned() {
      return !creations.isEmpty();
    }

    LifecycleKind kind() {
      return creations.isEmpty() ? null : creations.get(0).kind();
    }
  }

  private record Passed(MethodSymbol method, int index, TreePath site) {
    // Written out: a record's own equals and hashCode bind method handles the first time they run,
    // tens of milliseconds in a javac that nothing else makes pay for them.
    @Override
    public boolean equals(Object other) {
      return other instanceof Passed passed
          && method.equals(passed.method)
          && index == passed.index
          && Objects.equals(site, passed.site);
    }

    @Override
    public int hashCode() {
      return 31 * method.hashCode() + index;
    }
  }

  /** A field declaration and the class that declares it. */
  record Declared(VariableTree tree, TreePath classPath) {}

  private final LifecycleModel model;
  private final ClassSymbol topLevel;
  private final TreePath classPath;
  /**
   * Where the class calls each of its own methods, read only when a factory-like method returns a
   * field: the index its {@link ClassLifecycle} keeps, or one made from the class when first asked.
   */
  private final Function<MethodSymbol, List<TreePath>> callSites;
  private final Set<VarSymbol> inherited;
  private final VisitorState state;
  private final Map<VarSymbol, Declared> fields = new LinkedHashMap<>();
  /** Local variables declared with a new lifecycle object, in source order. */
  private final List<Creation> localDeclarations = new ArrayList<>();
  private final Map<Symbol, Facts> facts = new HashMap<>();
  private final Map<Symbol, Set<Symbol>> aliases = new HashMap<>();
  /**
   * Locals that hold an object made from a lifecycle object rather than the object itself
   * ({@code engine = new Engine(resolver)}): what that object does with it was decided where it
   * was made, so returning the local hands on the new object, not what it was given.
   */
  private final Set<Symbol> wrappers = new HashSet<>();
  private final Map<Symbol, ExpressionTree> localCreations = new HashMap<>();
  private final Map<MethodSymbol, Set<Symbol>> getters = new HashMap<>();
  /** Every value the code gives each own field, lifecycle object or not. */
  private final Map<Symbol, List<ExpressionTree>> fieldValues = new HashMap<>();
  /** Parameters stored in fields: {@code this.executor = executor} in a constructor or setter. */
  private final Map<Passed, Set<Symbol>> storedParameters = new HashMap<>();
  /**
   * Fields filled from a field of a builder the constructor is given ({@code this.executor =
   * builder.executor}), by the builder's field: a nested class of this one, whose own creations
   * become the built object's.
   */
  private final Map<Symbol, List<Symbol>> copiedFromBuilders = new LinkedHashMap<>();
  /** New objects given to the class's own constructors and methods: {@code this(newPool())}. */
  private final List<Creation> creationsPassedToOwnMethods = new ArrayList<>();
  /** Keyed by the creations listed above, themselves. */
  private final Map<Creation, Passed> creationTargets = new IdentityHashMap<>();
  /** The local that each of those creations was passed through, where it was not passed directly. */
  private final Map<Creation, Symbol> creationLocals = new IdentityHashMap<>();
  /** New executors and timers that no variable ever holds: given a task at once, or lent. */
  private final List<Creation> dropped = new ArrayList<>();
  /** New executors given to the constructor of a superclass in another file: {@code super(pool)}. */
  private final List<GivenToSuperclass> executorsGivenToSuperclass = new ArrayList<>();

  /** A new executor, at {@code site}, passed as argument {@code index} of {@code constructor}. */
  record GivenToSuperclass(TreePath site, MethodSymbol constructor, int index) {}

  private LifecycleUses(
      ClassSymbol topLevel,
      TreePath classPath,
      Set<VarSymbol> inherited,
      Function<MethodSymbol, List<TreePath>> callSites,
      LifecycleModel model,
      VisitorState state) {
    this.model = model;
    this.topLevel = topLevel;
    this.classPath = classPath;
    this.inherited = inherited;
    this.callSites = callSites;
    this.state = state;
  }

  /**
   * Scans the top-level class {@code topLevel}, whose path is {@code classPath}, once; {@code
   * callSites} tells where the class calls each of its own methods.
   */
  static LifecycleUses scan(
      ClassSymbol topLevel,
      TreePath classPath,
      Function<MethodSymbol, List<TreePath>> callSites,
      LifecycleModel model,
      VisitorState state) {
    return scan(new LifecycleUses(topLevel, classPath, Set.of(), callSites, model, state));
  }

  /**
   * As {@link #scan(ClassSymbol, TreePath, Function, LifecycleModel, VisitorState)}, following also
   * the {@code inherited} fields of a superclass, as a subclass uses them, and finding where the
   * class calls its own methods only if that is needed.
   */
  static LifecycleUses scan(
      ClassSymbol topLevel,
      TreePath classPath,
      Set<VarSymbol> inherited,
      LifecycleModel model,
      VisitorState state) {
    OwnCalls[] ownCalls = new OwnCalls[1]; // scanned only if asked
    Function<MethodSymbol, List<TreePath>> callSites =
        method -> {
          if (ownCalls[0] == null) {
            ownCalls[0] = OwnCalls.scan(classPath, topLevel);
          }
          return ownCalls[0].of(method);
        };
    return scan(new LifecycleUses(topLevel, classPath, inherited, callSites, model, state));
  }

  private static LifecycleUses scan(LifecycleUses uses) {
    uses.new Scanner().scan(uses.classPath, null);
    uses.resolveAfterScan();
    return uses;
  }

  /** The local variables declared with a new lifecycle object, at their declarations, in order. */
  List<Creation> localDeclarations() {
    return localDeclarations;
  }

  /**
   * Executors and timers created where no variable keeps them, at their creation, in source order:
   * given a task on the spot ({@code Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(..)},
   * {@code new Timer().schedule(..)}) or lent to a call that never stops them ({@code
   * runAsync(task, Executors.newCachedThreadPool())}, {@code new ExecutorCompletionService<>(..)}).
   * No reference is left that could stop them.
   */
  List<Creation> dropped() {
    return dropped;
  }

  /**
   * New executors that the class's constructors give to a superclass declared in another file
   * ({@code super(Executors.newScheduledThreadPool(1))}), in source order.
   */
  List<GivenToSuperclass> executorsGivenToSuperclass() {
    return executorsGivenToSuperclass;
  }

  /** Every field declared in the class, in source order. */
  Map<VarSymbol, Declared> fields() {
    return fields;
  }

  /** The values the code gives the own field {@code field}, in source order. */
  List<ExpressionTree> valuesOf(Symbol field) {
    return fieldValues.getOrDefault(field, List.of());
  }

  /** What the code does with {@code symbol}, or null if it does nothing. */
  Facts factsOf(Symbol symbol) {
    return facts.get(symbol);
  }

  // Resolution after the scan

  private void resolveAfterScan() {
    takeOverFromBuilders();
    for (Creation creation : creationsPassedToOwnMethods) {
      if (leavesElsewhereToo(creation)) {
        continue;
      }
      Passed target = creationTargets.get(creation);
      for (Symbol field : storedParameters.getOrDefault(normalized(target), Set.of())) {
        facts(field).creations.add(creation); // this(Executors.newFixedThreadPool(2))
      }
    }
    Set<Passed> releasingParameters = releasingParameters();
    for (Facts value : facts.values()) {
      for (Passed passed : value.passedToOwnMethods) {
        if (releasingParameters.contains(normalized(passed))) {
          value.releases.add(passed.site());
        }
      }
    }
    getters.forEach(
        (getter, returned) -> {
          Facts getterFacts = facts.get(getter);
          if (getterFacts != null) {
            returned.forEach(field -> facts(field).absorb(getterFacts));
          }
        });
    // What an object built from the value releases may release it: listener.terminate() closes
    // the server socket it was given. One level, as written in the source.
    for (Facts value : List.copyOf(facts.values())) {
      for (Symbol holder : value.heldBy) {
        Facts held = facts.get(holder);
        if (held != null) {
          value.releasedWithHolder |= !held.releases.isEmpty();
          value.handedOff |= held.handedOff;
        }
      }
    }
  }

  /**
   * What a builder nested in the class made for the object it builds, and never stops itself, the
   * built object owns: java-dataloader's {@code Builder.build()} made the default scheduler when
   * none was given, and the registry's constructor kept {@code builder.scheduledExecutorService}.
   */
  private void takeOverFromBuilders() {
    for (Map.Entry<Symbol, List<Symbol>> copied : copiedFromBuilders.entrySet()) {
      Facts made = facts.get(copied.getKey());
      if (made == null || made.creations.isEmpty() || !made.releases.isEmpty()) {
        continue;
      }
      made.handedOff = true;
      for (Symbol copy : copied.getValue()) {
        facts(copy).creations.addAll(made.creations);
      }
    }
  }

  /**
   * Whether the local that a creation was passed through also leaves its method some other way
   * (returned, stored, given to another call): then the method or constructor it was passed to
   * only shares it ({@code connection = factory.create(); registry.register(connection, new
   * XAResource(connection)); return connection;}). Lending it to a component that cannot stop it
   * (see {@link ComponentHandOff#lendsTo}) is no such way.
   */
  private boolean leavesElsewhereToo(Creation creation) {
    Symbol local = creationLocals.get(creation);
    if (local == null) {
      return false;
    }
    Tree passingCall = creation.site().getParentPath().getLeaf();
    for (TreePath escape : facts(local).escapes) {
      if (escape.getLeaf() != passingCall
          && !ComponentHandOff.lendsTo(escape.getLeaf(), local, model, state)) {
        return true;
      }
    }
    return false;
  }

  /** The parameters, as (method, index), that methods of this class release, directly or not. */
  private Set<Passed> releasingParameters() {
    Set<Passed> releasing = new HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<Symbol, Facts> entry : facts.entrySet()) {
        Passed parameter = asParameter(entry.getKey());
        if (parameter == null || releasing.contains(parameter)) {
          continue;
        }
        Facts value = entry.getValue();
        if (!value.releases.isEmpty()
            || value.passedToOwnMethods.stream().anyMatch(p -> releasing.contains(normalized(p)))) {
          releasing.add(parameter);
          changed = true;
        }
      }
    }
    return releasing;
  }

  private static Passed asParameter(Symbol symbol) {
    // A lambda's parameter in an initializer is owned by javac's placeholder method, which has no
    // type: no caller can pass anything to it.
    if (symbol == null
        || symbol.getKind() != ElementKind.PARAMETER
        || !(symbol.owner instanceof MethodSymbol method)
        || method.type == null) {
      return null;
    }
    int index = method.getParameters().indexOf(symbol);
    return index < 0 ? null : new Passed(method, index, null);
  }

  /** {@code passed} without its site, and with varargs folded onto the last parameter. */
  private static Passed normalized(Passed passed) {
    if (passed == null) {
      return null;
    }
    MethodSymbol method = passed.method();
    int index = passed.index();
    int last = method.getParameters().size() - 1;
    if (method.isVarArgs() && index > last) {
      index = last;
    }
    return new Passed(method, index, null);
  }

  // The scan

  private Facts facts(Symbol symbol) {
    return facts.computeIfAbsent(symbol, s -> new Facts());
  }

  private boolean isOwnField(Symbol symbol) {
    return symbol instanceof VarSymbol field
        && symbol.getKind() == ElementKind.FIELD
        && (topLevel.equals(ASTHelpers.outermostClass(symbol)) || inherited.contains(field));
  }

  private boolean isOwnMethod(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && !method.isConstructor()
        && topLevel.equals(ASTHelpers.outermostClass(symbol));
  }

  private boolean isOwnConstructor(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && method.isConstructor()
        && topLevel.equals(ASTHelpers.outermostClass(symbol));
  }



  /** The fields, parameters, owned locals and getters that a read of {@code symbol} stands for. */
  private Set<Symbol> rootsOfSymbol(Symbol symbol) {
    if (symbol == null) {
      return Set.of();
    }
    Set<Symbol> aliased = aliases.get(symbol);
    boolean ownedLocal = localCreations.containsKey(symbol);
    if (aliased != null && !ownedLocal) {
      return aliased;
    }
    if (ownedLocal && aliased != null) {
      Set<Symbol> both = new LinkedHashSet<>(aliased);
      both.add(symbol);
      return both;
    }
    if (ownedLocal || isOwnField(symbol) || symbol.getKind() == ElementKind.PARAMETER) {
      return Set.of(symbol);
    }
    return Set.of();
  }

  /** What a value computed by {@code expression} may hold: used to follow aliases. */
  private Set<Symbol> rootsOf(ExpressionTree expression) {
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    if (tree instanceof TypeCastTree cast) {
      return rootsOf(cast.getExpression());
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      return rootsOfSymbol(ASTHelpers.getSymbol(tree));
    }
    Set<Symbol> roots = new LinkedHashSet<>();
    if (tree instanceof ConditionalExpressionTree conditional) {
      roots.addAll(rootsOf(conditional.getTrueExpression()));
      roots.addAll(rootsOf(conditional.getFalseExpression()));
    } else if (tree instanceof MethodInvocationTree call) {
      Symbol method = ASTHelpers.getSymbol(call);
      if (isOwnMethod(method)) {
        roots.add(method); // a getter of the class, with arguments or without
      }
      call.getArguments().forEach(a -> roots.addAll(rootsOf(a)));
    } else if (tree instanceof NewClassTree newTree) {
      newTree.getArguments().forEach(a -> roots.addAll(rootsOf(a)));
    } else if (tree instanceof NewArrayTree array && array.getInitializers() != null) {
      array.getInitializers().forEach(a -> roots.addAll(rootsOf(a)));
    }
    return roots;
  }

  private void alias(Symbol local, Set<Symbol> roots) {
    if (local != null && !roots.isEmpty()) {
      aliases.computeIfAbsent(local, l -> new LinkedHashSet<>()).addAll(roots);
    }
  }

  private void assignField(Symbol field, ExpressionTree value, TreePath site) {
    fieldValues.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    ExpressionTree tree = ASTHelpers.stripParentheses(value);
    if (tree.getKind() == Tree.Kind.NULL_LITERAL) {
      return;
    }
    Symbol source = ASTHelpers.getSymbol(tree);
    ExpressionTree created = localCreations.get(source);
    LifecycleKind kind = created != null ? model.createdKind(created, state) : model.createdKind(tree, state);
    if (kind != null) {
      facts(field).creations.add(new Creation(site, created != null ? created : tree, kind));
    } else if (asParameter(source) != null) {
      storedParameters.computeIfAbsent(asParameter(source), p -> new LinkedHashSet<>()).add(field);
    } else if (tree instanceof MemberSelectTree select
        && isOwnField(source)
        && !source.owner.equals(field.owner) // a copy constructor shares its own field: no builder
        && asParameter(ASTHelpers.getSymbol(select.getExpression())) != null) {
      copiedFromBuilders.computeIfAbsent(source, f -> new ArrayList<>()).add(field);
    }
  }

  private void assignLocal(Symbol local, ExpressionTree value) {
    alias(local, rootsOf(value));
    if (local != null && !UseShapes.isPlainReference(value)) {
      wrappers.add(local);
    }
    if (local != null
        && ASTHelpers.stripParentheses(value).getKind() != Tree.Kind.NULL_LITERAL
        && model.createdKind(value, state) != null) {
      localCreations.put(local, value);
    }
  }

  private void release(Set<Symbol> roots, TreePath site) {
    roots.forEach(r -> facts(r).releases.add(site));
  }

  private void handOff(Set<Symbol> roots, TreePath site) {
    roots.forEach(
        r -> {
          facts(r).handedOff = true;
          facts(r).escapes.add(site);
        });
  }

  private final class Scanner extends TreePathScanner<Void, Void> {

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      Symbol symbol = ASTHelpers.getSymbol(variable);
      if (isOwnField(symbol)) {
        fields.put((VarSymbol) symbol, new Declared(variable, getCurrentPath().getParentPath()));
        if (variable.getInitializer() != null) {
          assignField(symbol, variable.getInitializer(), getCurrentPath());
        }
      } else if (variable.getInitializer() != null) {
        assignLocal(symbol, variable.getInitializer());
        ExpressionTree created = localCreations.get(symbol);
        LifecycleKind kind = model.createdKind(created, state);
        if (kind != null) {
          Creation creation = new Creation(getCurrentPath(), created, kind);
          facts(symbol).creations.add(creation);
          if (symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
            localDeclarations.add(creation);
          }
        }
      }
      return super.visitVariable(variable, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
      Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
      if (isOwnField(target)) {
        assignField(target, assignment.getExpression(), getCurrentPath());
      } else if (UseShapes.isLocal(target)) {
        assignLocal(target, assignment.getExpression());
        LifecycleKind kind = model.createdKind(assignment.getExpression(), state);
        if (kind != null) {
          facts(target).creations.add(new Creation(getCurrentPath(), assignment.getExpression(), kind));
        }
      }
      return super.visitAssignment(assignment, null);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
      alias(ASTHelpers.getSymbol(loop.getVariable()), rootsOf(loop.getExpression()));
      return super.visitEnhancedForLoop(loop, null);
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree instanceOf, Void unused) {
      if (instanceOf.getPattern() instanceof BindingPatternTree binding) {
        alias(ASTHelpers.getSymbol(binding.getVariable()), rootsOf(instanceOf.getExpression()));
      }
      return super.visitInstanceOf(instanceOf, null);
    }

    @Override
    public Void visitTry(TryTree tryTree, Void unused) {
      for (Tree resource : tryTree.getResources()) {
        ExpressionTree value =
            resource instanceof VariableTree declared
                ? declared.getInitializer()
                : resource instanceof ExpressionTree expression ? expression : null;
        if (value != null) {
          release(rootsOf(value), getCurrentPath());
        }
        if (resource instanceof VariableTree declared) {
          release(Set.of(ASTHelpers.getSymbol(declared)), getCurrentPath());
        }
      }
      return super.visitTry(tryTree, null);
    }

    @Override
    public Void visitReturn(ReturnTree returned, Void unused) {
      // return this.pool = Executors.newFixedThreadPool(n): made for the caller, not kept.
      if (returned.getExpression() != null
          && ASTHelpers.stripParentheses(returned.getExpression()) instanceof AssignmentTree assignment
          && isOwnField(ASTHelpers.getSymbol(assignment.getVariable()))
          && model.createdKind(assignment.getExpression(), state) != null
          && !alsoReturnsKept(ASTHelpers.getSymbol(assignment.getVariable()))) {
        handOff(Set.of(ASTHelpers.getSymbol(assignment.getVariable())), getCurrentPath());
      }
      return super.visitReturn(returned, null);
    }

    /** Whether the enclosing method also returns {@code field} itself: a lazy getter, which lends. */
    private boolean alsoReturnsKept(Symbol field) {
      MethodTree method = ASTHelpers.findEnclosingNode(getCurrentPath(), MethodTree.class);
      return method != null
          && method.getBody() != null
          && SourceTrees.returnedValues(method).stream()
              .anyMatch(r -> field.equals(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(r.expression()))));
    }

    @Override
    public Void visitIdentifier(IdentifierTree identifier, Void unused) {
      classifyRead(ASTHelpers.getSymbol(identifier));
      return super.visitIdentifier(identifier, null);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree select, Void unused) {
      classifyRead(ASTHelpers.getSymbol(select));
      return super.visitMemberSelect(select, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      Symbol method = ASTHelpers.getSymbol(call);
      if (isOwnMethod(method)) {
        classifyUse(Set.of(method), getCurrentPath()); // a getter of the class: getClient().close()
      }
      if (isOwnMethod(method) || isOwnConstructor(method)) {
        recordCreationsPassed((MethodSymbol) method, call.getArguments());
      }
      if (call.getMethodSelect() instanceof MemberSelectTree select) {
        LifecycleKind kind = newExecutorOrTimer(select.getExpression());
        if (kind != null
            && !model.isStopCall(method, state)
            && model.kindOf(ASTHelpers.getType(call), state) == null) {
          // Given a task at once; what the call returns (a future, nothing) cannot stop it.
          TreePath site = new TreePath(new TreePath(getCurrentPath(), select), select.getExpression());
          dropped.add(new Creation(site, select.getExpression(), kind));
        }
      }
      recordExecutorsLentTo(method, call.getArguments());
      if (method instanceof MethodSymbol constructor
          && constructor.isConstructor()
          && !isOwnConstructor(constructor)
          && call.getMethodSelect() instanceof IdentifierTree called
          && called.getName().contentEquals("super")) {
        recordExecutorsGivenToSuperclass(constructor, call.getArguments());
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitNewClass(NewClassTree creation, Void unused) {
      Symbol constructor = ASTHelpers.getSymbol(creation);
      if (isOwnConstructor(constructor) && creation.getClassBody() == null) {
        recordCreationsPassed((MethodSymbol) constructor, creation.getArguments());
      }
      recordExecutorsLentTo(constructor, creation.getArguments());
      return super.visitNewClass(creation, null);
    }

    /** New executors given to a call that uses them but never keeps or stops them. */
    private void recordExecutorsLentTo(Symbol method, List<? extends ExpressionTree> arguments) {
      for (ExpressionTree argument : arguments) {
        if (newExecutorOrTimer(argument) == LifecycleKind.EXECUTOR
            && method != null
            && model.borrows(method, state)) {
          dropped.add(new Creation(new TreePath(getCurrentPath(), argument), argument, LifecycleKind.EXECUTOR));
        }
      }
    }

    /**
     * The kind of {@code expression} where it creates a new executor or timer right there; null
     * otherwise. Asked of every call's receiver and arguments, so the cheap tests come first: only
     * a {@code new} or a call can create one, and most values are of neither type.
     */
    private LifecycleKind newExecutorOrTimer(ExpressionTree expression) {
      ExpressionTree tree = ASTHelpers.stripParentheses(expression);
      if (!(tree instanceof NewClassTree || tree instanceof MethodInvocationTree)) {
        return null;
      }
      LifecycleKind typeKind = model.kindOf(ASTHelpers.getType(tree), state);
      return (typeKind == LifecycleKind.EXECUTOR || typeKind == LifecycleKind.TIMER)
              && model.createdKind(tree, state) == typeKind
          ? typeKind
          : null;
    }

    private void recordExecutorsGivenToSuperclass(
        MethodSymbol constructor, List<? extends ExpressionTree> arguments) {
      for (int i = 0; i < arguments.size(); i++) {
        ExpressionTree created = createdValueOf(arguments.get(i));
        if (model.createdKind(created, state) == LifecycleKind.EXECUTOR) {
          executorsGivenToSuperclass.add(
              new GivenToSuperclass(new TreePath(getCurrentPath(), arguments.get(i)), constructor, i));
        }
      }
    }

    /**
     * New objects given to the class's own constructor or method, which may store them in a field:
     * {@code this(Executors.newFixedThreadPool(2))}, {@code return new Client(new Socket(..))}.
     */
    private void recordCreationsPassed(MethodSymbol method, List<? extends ExpressionTree> arguments) {
      for (int i = 0; i < arguments.size(); i++) {
        ExpressionTree argument = arguments.get(i);
        ExpressionTree created = createdValueOf(argument);
        LifecycleKind kind = created == null ? null : model.createdKind(created, state);
        if (kind != null) {
          Creation creation =
              new Creation(new TreePath(getCurrentPath(), argument), created, kind);
          creationsPassedToOwnMethods.add(creation);
          creationTargets.put(creation, new Passed(method, i, null));
          if (created != argument) {
            creationLocals.put(creation, ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument)));
          }
        }
      }
    }

    /**
     * The new object that an argument gives: the argument itself, or what the local it names was
     * made from, when nothing assigns the local again ({@code ExecutorService executor =
     * Executors.newFixedThreadPool(4); return new Client(executor);}).
     */
    private ExpressionTree createdValueOf(ExpressionTree argument) {
      if (ASTHelpers.stripParentheses(argument) instanceof IdentifierTree identifier) {
        Symbol local = ASTHelpers.getSymbol(identifier);
        if (UseShapes.isLocal(local) && ASTHelpers.isConsideredFinal(local)) {
          return localCreations.getOrDefault(local, argument);
        }
      }
      return argument;
    }

    private void classifyRead(Symbol symbol) {
      if (!(symbol instanceof VarSymbol) || cannotHoldLifecycleObject(symbol.type)) {
        return;
      }
      Set<Symbol> roots = rootsOfSymbol(symbol);
      if (!roots.isEmpty()) {
        classifyUse(roots, getCurrentPath());
      }
    }
  }

  /**
   * Whether a value of {@code type} can neither be nor hold an executor, thread, timer or
   * resource: a primitive or a string. Most reads in a class are of such values. (Any other class,
   * even a final one, may hold one and release it: a listener given the server socket.)
   */
  private boolean cannotHoldLifecycleObject(Type type) {
    return type != null
        && (type.isPrimitive() || type.tsym == state.getSymtab().stringType.tsym);
  }

  /** Records what the code around a read of {@code roots} (the leaf of {@code path}) does with it. */
  private void classifyUse(Set<Symbol> roots, TreePath path) {
    TreePath exprPath = path;
    while (exprPath.getParentPath() != null && UseShapes.passesValueOn(exprPath.getParentPath().getLeaf(), exprPath.getLeaf())) {
      exprPath = exprPath.getParentPath();
    }
    Tree expr = exprPath.getLeaf();
    TreePath parentPath = exprPath.getParentPath();
    if (parentPath == null) {
      return;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof AssignmentTree assignment && assignment.getVariable() == expr) {
      return; // written, not read
    }
    roots.forEach(r -> facts(r).reads++);
    if (parent instanceof MemberSelectTree select && select.getExpression() == expr) {
      classifyCallChain(roots, select, parentPath);
    } else if (parent instanceof MemberReferenceTree reference
        && reference.getQualifierExpression() == expr) {
      if (model.isStopCall(ASTHelpers.getSymbol(reference), state)) {
        release(roots, parentPath);
      }
    } else if (parent instanceof ReturnTree) {
      Symbol read = ASTHelpers.getSymbol(expr);
      if (wrappers.contains(read) && !localCreations.containsKey(read)) {
        lend(roots, parentPath); // Engine engine = new Engine(resolver); return engine;
      } else {
        returned(roots, parentPath);
      }
    } else if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == expr) {
      lend(roots, parentPath); // () -> client: lent through a supplier
    } else if (parent instanceof AssignmentTree assignment) {
      if (assignment.getExpression() == expr && !UseShapes.isLocal(ASTHelpers.getSymbol(assignment.getVariable()))) {
        handOff(roots, parentPath); // stored in another field or object
      }
    } else if (parent instanceof VariableTree variable) {
      if (variable.getInitializer() == expr && isOwnField(ASTHelpers.getSymbol(variable))) {
        handOff(roots, parentPath);
      }
    } else if (UseShapes.isAnotherObjectsFieldPassedOn(expr, parent)) {
      // request.producer handed to client.execute(..): the code that reaches into the object
      // and passes its resource on decides its fate, not the object's class.
      handOff(roots, parentPath);
    } else {
      classifyArgument(roots, exprPath);
    }
  }

  /** Lent: the holder still owns it. A local lent out of its method escapes that method. */
  private void lend(Set<Symbol> roots, TreePath site) {
    for (Symbol root : roots) {
      facts(root).lent.add(site);
      if (UseShapes.isLocal(root)) {
        facts(root).escapes.add(site);
      }
    }
  }



  /** {@code field.close()}, {@code field.dispatcher().executorService().shutdown()}. */
  private void classifyCallChain(Set<Symbol> roots, MemberSelectTree select, TreePath selectPath) {
    MemberSelectTree current = select;
    TreePath callPath = selectPath.getParentPath();
    if (callPath != null
        && callPath.getLeaf() instanceof MethodInvocationTree first
        && first.getMethodSelect() == select
        && first.getArguments().isEmpty()
        && select.getIdentifier().contentEquals("start")) {
      TreePath started = callPath;
      roots.forEach(r -> facts(r).starts.add(started)); // thread.start()
    }
    while (callPath != null
        && callPath.getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == current) {
      if (model.isStopCall(ASTHelpers.getSymbol(call), state)) {
        release(roots, callPath);
        return;
      }
      TreePath next = callPath.getParentPath();
      if (!call.getArguments().isEmpty()
          || next == null
          || !(next.getLeaf() instanceof MemberSelectTree nextSelect)
          || nextSelect.getExpression() != call) {
        return;
      }
      current = nextSelect;
      callPath = next.getParentPath();
    }
  }



  /**
   * A return of the value: from a method of the class, a getter that lends it (and through which
   * a release releases it: {@code getClient().close()}); from a lambda or anonymous class, lent to
   * whoever runs it. A local returned leaves its method.
   */
  private void returned(Set<Symbol> roots, TreePath returnPath) {
    for (TreePath p = returnPath; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        lend(roots, returnPath);
        return;
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol != null
            && (model.isContainerFactory(symbol, state)
                || (NamingConventions.isCreatingName(symbol.getSimpleName().toString())
                    && allGivenToTheCaller(roots, symbol)))) {
          // A Spring @Bean method: the container closes what it returns. A method named like a
          // factory (create, open, newX) gives its caller what it returns, even from a cache.
          handOff(roots, returnPath);
          return;
        }
        if (symbol != null) {
          // A getter, with arguments or without: getContext(name).stop() stops what it returns.
          getters.computeIfAbsent(symbol, s -> new LinkedHashSet<>()).addAll(roots);
        }
        for (Symbol root : roots) {
          if (madeHereForTheCaller(root, method) && givenToTheCaller(root, symbol)) {
            handOff(Set.of(root), returnPath); // a lease: this.endpoint = new Endpoint(..); return endpoint;
          } else {
            lend(Set.of(root), returnPath);
          }
        }
        return;
      }
    }
  }

  private boolean allGivenToTheCaller(Set<Symbol> roots, MethodSymbol method) {
    for (Symbol root : roots) {
      if (!givenToTheCaller(root, method)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether returning {@code root} from {@code method} gives it to the caller: not for a field of
   * the class when every call of the method drops the result ({@code createApiClient();}), since
   * the field keeps what it made. Asked only where the answer decides something, because it reads
   * where the class calls its own methods.
   */
  private boolean givenToTheCaller(Symbol root, MethodSymbol method) {
    return !(isOwnField(root) && method != null && everyCallDropsTheResult(method));
  }

  /**
   * Whether {@code method}, which the class's users cannot call (it is not public), is called in the
   * class and every call drops what it returns (GitLab4J's {@code createApiClient();}): what it
   * makes and keeps in a field stays the class's, whatever its name.
   */
  private boolean everyCallDropsTheResult(MethodSymbol method) {
    if ((method.flags() & Flags.PUBLIC) != 0) {
      return false;
    }
    List<TreePath> sites = callSites.apply(method);
    return !sites.isEmpty()
        && sites.stream().allMatch(site -> site.getParentPath().getLeaf() instanceof ExpressionStatementTree);
  }

  /**
   * Whether {@code method} makes a new object in the field {@code root} and returns it, without
   * the null check of a lazy getter: a lease or a factory that also remembers what it handed out
   * (httpclient's {@code this.endpoint = new InternalConnectionEndpoint(entry); return
   * this.endpoint;}), which gives the caller the object to release.
   */
  private boolean madeHereForTheCaller(Symbol root, MethodTree method) {
    Facts rootFacts = facts.get(root);
    if (rootFacts == null || !isOwnField(root)) {
      return false;
    }
    for (Creation creation : rootFacts.creations) {
      if (ASTHelpers.findEnclosingNode(creation.site(), MethodTree.class) == method
          && !Guards.isGuardedBy(creation.site(), root)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A read passed as an argument, directly or inside other arguments: released by a call named
   * like a release, taken over by a keeper or a wrapping resource, held by the object it builds,
   * passed to a method of the class.
   */
  private void classifyArgument(Set<Symbol> roots, TreePath exprPath) {
    Tree child = exprPath.getLeaf();
    boolean direct = true;
    for (TreePath p = exprPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodInvocationTree call && UseShapes.containsSame(call.getArguments(), child)) {
        Symbol method = ASTHelpers.getSymbol(call);
        if (model.isStopCall(method, state) || chainReleases(p)) {
          release(roots, p); // IOUtils.closeQuietly(x), Optional.ofNullable(x).ifPresent(X::close)
          return;
        }
        if (model.takesOver(method, state) || (direct && isInheritedCallOnThis(call, method))) {
          handOff(roots, p);
          return;
        }
        TreePath built = UseShapes.builtObject(p);
        Symbol holder = fieldAssignedFrom(built);
        if (holder != null && !roots.contains(holder) && model.kindOf(ASTHelpers.getType(built.getLeaf()), state) != null) {
          roots.forEach(r -> facts(r).heldBy.add(holder)); // released when the holder is
        } else if (built != p && model.resources().isResource(ASTHelpers.getType(built.getLeaf()), state)) {
          handOff(roots, p); // a builder's input, such as a socket for a connection it builds
          return;
        }
        if (direct && isOwnMethod(method)) {
          Passed passed = new Passed((MethodSymbol) method, UseShapes.indexOfSame(call.getArguments(), child), p);
          roots.forEach(r -> facts(r).passedToOwnMethods.add(passed));
        }
        passedAt(roots, p, method);
      } else if (leaf instanceof NewClassTree newTree && UseShapes.containsSame(newTree.getArguments(), child)) {
        if (direct
            && ComponentHandOff.onlyUses(
                newTree, UseShapes.indexOfSame(newTree.getArguments(), child), model, state)) {
          passedAt(roots, p, ASTHelpers.getSymbol(newTree)); // new Pool(client) only calls client.connect()
          return;
        }
        if (direct && model.resources().isResource(ASTHelpers.getType(newTree), state)) {
          handOff(roots, p); // a wrapper that closes what it wraps
          return;
        }
        Symbol holder = direct ? fieldAssignedFrom(p) : null;
        if (holder != null) {
          roots.forEach(r -> facts(r).heldBy.add(holder)); // released when the holder is
        } else if (direct
            && ComponentHandOff.keeps(newTree, UseShapes.indexOfSame(newTree.getArguments(), child), model, state)) {
          handOff(roots, p); // to the component it builds, which keeps it and stops it itself
          return;
        }
        passedAt(roots, p, ASTHelpers.getSymbol(newTree));
      } else if (leaf instanceof NewArrayTree array
          && array.getInitializers() != null
          && UseShapes.containsSame(array.getInitializers(), child)) {
        passedAt(roots, p, null);
      } else if (!(leaf instanceof ParenthesizedTree
          || leaf instanceof TypeCastTree
          || leaf instanceof ConditionalExpressionTree)) {
        return;
      }
      direct = direct && (leaf instanceof ParenthesizedTree || leaf instanceof TypeCastTree);
      child = leaf;
    }
  }

  /** Passed to a call: a release on a shutdown path; a local escapes unless the call borrows it. */
  private void passedAt(Set<Symbol> roots, TreePath site, Symbol method) {
    for (Symbol root : roots) {
      facts(root).passedOn.add(site);
      if (UseShapes.isLocal(root) && (method == null || !model.borrows(method, state))) {
        facts(root).escapes.add(site);
      }
    }
  }

  /** The own field that the value of the expression at {@code path} is stored in, or null. */
  private Symbol fieldAssignedFrom(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree || parent.getLeaf() instanceof TypeCastTree)) {
      path = parent;
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return null;
    }
    Symbol target = null;
    if (parent.getLeaf() instanceof AssignmentTree assignment && assignment.getExpression() == path.getLeaf()) {
      target = ASTHelpers.getSymbol(assignment.getVariable());
    } else if (parent.getLeaf() instanceof VariableTree variable && variable.getInitializer() == path.getLeaf()) {
      target = ASTHelpers.getSymbol(variable);
    }
    return isOwnField(target) ? target : null;
  }

  /**
   * Whether the calls chained onto the call at {@code callPath} release what flows through them:
   * {@code Stream.of(a, b).forEach(Closeable::close)}, {@code .ifPresent(c -> c.close())}.
   */
  private boolean chainReleases(TreePath callPath) {
    for (TreePath current = callPath; ; ) {
      TreePath select = current.getParentPath();
      TreePath next = select == null ? null : select.getParentPath();
      if (next == null
          || !(select.getLeaf() instanceof MemberSelectTree member)
          || member.getExpression() != current.getLeaf()
          || !(next.getLeaf() instanceof MethodInvocationTree call)
          || call.getMethodSelect() != member) {
        return false;
      }
      if (model.isStopCall(ASTHelpers.getSymbol(call), state)
          || call.getArguments().stream().anyMatch(this::releasesItsInput)) {
        return true;
      }
      current = next;
    }
  }

  private boolean releasesItsInput(ExpressionTree argument) {
    if (argument instanceof MemberReferenceTree reference) {
      return model.isStopCall(ASTHelpers.getSymbol(reference), state);
    }
    if (!(argument instanceof LambdaExpressionTree lambda)) {
      return false;
    }
    boolean[] releases = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        releases[0] |= model.isStopCall(ASTHelpers.getSymbol(call), state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(lambda.getBody(), null);
    return releases[0];
  }



  /** {@code setConnection(c)} or {@code this.track(c)}, inherited: the superclass may keep it. */
  private boolean isInheritedCallOnThis(MethodInvocationTree call, Symbol method) {
    if (!(method instanceof MethodSymbol)
        || method.isStatic()
        || isOwnMethod(method)
        || isOwnConstructor(method)) {
      return false;
    }
    return Receivers.isOwnReceiver(ASTHelpers.getReceiver(call));
  }




}
