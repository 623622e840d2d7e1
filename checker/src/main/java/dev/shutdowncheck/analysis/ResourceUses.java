package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import dev.shutdowncheck.model.ResourceModel;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * What the code of one top-level class (nested classes included) does with its fields, found in
 * one pass: which values each field is given (new resources or not), where the field is released,
 * and whether it is handed to someone else (returned, registered, wrapped, given to an inherited
 * setter). Releases count through {@code this.}, local aliases and pattern variables,
 * try-with-resources, loops over a field or over {@code List.of(a, b)}, getters of the class,
 * its helpers that release a parameter ({@code closeQuietly(x)}), calls named like a release
 * ({@code IOUtils.closeQuietly(x)}), and objects built from the field that are released. Passing
 * the field to any other call is recorded apart: it releases the field only on a shutdown path.
 */
final class ResourceUses {

  /** What the source does with one field, parameter, alias or getter. */
  static final class Facts {
    final List<ExpressionTree> creations = new ArrayList<>();
    boolean assignedUnowned;
    boolean handedOff;
    final List<TreePath> releases = new ArrayList<>();
    /** Calls that take the value as an argument: a release only when on a shutdown path. */
    final List<TreePath> passedOnPossiblePath = new ArrayList<>();
    final List<Passed> passedToOwnMethods = new ArrayList<>();
    /** Released only as part of an object built from it, which may or may not release it. */
    boolean releasedWithHolder;
    /** Fields holding an object built from this value: {@code listener = new Listener(socket)}. */
    final Set<Symbol> heldBy = new LinkedHashSet<>();

    void absorb(Facts other) {
      handedOff |= other.handedOff;
      releases.addAll(other.releases);
      passedOnPossiblePath.addAll(other.passedOnPossiblePath);
    }
  }


  private record Passed(MethodSymbol method, int index, TreePath site) {}

  /** A field declaration and the class that declares it. */
  record Declared(VariableTree tree, TreePath classPath) {}

  private final ResourceModel resources;
  private final ClassSymbol topLevel;
  private final VisitorState state;
  private final Map<VarSymbol, Declared> fields = new LinkedHashMap<>();
  private final Map<Symbol, Facts> facts = new HashMap<>();
  private final Map<Symbol, Set<Symbol>> aliases = new HashMap<>();
  private final Map<Symbol, ExpressionTree> localCreations = new HashMap<>();
  private final Map<MethodSymbol, Set<Symbol>> getters = new HashMap<>();

  private ResourceUses(ClassSymbol topLevel, ResourceModel resources, VisitorState state) {
    this.resources = resources;
    this.topLevel = topLevel;
    this.state = state;
  }

  /** Scans the top-level class {@code topLevel}, whose path is {@code classPath}, once. */
  static ResourceUses scan(
      ClassSymbol topLevel, TreePath classPath, ResourceModel resources, VisitorState state) {
    ResourceUses uses = new ResourceUses(topLevel, resources, state);
    uses.new Scanner().scan(classPath, null);
    uses.resolveHelpersAndGetters();
    return uses;
  }

  /** Every field declared in the class, in source order. */
  Map<VarSymbol, Declared> fields() {
    return fields;
  }

  /** What the code does with {@code field}, or null if it does nothing. */
  Facts factsOf(Symbol field) {
    return facts.get(field);
  }

  // Resolution after the scan

  private void resolveHelpersAndGetters() {
    Set<Passed> releasingParameters = releasingParameters();
    for (Facts value : facts.values()) {
      for (Passed passed : value.passedToOwnMethods) {
        if (releases(releasingParameters, passed)) {
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
            || value.passedToOwnMethods.stream().anyMatch(p -> releases(releasing, p))) {
          releasing.add(parameter);
          changed = true;
        }
      }
    }
    return releasing;
  }

  private static Passed asParameter(Symbol symbol) {
    if (symbol.getKind() != ElementKind.PARAMETER || !(symbol.owner instanceof MethodSymbol method)) {
      return null;
    }
    int index = method.getParameters().indexOf(symbol);
    return index < 0 ? null : new Passed(method, index, null);
  }

