package dev.shutdowncheck.analysis;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.Tasks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The threads that a shutdown hook waits for with no time limit ({@code thread.join()}), and the
 * code that runs on each of them: the thread's body, the uncaught-exception handler set on it (a
 * handler runs on the thread that died; the default one where the class sets none) and, for a thread kept from {@code Thread.currentThread()},
 * the rest of the method that kept it. The values of the joined variable are read from the class:
 * its initializer and assignments, what the class's own factory methods return, and for a loop over
 * a collection or array, what is added to it.
 * What the class does not show is left out.
 */
public final class JoinedThreads {

  /** Code that runs on a joined thread: {@code body}, from source position {@code from} on. */
  public record ThreadCode(Tree body, int from) {}

  /** An unbounded join in a hook, the thread it waits for as written, and the code run on that thread. */
  public record Joined(MethodInvocationTree join, String thread, List<ThreadCode> code) {}

  private static final Matcher<ExpressionTree> UNBOUNDED_JOIN =
      instanceMethod().onDescendantOf("java.lang.Thread").named("join").withNoParameters();
  private static final Matcher<ExpressionTree> CURRENT_THREAD =
      staticMethod().onClass("java.lang.Thread").named("currentThread");
  /** {@code thread.setUncaughtExceptionHandler(handler)}. */
  public static final Matcher<ExpressionTree> SET_HANDLER =
      instanceMethod().onDescendantOf("java.lang.Thread").named("setUncaughtExceptionHandler");
  private static final Matcher<ExpressionTree> SET_DEFAULT_HANDLER =
      staticMethod().onClass("java.lang.Thread").named("setDefaultUncaughtExceptionHandler");
  private static final Matcher<ExpressionTree> ADD =
      instanceMethod().onDescendantOf("java.util.Collection").named("add");

  /** How many variables to follow from one joined variable (a list, its element, the handler's). */
  private static final int MAX_DEPTH = 3;

  private final VisitorState state;
  private final TreePath registration;
  /** What each variable of the class is given: initializers and right-hand sides of assignments. */
  private final Map<Symbol, List<TreePath>> values = new HashMap<>();
  /** What is added to each collection or stored in each array of the class. */
  private final Map<Symbol, List<TreePath>> elements = new HashMap<>();
  /** The handlers set on each thread variable of the class. */
  private final Map<Symbol, List<TreePath>> handlers = new HashMap<>();
  /** The handlers the class sets for every thread that has none of its own. */
  private final List<TreePath> defaultHandlers = new ArrayList<>();
  /** The collection or array that each enhanced-for variable of the class runs over. */
  private final Map<Symbol, Symbol> loopSources = new HashMap<>();
  /** What each method of the class returns: a thread factory's threads. */
  private final Map<Symbol, List<TreePath>> returned = new HashMap<>();

  private JoinedThreads(TreePath registration, VisitorState state) {
    this.registration = registration;
    this.state = state;
  }

  /**
   * The unbounded joins in {@code hookCode} (code that a hook runs, written in the class that
   * {@code lifecycle} describes) of threads whose code the class shows.
   *
   * @param registration the {@code addShutdownHook} call: code on the current thread counts from it
   */
  public static List<Joined> in(
      List<Tree> hookCode, TreePath registration, ClassLifecycle lifecycle, VisitorState state) {
    List<MethodInvocationTree> joins = unboundedJoinsIn(hookCode, state);
    if (joins.isEmpty()) {
      return List.of();
    }
    JoinedThreads threads = new JoinedThreads(registration, state);
    threads.index(lifecycle.nodes()); // listed only for hooks that join
    List<Joined> joined = new ArrayList<>();
    for (MethodInvocationTree join : joins) {
      List<ThreadCode> code = threads.codeOn(Receivers.receiverOf(join));
      if (!code.isEmpty()) {
        String thread = state.getSourceForNode(ASTHelpers.getReceiver(join));
        joined.add(new Joined(join, thread != null ? thread : "thread", code));
      }
    }
    return joined;
  }

  /**
   * The code of the uncaught-exception handler given at {@code handler} (an argument, at its path,
   * of {@code setUncaughtExceptionHandler}), following a variable of the class that holds it.
   */
  public static List<ThreadCode> handlerCode(TreePath handler, ClassLifecycle lifecycle, VisitorState state) {
    JoinedThreads threads = new JoinedThreads(handler, state);
    threads.index(lifecycle.nodes());
    List<ThreadCode> code = new ArrayList<>();
    threads.addHandler(handler, 0, code);
    return code;
  }

