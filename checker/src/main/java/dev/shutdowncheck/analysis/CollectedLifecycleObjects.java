package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Executors and resources that the class creates and keeps in a collection field ({@code
 * executors.computeIfAbsent(tenant, t -> Executors.newSingleThreadExecutor())}, {@code
 * connections.add(new PooledConnection(..))}) and that nothing stops or releases: no stop call on an
 * element (in a loop over the field or its {@code values()}, a {@code forEach(Connection::close)},
 * {@code executors.remove(key).shutdown()}), no element or the field itself given to any call, which
 * may release them, and the field never returned or stored elsewhere. Read from the class's shared
 * list of nodes: first only its calls on collection fields, for what they are given; the rest of the
 * class only where one is given a new executor or resource, or a local that may hold one.
 */
final class CollectedLifecycleObjects {

  private static final String COLLECTION = "java.util.Collection";
  private static final String MAP = "java.util.Map";
  /** The kinds this analysis follows into collections. */
  private static final Set<LifecycleKind> COLLECTED = EnumSet.of(LifecycleKind.EXECUTOR, LifecycleKind.RESOURCE);

  private final ClassSymbol topLevel;
  private final LifecycleModel model;
  private final VisitorState state;
  /** Collection fields given a new executor or resource, with the expressions that create them. */
  private final Map<VarSymbol, Collected> creations = new LinkedHashMap<>();
  /** Locals of a lifecycle type given to a collection field: traced once the values are read. */
  private final Map<Symbol, VarSymbol> givenLocals = new LinkedHashMap<>();
  /** Locals that hold a new executor or resource on its way into a collection field. */
  private final Map<Symbol, VarSymbol> collectedLocals = new HashMap<>();
  /** What each local, loop variable or lambda parameter was given: read to trace it to a field. */
  private final Map<Symbol, ExpressionTree> sources = new HashMap<>();
  /** Where the class stops something, or gives a value to a call: expressions to trace. */
  private final List<ExpressionTree> stoppedOrPassed = new ArrayList<>();
  /** Fields returned, or stored in another variable or object. */
  private final Set<Symbol> escaped = new HashSet<>();
  /** Whether each field read as a receiver is a collection: asked once per field. */
  private final Map<VarSymbol, Boolean> isCollection = new HashMap<>();

  /** A collection field and the new executors or resources ({@code kind}) the class puts in it. */
  record Collected(VarSymbol field, LifecycleKind kind, List<ExpressionTree> created) {}

  private CollectedLifecycleObjects(ClassSymbol topLevel, LifecycleModel model, VisitorState state) {
    this.topLevel = topLevel;
    this.model = model;
    this.state = state;
  }

  /** The collection fields whose executors or resources nothing stops, in the order first filled. */
  static List<Collected> of(ClassSymbol topLevel, ClassNodes nodes, LifecycleModel model, VisitorState state) {
    CollectedLifecycleObjects reader = new CollectedLifecycleObjects(topLevel, model, state);
    for (TreePath node : nodes.all()) {
      if (node.getLeaf() instanceof MethodInvocationTree call) {
        reader.readGiven(call);
      }
    }
    if (reader.creations.isEmpty() && reader.givenLocals.isEmpty()) {
      return List.of(); // most classes: the rest is read only where there is something to stop
    }
    for (TreePath node : nodes.all()) {
      reader.readValues(node.getLeaf());
      reader.readStops(node.getLeaf());
    }
    reader.givenLocals.forEach(reader::traceLocal);
    List<Collected> unstopped = new ArrayList<>(reader.creations.values());
    unstopped.removeIf(kept -> reader.escaped.contains(kept.field()) || reader.isStopped(kept.field()));
    return unstopped;
  }

