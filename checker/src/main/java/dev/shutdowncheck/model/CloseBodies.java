package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.shutdowncheck.model.CloseBytecode.CallsSuperCloseOnly;
import dev.shutdowncheck.model.CloseBytecode.ForwardsToField;
import dev.shutdowncheck.model.CloseBytecode.ReturnsAtOnce;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Whether the {@code close()} of a class does nothing, or only passes the close on to one of its
 * fields, read from its body: from the source where the class is compiled in this javac run, else
 * from its class file's bytecode (javac's symbols of library classes carry no code). A closeable
 * whose close() does nothing holds nothing to release.
 *
 * <p>Each class's close() is read at most once per compilation, and only when asked about.
 */
public final class CloseBodies {

  /** Keyed by the class asked about: whether the close() its instances run does nothing. */
  private final ClassFacts<Boolean> runsNoOpClose = new ClassFacts<>();
  /** Keyed by the class that declares a close(): whether that declaration's body does nothing. */
  private final ClassFacts<Boolean> declaresNoOpClose = new ClassFacts<>();
  /** Keyed by the class asked about: the field its close() passes the close on to, if that is all. */
  private final ClassFacts<Optional<String>> forwardsTo = new ClassFacts<>();
  /** Keyed by the class that declares a close() in a class file: what that close() does. */
  private final ClassFacts<CloseBytecode.Body> bytecode = new ClassFacts<>();

  /**
   * Whether the no-argument instance {@code close()} that an object of class {@code type} runs does
   * nothing: the class's own, else the nearest superclass's, else the most specific interface
   * {@code default}; a body with no statements, or one that only calls a {@code super.close()}
   * that does nothing itself. Answers for the implementation found from {@code type}, so pass the
   * class of the object (a subclass may override it). False (it may release something) when the
   * method is abstract or native, or its body cannot be read: a class file that is missing,
   * malformed, or stripped of code (javac's {@code ct.sym}, read for the JDK when {@code --release}
   * names an older one). For an interface, the answer is about its own or inherited default.
   */
  public boolean closeDoesNothing(ClassSymbol type, VisitorState state) {
    try {
      return runsNoOpClose(type, state);
    } catch (CompletionFailure e) {
      return false; // a supertype's class file is missing from the class path
    }
  }

  /**
   * The declared class of the field, as a binary name ({@code a.b.C$D}), when the close() that an
   * object of class {@code type} runs does nothing but call one method, with no arguments, on one
   * of the object's fields: xnio's {@code ConduitStreamSourceChannel}, whose close() is {@code
   * conduit.terminateReads()}. Empty for anything else, and where it cannot be read.
   */
  public Optional<String> closeForwardsTo(ClassSymbol type, VisitorState state) {
    try {
      return forwardsTo.get(type, state, Optional.empty(), this::computeForwardsTo);
    } catch (CompletionFailure e) {
      return Optional.empty(); // a supertype's class file is missing from the class path
    }
  }

  private Optional<String> computeForwardsTo(TypeSymbol type, VisitorState state) {
    MethodSymbol close = type instanceof ClassSymbol c ? closeRunBy(c, state) : null;
    if (close == null || !hasBody(close) || close.enclClass().isInterface()) {
      return Optional.empty(); // an interface has no fields of its objects to forward to
    }
    MethodTree source = SourceTrees.treeOf(close, state);
    if (source != null) {
      MethodInvocationTree call = onlyCallWithoutArguments(effectiveStatements(source));
      ClassSymbol superclose = call == null ? null : superCloseTarget(call);
      if (superclose != null) {
        return closeForwardsTo(superclose, state);
      }
      return call == null ? Optional.empty() : fieldTypeOfReceiver(call);
    }
    ClassSymbol owner = close.enclClass();
    CloseBytecode.Body body = bytecodeOf(owner, state);
    if (body instanceof CallsSuperCloseOnly superclose) {
      ClassSymbol target = superCallTarget(owner, superclose.owner().replace('/', '.'));
      return target == null ? Optional.empty() : closeForwardsTo(target, state);
    }
    return body instanceof ForwardsToField forwarded
        ? Optional.of(forwarded.fieldType())
        : Optional.empty();
  }

  /*
   * Each step below goes from a class to one of its proper supertypes (the class that declares the
   * close() it runs, or the target of a super.close()), so the reading ends at the top of the
   * hierarchy; a cyclic hierarchy in broken code ends at the memo's provisional false.
   */

  private boolean runsNoOpClose(TypeSymbol type, VisitorState state) {
    return runsNoOpClose.get(type, state, false, this::computeRunsNoOpClose);
  }