  /**
   * Where {@code threadClass}, a thread class compiled here, waits with no time limit for its own
   * instance in a shutdown hook it registers ({@code Consumer.this.join()} in Secor's consumer,
   * which joins the consumer thread to let it finish its upload); null where it does not.
   */
  public static MethodInvocationTree selfJoinInHookOf(ClassSymbol threadClass, VisitorState state) {
    TreePath classPath = JavacTrees.instance(state.context).getPath(threadClass);
    if (classPath == null) {
      return null;
    }
    MethodInvocationTree[] found = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] == null && ShutdownHooks.isAddShutdownHook(call, state)) {
          List<Tree> hookCode = ShutdownHooks.bodiesOf(getCurrentPath(), state);
          for (MethodInvocationTree join : unboundedJoinsIn(hookCode, state)) {
            if (isOwnInstance(ASTHelpers.getReceiver(join), threadClass)) {
              found[0] = join;
            }
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(classPath, null);
    return found[0];
  }

  /** {@code this} or {@code Outer.this} of {@code type}. */
  private static boolean isOwnInstance(ExpressionTree receiver, ClassSymbol type) {
    Symbol symbol = ASTHelpers.getSymbol(receiver);
    return symbol != null
        && symbol.getSimpleName().contentEquals("this")
        && symbol.type != null
        && symbol.type.tsym == type;
  }

  private static List<MethodInvocationTree> unboundedJoinsIn(List<Tree> code, VisitorState state) {
    List<MethodInvocationTree> joins = new ArrayList<>();
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (ASTHelpers.getReceiver(call) != null && UNBOUNDED_JOIN.matches(call, state)) {
              joins.add(call);
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitClass(ClassTree nested, Void unused) {
            return null; // declaring a class runs none of it
          }
        };
    code.forEach(body -> scanner.scan(body, null));
    return joins;
  }

  /** What the class's variables hold, and the handlers set on its threads, from its listed nodes. */
  private void index(ClassNodes nodes) {
    for (TreePath path : nodes.all()) {
      Tree node = path.getLeaf();
      if (node instanceof VariableTree declaration) {
        record(values, ASTHelpers.getSymbol(declaration), path, declaration.getInitializer());
      } else if (node instanceof AssignmentTree assignment) {
        ExpressionTree target = ASTHelpers.stripParentheses(assignment.getVariable());
        if (target instanceof ArrayAccessTree element) {
          record(elements, Receivers.symbolOf(element.getExpression()), path, assignment.getExpression());
        } else {
          record(values, Receivers.symbolOf(target), path, assignment.getExpression());
        }
      } else if (node instanceof EnhancedForLoopTree loop) {
        Symbol variable = ASTHelpers.getSymbol(loop.getVariable());
        Symbol source = Receivers.symbolOf(loop.getExpression());
        if (variable != null && source != null) {
          loopSources.put(variable, source);
        }
      } else if (node instanceof ReturnTree result && result.getExpression() != null) {
        record(returned, returningMethod(path), path, result.getExpression());
      } else if (node instanceof MethodInvocationTree call && call.getArguments().size() == 1) {
        if (ADD.matches(call, state)) {
          record(elements, Receivers.receiverOf(call), path, call.getArguments().get(0));
        } else if (SET_HANDLER.matches(call, state)) {
          record(handlers, Receivers.receiverOf(call), path, call.getArguments().get(0));
        } else if (SET_DEFAULT_HANDLER.matches(call, state)) {
          defaultHandlers.add(new TreePath(path, call.getArguments().get(0)));
        }
      }
    }
  }

  /** The method that a {@code return} at {@code path} returns from; null inside a lambda. */
  private static Symbol returningMethod(TreePath path) {
    TreePath code = Tasks.enclosingCode(path);
    return code != null && code.getLeaf() instanceof MethodTree method ? ASTHelpers.getSymbol(method) : null;
  }

  private static void record(
      Map<Symbol, List<TreePath>> index, Symbol key, TreePath node, ExpressionTree value) {
    if (key != null) {
      index.computeIfAbsent(key, k -> new ArrayList<>()).add(new TreePath(node, value));
    }
  }

  /**
   * The code that runs on the thread {@code variable} holds: its own code, and the handler that
   * runs when it dies of an exception, unless its code catches every {@code Throwable}.
   */
  private List<ThreadCode> codeOn(Symbol variable) {
    List<ThreadCode> code = new ArrayList<>();
    List<TreePath> ownHandlers = new ArrayList<>();
    addCodeOn(variable, 0, new HashSet<>(), code, ownHandlers);
    if (code.isEmpty() || code.stream().allMatch(c -> catchesEverything(c.body()))) {
      return code; // a thread the class does not show, or one that no exception ends
    }
    // With no handler of its own, the default one runs.
    List<ThreadCode> handlerCode = new ArrayList<>();
    for (TreePath handler : ownHandlers.isEmpty() ? defaultHandlers : ownHandlers) {
      addHandler(handler, 0, handlerCode);
    }
    code.addAll(handlerCode);
    return code;
  }

  private void addCodeOn(
      Symbol variable, int depth, Set<Symbol> seen, List<ThreadCode> code, List<TreePath> ownHandlers) {
    if (variable == null || depth > MAX_DEPTH || !seen.add(variable)) {
      return;
    }
    ownHandlers.addAll(handlers.getOrDefault(variable, List.of()));
    for (TreePath value : values.getOrDefault(variable, List.of())) {
      addThread(value, depth, seen, code, ownHandlers);
    }
    for (TreePath element : elements.getOrDefault(loopSources.get(variable), List.of())) {
      addThread(element, depth, seen, code, ownHandlers);
    }
  }

  private void addThread(
      TreePath valuePath, int depth, Set<Symbol> seen, List<ThreadCode> code, List<TreePath> ownHandlers) {
    ExpressionTree value = ASTHelpers.stripParentheses((ExpressionTree) valuePath.getLeaf());
    if (CURRENT_THREAD.matches(value, state)) {
      addRestOfMethod(valuePath, code);
      return;
    }
    Symbol variable = Receivers.symbolOf(value);
    if (variable != null && !(value instanceof MethodInvocationTree)) {
      addCodeOn(variable, depth + 1, seen, code, ownHandlers); // consumers.add(consumer): what it holds
      return;
    }
    List<TreePath> made = returned.get(ASTHelpers.getSymbol(value));
    if (made != null && value instanceof MethodInvocationTree && depth < MAX_DEPTH) {
      for (TreePath thread : made) {
        addThread(thread, depth + 1, seen, code, ownHandlers); // threads.add(startWorker(i))
      }
      return;
    }
    for (Tree body : ThreadBodies.of(value, valuePath, state)) {
      code.add(new ThreadCode(body, -1));
    }
  }

  /**
   * {@code Thread.currentThread()} kept in a method: the thread that runs the method, which goes on
   * with the method's code after the hook is registered (a lambda or class around the call runs on
   * a thread the code does not show).
   */
  private void addRestOfMethod(TreePath currentThread, List<ThreadCode> code) {
    TreePath enclosing = Tasks.enclosingCode(currentThread);
    if (enclosing == null
        || !(enclosing.getLeaf() instanceof MethodTree method)
        || method.getBody() == null) {
      return;
    }
    int from = ASTHelpers.getStartPosition(currentThread.getLeaf());
    if (Scopes.isWithin(registration, method)) {
      from = Math.max(from, ASTHelpers.getStartPosition(registration.getLeaf()));
    }
    code.add(new ThreadCode(method.getBody(), from));
  }

  /** An uncaught-exception handler: a lambda, an anonymous or named class, a method reference. */
  private void addHandler(TreePath handlerPath, int depth, List<ThreadCode> code) {
    ExpressionTree handler = ASTHelpers.stripParentheses((ExpressionTree) handlerPath.getLeaf());
    if (handler instanceof LambdaExpressionTree lambda) {
      code.add(new ThreadCode(lambda.getBody(), -1));
    } else if (handler instanceof MemberReferenceTree reference) {
      addMethod(ASTHelpers.getSymbol(reference), code);
    } else if (handler instanceof NewClassTree created) {
      addHandlerMethodOf(created, code);
    } else if (depth < MAX_DEPTH) {
      for (TreePath value : values.getOrDefault(Receivers.symbolOf(handler), List.of())) {
        addHandler(value, depth + 1, code); // a handler kept in a variable first
      }
    }
  }

  private void addHandlerMethodOf(NewClassTree created, List<ThreadCode> code) {
    if (created.getClassBody() != null) {
      for (Tree member : created.getClassBody().getMembers()) {
        if (member instanceof MethodTree method && isUncaughtException(ASTHelpers.getSymbol(method))) {
          code.add(new ThreadCode(method, -1));
        }
      }
      return;
    }
    MethodSymbol constructor = ASTHelpers.getSymbol(created);
    if (constructor != null && constructor.owner instanceof ClassSymbol type) {
      for (Symbol member : type.getEnclosedElements()) {
        if (isUncaughtException(member)) {
          addMethod(member, code);
        }
      }
    }
  }

  private void addMethod(Symbol method, List<ThreadCode> code) {
    MethodTree tree = SourceTrees.treeOf(method, state);
    if (tree != null) {
      code.add(new ThreadCode(tree, -1));
    }
  }

  /**
   * Whether {@code body} is one {@code try} whose catch of {@code Throwable} throws nothing: no
   * exception ends the thread that runs it, so no uncaught-exception handler runs there.
   */
  private boolean catchesEverything(Tree body) {
    Tree block = body instanceof MethodTree method ? method.getBody() : body;
    if (!(block instanceof BlockTree statements)
        || statements.getStatements().size() != 1
        || !(statements.getStatements().get(0) instanceof TryTree attempt)) {
      return false;
    }
    for (CatchTree handler : attempt.getCatches()) {
      Type caught = ASTHelpers.getType(handler.getParameter());
      if (ASTHelpers.isSameType(caught, state.getSymtab().throwableType, state)) {
        return Scopes.ownCode(handler.getBlock()).stream().noneMatch(ThrowTree.class::isInstance);
      }
    }
    return false;
  }

  private static boolean isUncaughtException(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("uncaughtException")
        && method.getParameters().size() == 2;
  }
}
