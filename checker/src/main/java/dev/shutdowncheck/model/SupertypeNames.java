package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.util.Context;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Name;

/**
 * Whether a class is, or extends, one of the types a table of the model names. Each class's
 * supertypes are read once per compilation (their source and binary names, so that a row may use
 * either), and each table is turned into javac's names once: asking about a class is then a few
 * set look-ups, where a walk of its supertypes per row of every table cost more than anything else
 * the model does on a class it meets for the first time.
 */
final class SupertypeNames {

  /** Read from the class's own supertypes, not by looking the names up (see {@link TypeMember#isSubtypeOfNamed}). */
  private final ClassFacts<Set<Name>> supertypes = new ClassFacts<>();
  private final Map<ImmutableSet<String>, Set<Name>> tables = new IdentityHashMap<>();
  private Context compilation;

  /** Whether {@code type} is, or is a subtype of, a class or interface that {@code table} names. */
  boolean isSubtypeOfAny(Type type, ImmutableSet<String> table, VisitorState state) {
    if (type == null || table.isEmpty()) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    if (!erased.hasTag(TypeTag.CLASS)) {
      return false;
    }
    Set<Name> wanted = namesOf(table, state);
    for (Name name : supertypes.get(erased.tsym, state, SupertypeNames::read)) {
      if (wanted.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static Set<Name> read(TypeSymbol symbol, VisitorState state) {
    Set<Name> names = new HashSet<>();
    for (Type supertype : state.getTypes().closure(state.getTypes().erasure(symbol.type))) {
      names.add(supertype.tsym.getQualifiedName());
      names.add(supertype.tsym.flatName());
    }
    return names;
  }

  /** The table's rows as javac's names of this compilation (javac keeps one table of names each). */
  private Set<Name> namesOf(ImmutableSet<String> table, VisitorState state) {
    if (state.context != compilation) {
      tables.clear();
      compilation = state.context;
    }
    Set<Name> names = tables.get(table);
    if (names == null) {
      names = new HashSet<>();
      for (String row : table) {
        names.add(state.getName(row));
      }
      tables.put(table, names);
    }
    return names;
  }
}
