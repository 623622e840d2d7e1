package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.TypeMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;

/**
 * The work one top-level class hands to the objects that run it (executors, servers, consumers,
 * threads), and the fields and getters that work uses: what is given to a call on the worker (a
 * task, a handler, a listener: a lambda, a method reference, an anonymous or named class, with the
 * arguments it is made with), or the code a thread it keeps runs. The class's own methods the work
 * calls are followed, each read once.
 */
public final class HandedWork {

  /** How many calls deep the class's own methods are followed from a task. */
  private static final int MAX_DEPTH = 4;

  private static final String THREAD = "java.lang.Thread";

  static final HandedWork NONE = new HandedWork(null);

  /** What the scan needs, kept until a rule asks. */
  record Source(
      TreePath classPath,
      Function<MethodSymbol, MethodTree> ownMethods,
      Set<Tree> shutdownEntries,
      VisitorState state) {}

  private final Source source;
  /** The work given to each worker: lambda bodies, methods, class bodies, creations. */
  private final Map<Symbol, List<Tree>> work = new LinkedHashMap<>();
  private final Map<Tree, Set<Symbol>> reads = new HashMap<>();
  /** Parameters and locals stored in a field: {@code this.server = server; server.createContext(..)}. */
  private final Map<Symbol, Symbol> storedIn = new HashMap<>();
  /** What each local is given: a task made before it is handed over. */
  private final Map<Symbol, List<ExpressionTree>> localValues = new HashMap<>();

  /** The class the work is read in; null for {@link #NONE}. */
  private final ClassSymbol topLevel;

  private HandedWork(Source source) {
    this.source = source;
    this.topLevel = source == null ? null : ASTHelpers.getSymbol((ClassTree) source.classPath().getLeaf());
  }

  static HandedWork scan(Source source) {
    HandedWork found = new HandedWork(source);
    found.new Scanner().scan(source.classPath(), null);
    return found;
  }

  /** Whether the class hands {@code worker} any work it can see. */
  public boolean hasWork(Symbol worker) {
    return work.containsKey(worker);
  }

  /**
   * Whether the work handed to {@code worker} uses {@code resource}. (A consumer's polling loop is
   * the work of the executor or thread that runs it.)
   */
  public boolean uses(Symbol worker, Symbol resource) {
    if (source == null || worker == null || resource == null) {
      return false;
    }
    for (Tree item : work.getOrDefault(worker, List.of())) {
      if (readsOf(item, 0).contains(resource)) {
        return true;
      }
    }
    return false;
  }

  /** The fields and getters that {@code item} reads, with the class's own methods it calls. */
  private Set<Symbol> readsOf(Tree item, int depth) {
    Set<Symbol> known = reads.get(item);
    if (known != null) {
      return known;
    }
    if (depth > MAX_DEPTH) {
      return Set.of(); // not kept: a shorter way to this code reads it whole
    }
    Set<Symbol> found = new HashSet<>();
    reads.put(item, found); // a cycle sees what is found so far
    List<Tree> callees = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        addField(ASTHelpers.getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        addField(ASTHelpers.getSymbol(select));
        return super.visitMemberSelect(select, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        addOwn(ASTHelpers.getSymbol(call), ASTHelpers.getReceiver(call));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        addOwn(ASTHelpers.getSymbol(reference), reference.getQualifierExpression());
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        Tree declared = ownClass(creation);
        if (declared != null) {
          callees.add(declared);
        }
        return super.visitNewClass(creation, null);
      }

      private void addField(Symbol symbol) {
        if (symbol instanceof VarSymbol && symbol.getKind() == ElementKind.FIELD) {
          found.add(symbol);
        } else if (storedIn.containsKey(symbol)) {
          found.add(storedIn.get(symbol)); // new Handler(cache) where this.cache = cache
        }
      }

      private void addOwn(Symbol symbol, ExpressionTree receiver) {
        MethodTree declared = symbol instanceof MethodSymbol method ? bodyOf(method, receiver) : null;
        // A task that shuts the class down on a fatal error releases what it reaches; it does
        // not use it.
        if (declared != null && !source.shutdownEntries().contains(declared)) {
          found.add(symbol); // a getter: getClient().send(..)
          callees.add(declared);
        }
      }
    }.scan(item, null);
    for (Tree callee : callees) {
      found.addAll(readsOf(callee, depth + 1));
    }
    return found;
  }

