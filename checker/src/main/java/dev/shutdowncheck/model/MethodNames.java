package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.util.Context;
import java.util.Set;
import javax.lang.model.element.Name;

/**
 * The names of the methods a rule cares about, as a first filter for matchers that Error Prone
 * calls on every call in the program: the name written at the call is compared as a javac name,
 * by identity, before any symbol or type is looked at. (Turning a javac name into a String copies
 * it, on every call.)
 */
public final class MethodNames {

  private final ImmutableSet<String> names;
  /** The names as the current compilation spells them; rules may run in parallel compilations. */
  private volatile Resolved resolved;

  private record Resolved(Context compilation, Set<Name> names) {}

  private MethodNames(ImmutableSet<String> names) {
    this.names = names;
  }

  public static MethodNames of(String... names) {
    return new MethodNames(ImmutableSet.copyOf(names));
  }

  /** Whether {@code tree}, a call or method reference, names one of these methods. */
  public boolean named(Tree tree, VisitorState state) {
    Name called = calledName(tree);
    return called != null && spelledIn(state).contains(called);
  }

  /** The names as {@code state}'s compilation spells them, in the order they were given. */
  public Set<Name> spelledIn(VisitorState state) {
    Resolved current = resolved;
    if (current == null || current.compilation() != state.context) {
      ImmutableSet.Builder<Name> spelled = ImmutableSet.builder();
      names.forEach(name -> spelled.add(state.getName(name)));
      current = new Resolved(state.context, spelled.build());
      resolved = current;
    }
    return current.names();
  }

  /** The method name written at a call or method reference, or null for other trees. */
  private static Name calledName(Tree tree) {
    if (tree instanceof MemberReferenceTree reference) {
      return reference.getName();
    }
    if (!(tree instanceof MethodInvocationTree call)) {
      return null;
    }
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return member.getIdentifier();
    }
    return select instanceof IdentifierTree identifier ? identifier.getName() : null;
  }
}