  private boolean computeRunsNoOpClose(TypeSymbol type, VisitorState state) {
    MethodSymbol close = type instanceof ClassSymbol c ? closeRunBy(c, state) : null;
    return close != null
        && hasBody(close)
        && declaresNoOpClose.get(
            close.enclClass(), state, false, (owner, s) -> bodyDoesNothing(close, s));
  }

  /** Neither abstract nor native; javac marks interface {@code default} methods abstract too. */
  private static boolean hasBody(MethodSymbol method) {
    long flags = method.flags();
    return (flags & Flags.NATIVE) == 0
        && ((flags & Flags.ABSTRACT) == 0 || (flags & Flags.DEFAULT) != 0);
  }

  /**
   * The close() that instances of {@code type} run (possibly abstract), or null where there is
   * none or a supertype cannot be read.
   */
  private static MethodSymbol closeRunBy(ClassSymbol type, VisitorState state) {
    List<ClassSymbol> interfaces = new ArrayList<>();
    if (type.isInterface()) {
      interfaces.add(type);
    } else {
      for (Type t = type.type; t.hasTag(TypeTag.CLASS); t = superclassOf(t)) {
        ClassSymbol c = (ClassSymbol) t.tsym;
        MethodSymbol own = ownClose(c, state);
        if (own != null) {
          return own;
        }
        if (!addInterfaces(c, interfaces) || c.getSuperclass().isErroneous()) {
          return null; // an unknown supertype may declare one
        }
      }
    }
    return mostSpecificDefault(interfaces, state);
  }

  /**
   * The interface close() a class inherits when no class above it declares one: among the
   * declarations in all its superinterfaces, those that no subinterface redeclares; the method
   * if exactly one of them has a body (as the JVM selects it, JVMS 5.4.6), else null.
   */
  private static MethodSymbol mostSpecificDefault(List<ClassSymbol> direct, VisitorState state) {
    Set<ClassSymbol> all = new LinkedHashSet<>();
    List<ClassSymbol> toVisit = new ArrayList<>(direct);
    while (!toVisit.isEmpty()) {
      ClassSymbol next = toVisit.remove(toVisit.size() - 1);
      if (all.add(next) && !addInterfaces(next, toVisit)) {
        return null;
      }
    }
    List<MethodSymbol> declared = new ArrayList<>();
    for (ClassSymbol i : all) {
      MethodSymbol own = ownClose(i, state);
      if (own != null) {
        declared.add(own);
      }
    }
    MethodSymbol chosen = null;
    for (MethodSymbol candidate : declared) {
      boolean redeclaredBelow =
          declared.stream()
              .anyMatch(
                  other ->
                      other != candidate
                          && other.owner.isSubClass(candidate.owner, state.getTypes()));
      if (!redeclaredBelow && (candidate.flags() & Flags.DEFAULT) != 0) {
        if (chosen != null) {
          return null; // two unrelated defaults: the JVM would pick neither
        }
        chosen = candidate;
      }
    }
    return chosen;
  }

  /** Adds the direct superinterfaces of {@code type}; false if one of them is unknown. */
  private static boolean addInterfaces(ClassSymbol type, List<ClassSymbol> to) {
    for (Type i : type.getInterfaces()) {
      if (i.isErroneous() || !(i.tsym instanceof ClassSymbol known)) {
        return false;
      }
      to.add(known);
    }
    return true;
  }

  private static Type superclassOf(Type classType) {
    return ((ClassSymbol) classType.tsym).getSuperclass();
  }

  /** The instance, non-private, no-argument, void close() that {@code c} declares, or null. */
  private static MethodSymbol ownClose(ClassSymbol c, VisitorState state) {
    for (Symbol member : c.members().getSymbolsByName(state.getName("close"))) {
      if (member instanceof MethodSymbol method
          && (method.flags() & (Flags.STATIC | Flags.PRIVATE)) == 0
          && method.type.getParameterTypes().isEmpty()
          && method.getReturnType().hasTag(TypeTag.VOID)) {
        return method;
      }
    }
    return null;
  }

  /** Whether the body of {@code close}, a concrete method, does nothing. */
  private boolean bodyDoesNothing(MethodSymbol close, VisitorState state) {
    MethodTree source = SourceTrees.treeOf(close, state);
    if (source != null) {
      return sourceDoesNothing(source, state);
    }
    ClassSymbol owner = close.enclClass();
    CloseBytecode.Body body = bytecodeOf(owner, state);
    if (body instanceof ReturnsAtOnce) {
      return true;
    }
    if (body instanceof CallsSuperCloseOnly call) {
      ClassSymbol target = superCallTarget(owner, call.owner().replace('/', '.'));
      return target != null && runsNoOpClose(target, state);
    }
    return false;
  }

  /** What the close() declared in {@code owner}'s class file does, read once per compilation. */
  private CloseBytecode.Body bytecodeOf(ClassSymbol owner, VisitorState state) {
    return bytecode.get(
        owner, state, (c, s) -> CloseBytecode.read(owner.classfile, owner.flatname.toString()));
  }