  /** The new executors and resources given to a method of a collection field: {@code pools.add(..)}. */
  private void readGiven(MethodInvocationTree call) {
    VarSymbol collection = collectionField(ASTHelpers.getReceiver(call));
    if (collection == null) {
      return;
    }
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree value = ASTHelpers.stripParentheses(argument);
      if (value instanceof LambdaExpressionTree lambda) {
        noteCreated(collection, resultOf(lambda)); // computeIfAbsent(key, k -> Executors.newSingleThreadExecutor())
      } else if (value instanceof IdentifierTree identifier) {
        Symbol local = ASTHelpers.getSymbol(identifier);
        if (local != null
            && local.getKind() == ElementKind.LOCAL_VARIABLE
            && model.kindOf(local.type, state) != null) {
          givenLocals.putIfAbsent(local, collection); // pools.add(pool): what pool holds is read later
        }
      } else {
        noteCreated(collection, value);
      }
    }
  }

  /** A local given to a collection field that holds a new executor or resource. */
  private void traceLocal(Symbol local, VarSymbol collection) {
    ExpressionTree value = sources.get(local);
    if (noteCreated(collection, value)) {
      collectedLocals.put(local, collection);
    }
  }

  /** Notes {@code value} where it creates an executor or resource kept in {@code collection}. */
  private boolean noteCreated(VarSymbol collection, ExpressionTree value) {
    LifecycleKind kind = value == null ? null : model.createdKind(value, state);
    if (kind == null || !COLLECTED.contains(kind)) {
      return false;
    }
    Collected kept = creations.computeIfAbsent(collection, f -> new Collected(f, kind, new ArrayList<>()));
    if (kept.kind() == kind) {
      kept.created().add(value);
    }
    return true;
  }

  /** Where values come from and go to. */
  private void readValues(Tree leaf) {
    if (leaf instanceof VariableTree variable) {
      Symbol declared = ASTHelpers.getSymbol(variable);
      if (declared != null && declared.getKind() != ElementKind.FIELD) {
        sources.put(declared, variable.getInitializer());
      }
      noteEscape(variable.getInitializer(), declared);
    } else if (leaf instanceof EnhancedForLoopTree loop) {
      sources.put(ASTHelpers.getSymbol(loop.getVariable()), loop.getExpression());
    } else if (leaf instanceof AssignmentTree assignment) {
      Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
      if (target != null && target.getKind() != ElementKind.FIELD) {
        sources.put(target, assignment.getExpression());
      }
      noteEscape(assignment.getExpression(), target);
    } else if (leaf instanceof ReturnTree returned && returned.getExpression() != null) {
      noteEscape(returned.getExpression(), null);
    }
  }

  /** What stops something, or is given a value that it may stop. */
  private void readStops(Tree leaf) {
    if (leaf instanceof MethodInvocationTree call) {
      readCall(call);
    } else if (leaf instanceof NewClassTree creation) {
      stoppedOrPassed.addAll(creation.getArguments()); // new Stopper(executors)
    }
  }

  /** A collection field that is returned or copied into another variable may be stopped there. */
  private void noteEscape(ExpressionTree value, Symbol target) {
    Symbol read = value == null ? null : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(value));
    if (read instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && (target == null || target.getKind() == ElementKind.FIELD)) {
      escaped.add(field);
    }
  }

  private void readCall(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    VarSymbol collection = collectionField(receiver);
    if (receiver != null && model.isStopCall(method, state)) {
      stoppedOrPassed.add(receiver);
    }
    for (ExpressionTree argument : call.getArguments()) {
      if (argument instanceof LambdaExpressionTree lambda) {
        // executors.forEach((name, pool) -> pool.shutdown()): its parameters are the elements
        List<? extends VariableTree> parameters = lambda.getParameters();
        for (int i = keysBefore(method, parameters.size()); i < parameters.size(); i++) {
          sources.put(ASTHelpers.getSymbol(parameters.get(i)), receiver);
        }
      } else if (argument instanceof MemberReferenceTree reference) {
        MethodSymbol referenced = ASTHelpers.getSymbol(reference);
        if (referenced != null && (model.isStopCall(referenced, state) || isOwnMethod(referenced))) {
          stoppedOrPassed.add(receiver); // values().forEach(ExecutorService::shutdown), this::stop
        }
      } else if (collection == null || isOtherField(argument, collection)) {
        stoppedOrPassed.add(argument); // closeAll(executors.values()), all.addAll(pools): maybe stopped there
      }
    }
  }

  /**
   * How many of the leading parameters of a lambda given to {@code method} are a map's keys, not its
   * elements: all of {@code computeIfAbsent(key, k -> ..)}'s, the first of {@code forEach((k, v) ->
   * ..)} or {@code compute(key, (k, v) -> ..)}; none of {@code merge}'s, which gets two values.
   */
  private int keysBefore(MethodSymbol method, int parameters) {
    if (!TypeMember.isSubtypeOfNamed(method.owner.type, MAP, state)) {
      return 0;
    }
    if (method.getSimpleName().contentEquals("computeIfAbsent")) {
      return parameters;
    }
    return parameters == 2 && !method.getSimpleName().contentEquals("merge") ? 1 : 0;
  }

  private static boolean isOtherField(ExpressionTree argument, VarSymbol collection) {
    Symbol read = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument));
    return read != null && read.getKind() == ElementKind.FIELD && !read.equals(collection);
  }

  /** {@code this::stop}: a method of the class (or of a class nested in it) that may stop its argument. */
  private boolean isOwnMethod(MethodSymbol method) {
    return method.outermostClass().equals(topLevel);
  }

  /** What a lambda returns: its expression, or the value its block returns last. */
  private static ExpressionTree resultOf(LambdaExpressionTree lambda) {
    if (lambda.getBody() instanceof ExpressionTree expression) {
      return ASTHelpers.stripParentheses(expression);
    }
    List<SourceTrees.Returned> returned = SourceTrees.returnedValues(lambda.getBody());
    return returned.isEmpty() ? null : ASTHelpers.stripParentheses(returned.get(returned.size() - 1).expression());
  }

  /** The field of this class {@code receiver} names where it is a JDK collection or map, else null. */
  private VarSymbol collectionField(ExpressionTree receiver) {
    Symbol symbol = receiver == null ? null : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver));
    if (!(symbol instanceof VarSymbol field)
        || field.getKind() != ElementKind.FIELD
        || !field.outermostClass().equals(topLevel)) {
      return null; // a superclass's field is its own class's to stop
    }
    return isCollection.computeIfAbsent(field, f -> isCollectionType(f.type)) ? field : null;
  }

  private boolean isCollectionType(Type type) {
    return TypeMember.isSubtypeOfNamed(type, COLLECTION, state) || TypeMember.isSubtypeOfNamed(type, MAP, state);
  }

  /** Whether something stops an element of {@code field}, or is given one (or the field) to. */
  private boolean isStopped(VarSymbol field) {
    for (ExpressionTree expression : stoppedOrPassed) {
      if (tracesTo(expression, field, 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code expression} reads {@code field} or one of its elements: through calls on it
   * ({@code executors.values()}, {@code remove(key)}, {@code iterator().next()}), locals, loop
   * variables and lambda parameters given from it, or the local that carried a new executor in.
   */
  private boolean tracesTo(ExpressionTree expression, VarSymbol field, int depth) {
    ExpressionTree tree = expression == null ? null : ASTHelpers.stripParentheses(expression);
    if (tree == null || depth > 8) {
      return false;
    }
    if (tree instanceof TypeCastTree cast) {
      return tracesTo(cast.getExpression(), field, depth + 1);
    }
    if (tree instanceof MethodInvocationTree call) {
      return tracesTo(ASTHelpers.getReceiver(call), field, depth + 1);
    }
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol == null) {
      return false;
    }
    if (symbol.equals(field) || field.equals(collectedLocals.get(symbol))) {
      return true;
    }
    return sources.containsKey(symbol) && tracesTo(sources.get(symbol), field, depth + 1);
  }
}