  private static boolean releases(Set<Passed> releasing, Passed passed) {
    MethodSymbol method = passed.method();
    int index = passed.index();
    int last = method.getParameters().size() - 1;
    if (method.isVarArgs() && index > last) {
      index = last;
    }
    return releasing.contains(new Passed(method, index, null));
  }

  // The scan

  private Facts facts(Symbol symbol) {
    return facts.computeIfAbsent(symbol, s -> new Facts());
  }

  private boolean isOwnField(Symbol symbol) {
    return symbol instanceof VarSymbol
        && symbol.getKind() == ElementKind.FIELD
        && topLevel.equals(ASTHelpers.outermostClass(symbol));
  }

  private boolean isOwnMethod(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && !method.isConstructor()
        && topLevel.equals(ASTHelpers.outermostClass(symbol));
  }

  /** The fields, parameters and getters that a read of {@code symbol} stands for. */
  private Set<Symbol> rootsOfSymbol(Symbol symbol) {
    if (symbol == null) {
      return Set.of();
    }
    Set<Symbol> aliased = aliases.get(symbol);
    if (aliased != null) {
      return aliased;
    }
    if (isOwnField(symbol) || symbol.getKind() == ElementKind.PARAMETER) {
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
      if (call.getArguments().isEmpty() && isOwnMethod(method)) {
        roots.add(method);
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

  private void assignField(Symbol field, ExpressionTree value) {
    ExpressionTree tree = ASTHelpers.stripParentheses(value);
    if (tree.getKind() == Tree.Kind.NULL_LITERAL) {
      return;
    }
    ExpressionTree created = localCreations.get(ASTHelpers.getSymbol(tree));
    if (created == null && resources.createsResource(tree, state)) {
      created = tree;
    }
    if (created != null) {
      facts(field).creations.add(created);
    } else {
      facts(field).assignedUnowned = true;
    }
  }

  private void assignLocal(Symbol local, ExpressionTree value) {
    alias(local, rootsOf(value));
    if (local != null
        && ASTHelpers.stripParentheses(value).getKind() != Tree.Kind.NULL_LITERAL
        && resources.createsResource(value, state)) {
      localCreations.put(local, value);
    }
  }

  private void release(Set<Symbol> roots, TreePath site) {
    roots.forEach(r -> facts(r).releases.add(site));
  }

  private void handOff(Set<Symbol> roots) {
    roots.forEach(r -> facts(r).handedOff = true);
  }

  private final class Scanner extends TreePathScanner<Void, Void> {

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      Symbol symbol = ASTHelpers.getSymbol(variable);
      if (isOwnField(symbol)) {
        fields.put((VarSymbol) symbol, new Declared(variable, getCurrentPath().getParentPath()));
        if (variable.getInitializer() != null) {
          assignField(symbol, variable.getInitializer());
        }
      } else if (variable.getInitializer() != null) {
        assignLocal(symbol, variable.getInitializer());
      }
      return super.visitVariable(variable, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
      Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
      if (isOwnField(target)) {
        assignField(target, assignment.getExpression());
      } else if (target != null && target.getKind() == ElementKind.LOCAL_VARIABLE) {
        assignLocal(target, assignment.getExpression());
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
      }
      return super.visitTry(tryTree, null);
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
      if (call.getArguments().isEmpty() && isOwnMethod(method)) {
        classifyUse(Set.of(method), getCurrentPath()); // a getter of the class: getClient().close()
      }
      return super.visitMethodInvocation(call, null);
    }

    private void classifyRead(Symbol symbol) {
      if (!(symbol instanceof VarSymbol)) {
        return;
      }
      Set<Symbol> roots = rootsOfSymbol(symbol);
      if (!roots.isEmpty()) {
        classifyUse(roots, getCurrentPath());
      }
    }
  }

  /** Records what the code around a read of {@code roots} (the leaf of {@code path}) does with it. */
  private void classifyUse(Set<Symbol> roots, TreePath path) {
    TreePath exprPath = path;
    while (exprPath.getParentPath() != null && passesValueOn(exprPath.getParentPath().getLeaf(), exprPath.getLeaf())) {
      exprPath = exprPath.getParentPath();
    }
    Tree expr = exprPath.getLeaf();
    TreePath parentPath = exprPath.getParentPath();
    if (parentPath == null) {
      return;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select && select.getExpression() == expr) {
      classifyCallChain(roots, select, parentPath);
    } else if (parent instanceof MemberReferenceTree reference
        && reference.getQualifierExpression() == expr) {
      if (resources.isReleaseCall(ASTHelpers.getSymbol(reference), state)) {
        release(roots, parentPath);
      }
    } else if (parent instanceof ReturnTree) {
      returned(roots, parentPath);
    } else if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == expr) {
      handOff(roots); // () -> client: handed out through a supplier
    } else if (parent instanceof AssignmentTree assignment) {
      if (assignment.getExpression() == expr && !isLocal(assignment.getVariable())) {
        handOff(roots); // stored in another field or object
      }
    } else if (parent instanceof VariableTree variable) {
      if (variable.getInitializer() == expr && isOwnField(ASTHelpers.getSymbol(variable))) {
        handOff(roots);
      }
    } else if (isAnotherObjectsFieldPassedOn(expr, parent)) {
      // request.producer handed to client.execute(..): the code that reaches into the object
      // and passes its resource on decides its fate, not the object's class.
      handOff(roots);
    } else {
      classifyArgument(roots, exprPath);
    }
  }

  private static boolean isAnotherObjectsFieldPassedOn(Tree expr, Tree parent) {
    if (!(expr instanceof MemberSelectTree select)
        || !(ASTHelpers.getSymbol(select.getExpression()) instanceof VarSymbol qualifier)
        || qualifier.getSimpleName().contentEquals("this")) {
      return false;
    }
    return (parent instanceof MethodInvocationTree call && containsSame(call.getArguments(), expr))
        || (parent instanceof NewClassTree newTree && containsSame(newTree.getArguments(), expr));
  }

  private static boolean isLocal(ExpressionTree variable) {
    Symbol symbol = ASTHelpers.getSymbol(variable);
    return symbol != null && symbol.getKind() == ElementKind.LOCAL_VARIABLE;
  }

  /** {@code field.close()}, {@code field.dispatcher().executorService().shutdown()}. */
  private void classifyCallChain(Set<Symbol> roots, MemberSelectTree select, TreePath selectPath) {
    MemberSelectTree current = select;
    TreePath callPath = selectPath.getParentPath();
    while (callPath != null
        && callPath.getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == current) {
      if (resources.isReleaseCall(ASTHelpers.getSymbol(call), state)) {
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
   * Whether {@code parent} evaluates to the value of {@code child}: parentheses, casts, and the
   * branches (not the condition) of {@code a ? b : c}, as in {@code return current != null ?
   * current : DEFAULT}.
   */
  private static boolean passesValueOn(Tree parent, Tree child) {
    return parent instanceof ParenthesizedTree
        || parent instanceof TypeCastTree
        || (parent instanceof ConditionalExpressionTree conditional && conditional.getCondition() != child);
  }

  private void returned(Set<Symbol> roots, TreePath returnPath) {
    for (TreePath p = returnPath; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        handOff(roots);
        return;
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        if (symbol != null && (symbol.flags() & Flags.PRIVATE) != 0 && symbol.getParameters().isEmpty()) {
          getters.computeIfAbsent(symbol, s -> new LinkedHashSet<>()).addAll(roots);
        } else {
          handOff(roots); // returned to the caller, who may release it
        }
        return;
      }
    }
  }

  /**
   * A read passed as an argument, directly or inside other arguments: released by a call named
   * like a release, taken over by a keeper or a wrapping resource, passed to a method of the class.
   */
  private void classifyArgument(Set<Symbol> roots, TreePath exprPath) {
    Tree child = exprPath.getLeaf();
    boolean direct = true;
    for (TreePath p = exprPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodInvocationTree call && containsSame(call.getArguments(), child)) {
        Symbol method = ASTHelpers.getSymbol(call);
        if ((method != null && resources.hasReleaseName(method)) || chainReleases(p)) {
          release(roots, p); // IOUtils.closeQuietly(x), Optional.ofNullable(x).ifPresent(X::close)
          return;
        }
        if (resources.takesOver(method)
            || (direct && isInheritedCallOnThis(call, method))
            || buildsResource(p)) {
          handOff(roots);
          return;
        }
        if (direct && isOwnMethod(method)) {
          Passed passed = new Passed((MethodSymbol) method, indexOfSame(call.getArguments(), child), p);
          roots.forEach(r -> facts(r).passedToOwnMethods.add(passed));
        }
        passedAt(roots, p);
      } else if (leaf instanceof NewClassTree newTree && containsSame(newTree.getArguments(), child)) {
        if (direct && resources.isResource(ASTHelpers.getType(newTree), state)) {
          handOff(roots); // a wrapper that closes what it wraps
          return;
        }
        Symbol holder = direct ? fieldAssignedFrom(p) : null;
        if (holder != null) {
          roots.forEach(r -> facts(r).heldBy.add(holder)); // released when the holder is
        }
        passedAt(roots, p);
      } else if (leaf instanceof NewArrayTree array
          && array.getInitializers() != null
          && containsSame(array.getInitializers(), child)) {
        passedAt(roots, p);
      } else if (!(leaf instanceof ParenthesizedTree
          || leaf instanceof TypeCastTree
          || leaf instanceof ConditionalExpressionTree)) {
        return;
      }
      direct = direct && (leaf instanceof ParenthesizedTree || leaf instanceof TypeCastTree);
      child = leaf;
    }
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
      if (resources.hasReleaseName(ASTHelpers.getSymbol(call))
          || call.getArguments().stream().anyMatch(this::releasesItsInput)) {
        return true;
      }
      current = next;
    }
  }

  private boolean releasesItsInput(ExpressionTree argument) {
    if (argument instanceof MemberReferenceTree reference) {
      Symbol method = ASTHelpers.getSymbol(reference);
      return method != null && resources.hasReleaseName(method);
    }
    if (!(argument instanceof LambdaExpressionTree lambda)) {
      return false;
    }
    boolean[] releases = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = ASTHelpers.getSymbol(call);
        releases[0] |= method != null && resources.hasReleaseName(method);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(lambda.getBody(), null);
    return releases[0];
  }

  /** Whether the chain the call at {@code callPath} starts ends in a resource: a builder's input. */
  private boolean buildsResource(TreePath callPath) {
    TreePath top = callPath;
    while (top.getParentPath() != null
        && top.getParentPath().getLeaf() instanceof MemberSelectTree member
        && member.getExpression() == top.getLeaf()
        && top.getParentPath().getParentPath() != null
        && top.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == member) {
      top = top.getParentPath().getParentPath();
    }
    return resources.isResource(ASTHelpers.getType(top.getLeaf()), state);
  }

  /** {@code setConnection(c)} or {@code this.track(c)}, inherited: the superclass may keep it. */
  private boolean isInheritedCallOnThis(MethodInvocationTree call, Symbol method) {
    if (!(method instanceof MethodSymbol) || method.isStatic() || isOwnMethod(method)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver == null
        || (receiver instanceof IdentifierTree identifier
            && (identifier.getName().contentEquals("this") || identifier.getName().contentEquals("super")));
  }

  private void passedAt(Set<Symbol> roots, TreePath site) {
    roots.forEach(r -> facts(r).passedOnPossiblePath.add(site));
  }

  private static boolean containsSame(List<? extends Tree> trees, Tree tree) {
    return indexOfSame(trees, tree) >= 0;
  }

  private static int indexOfSame(List<? extends Tree> trees, Tree tree) {
    for (int i = 0; i < trees.size(); i++) {
      if (trees.get(i) == tree) {
        return i;
      }
    }
    return -1;
  }
}