  /**
   * The body a call runs: one of the class's own methods, or one it inherits from a superclass
   * compiled here when called on itself ({@code getClient().send(..)}).
   */
  private MethodTree bodyOf(MethodSymbol method, ExpressionTree receiver) {
    MethodTree own = source.ownMethods().apply(method);
    if (own != null || !Receivers.isOwnReceiver(receiver)) {
      return own;
    }
    return InheritedMethods.bodyRunBy(topLevel, method, source.state());
  }

  /** The declaration of a class of this file that {@code creation} makes (not an anonymous one). */
  private Tree ownClass(NewClassTree creation) {
    if (creation.getClassBody() != null || !(StepReader.methodOf(creation) instanceof MethodSymbol constructor)) {
      return null;
    }
    ClassSymbol made = (ClassSymbol) constructor.owner;
    if (topLevel == null || !topLevel.equals(ASTHelpers.outermostClass(made)) || made.equals(topLevel)) {
      return null;
    }
    Tree declaration = JavacTrees.instance(source.state().context).getTree(made);
    return declaration instanceof ClassTree ? declaration : null;
  }

  private void add(Symbol worker, Tree item) {
    if (worker != null && item != null) {
      work.computeIfAbsent(worker, w -> new ArrayList<>()).add(item);
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      Symbol receiver = Receivers.receiverOf(call);
      Symbol worker = storedIn.getOrDefault(receiver, receiver);
      if (worker != null) {
        for (ExpressionTree argument : call.getArguments()) {
          add(worker, workIn(argument)); // pool.submit(() -> ..), server.createContext("/", handler)
          for (ExpressionTree value : localValues.getOrDefault(ASTHelpers.getSymbol(argument), List.of())) {
            add(worker, workIn(value)); // Runnable poller = new Poller(client); pool.submit(poller)
          }
        }
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      keepsLocal(ASTHelpers.getSymbol(variable), variable.getInitializer());
      keepsThread(ASTHelpers.getSymbol(variable), variable.getInitializer());
      return super.visitVariable(variable, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
      Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
      Symbol value = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(assignment.getExpression()));
      if (target != null && target.getKind() == ElementKind.FIELD && value instanceof VarSymbol
          && (value.getKind() == ElementKind.PARAMETER || value.getKind() == ElementKind.LOCAL_VARIABLE)) {
        storedIn.put(value, target);
      }
      keepsLocal(target, assignment.getExpression());
      keepsThread(target, assignment.getExpression());
      return super.visitAssignment(assignment, null);
    }

    /** The values a local is given, for the worker it is handed to later. */
    private void keepsLocal(Symbol variable, ExpressionTree value) {
      if (variable instanceof VarSymbol && variable.getKind() == ElementKind.LOCAL_VARIABLE && value != null) {
        localValues.computeIfAbsent(variable, v -> new ArrayList<>()).add(value);
      }
    }

    /** {@code worker = new Thread(this::pump)}: the thread's work is what it runs. */
    private void keepsThread(Symbol variable, ExpressionTree value) {
      if (variable instanceof VarSymbol
          && value != null
          && TypeMember.isSubtypeOfNamed(ASTHelpers.getType(value), THREAD, source.state())) {
        ThreadBodies.of(value, getCurrentPath(), source.state()).forEach(body -> add(variable, body));
        add(variable, workIn(value));
      }
    }

    /** The code an argument hands over, or null for a plain value. */
    private Tree workIn(ExpressionTree argument) {
      ExpressionTree tree = ASTHelpers.stripParentheses(argument);
      if (tree instanceof LambdaExpressionTree lambda) {
        return lambda.getBody();
      }
      if (tree instanceof MemberReferenceTree reference
          && StepReader.methodOf(reference) instanceof MethodSymbol method) {
        return source.ownMethods().apply(method);
      }
      return tree instanceof NewClassTree ? tree : null; // its arguments, and its body if anonymous
    }
  }
}