  /**
   * Where the JVM starts looking for the close() of {@code invokespecial named.close()V} in {@code
   * caller}: a superclass names the caller's direct superclass (JVMS 6.5, invokespecial), a direct
   * superinterface names itself; null for anything else.
   */
  private static ClassSymbol superCallTarget(ClassSymbol caller, String named) {
    Type superclass = caller.getSuperclass();
    for (Type t = superclass; t.hasTag(TypeTag.CLASS); t = superclassOf(t)) {
      if (((ClassSymbol) t.tsym).flatname.contentEquals(named)) {
        return (ClassSymbol) superclass.tsym;
      }
    }
    for (Type i : caller.getInterfaces()) {
      if (i.hasTag(TypeTag.CLASS) && ((ClassSymbol) i.tsym).flatname.contentEquals(named)) {
        return (ClassSymbol) i.tsym;
      }
    }
    return null;
  }

  /**
   * Whether a close() declared in this compilation does nothing: no statements but empty ones and
   * {@code return;}, or only {@code super.close()} (or {@code Interface.super.close()}) of a
   * close() that does nothing.
   */
  private boolean sourceDoesNothing(MethodTree close, VisitorState state) {
    if (close.getBody() == null) {
      return false;
    }
    List<StatementTree> effective = effectiveStatements(close);
    if (effective.isEmpty()) {
      return true;
    }
    MethodInvocationTree call = onlyCallWithoutArguments(effective);
    ClassSymbol target = call == null ? null : superCloseTarget(call);
    return target != null && runsNoOpClose(target, state);
  }

  /** The one statement of {@code effective} if it is a no-argument call on a receiver, or null. */
  private static MethodInvocationTree onlyCallWithoutArguments(List<StatementTree> effective) {
    return effective.size() == 1
            && effective.get(0) instanceof ExpressionStatementTree statement
            && statement.getExpression() instanceof MethodInvocationTree call
            && call.getArguments().isEmpty()
            && call.getMethodSelect() instanceof MemberSelectTree
        ? call
        : null;
  }

  /**
   * The class whose close() {@code super.close()} (or {@code Interface.super.close()}) runs, or
   * null for any other call.
   */
  private static ClassSymbol superCloseTarget(MethodInvocationTree call) {
    MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
    if (!select.getIdentifier().contentEquals("close") || !isSuper(select.getExpression())) {
      return null;
    }
    Type target = ASTHelpers.getType(select.getExpression());
    return target != null && target.tsym instanceof ClassSymbol c ? c : null;
  }

  /** The statements of {@code method}'s body other than empty ones and {@code return;}. */
  private static List<StatementTree> effectiveStatements(MethodTree method) {
    List<StatementTree> effective = new ArrayList<>();
    if (method.getBody() != null) {
      for (StatementTree statement : method.getBody().getStatements()) {
        if (!(statement instanceof EmptyStatementTree) && !(statement instanceof ReturnTree)) {
          effective.add(statement);
        }
      }
    }
    return effective;
  }

  /**
   * The class of the field that {@code call}, the one statement of a close() declared in this
   * compilation, is made on ({@code conduit.terminateReads();}, {@code this.in.close();}), when that
   * is an instance field of the object itself.
   */
  private static Optional<String> fieldTypeOfReceiver(MethodInvocationTree call) {
    ExpressionTree receiver = ((MemberSelectTree) call.getMethodSelect()).getExpression();
    if (!isOwnField(receiver)) {
      return Optional.empty();
    }
    Type fieldType = ASTHelpers.getType(receiver);
    return fieldType != null && fieldType.hasTag(TypeTag.CLASS) && fieldType.tsym instanceof ClassSymbol c
        ? Optional.of(c.flatname.toString())
        : Optional.empty();
  }

  /** {@code field} or {@code this.field}: an instance field of the object itself. */
  private static boolean isOwnField(ExpressionTree receiver) {
    boolean written =
        receiver instanceof IdentifierTree
            ? !Receivers.isThisOrSuper(receiver)
            : receiver instanceof MemberSelectTree select && Receivers.isThis(select.getExpression());
    Symbol symbol = written ? ASTHelpers.getSymbol(receiver) : null;
    // javac gives `this` and `super` symbols of kind FIELD, hence the test of the name above
    return symbol != null && symbol.getKind() == ElementKind.FIELD && !symbol.isStatic();
  }

  /** {@code super}, or {@code Interface.super}. */
  private static boolean isSuper(ExpressionTree receiver) {
    return (receiver instanceof IdentifierTree id && id.getName().contentEquals("super"))
        || (receiver instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("super"));
  }
}
