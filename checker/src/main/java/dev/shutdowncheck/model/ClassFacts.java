package dev.shutdowncheck.model;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A memo of one fact per class, for facts that cannot change while javac runs (where the class
 * sits in the type hierarchy, what it inherits): a class is asked about once per compilation, not
 * once per expression of its type. Forgets everything when a new compilation starts.
 */
final class ClassFacts<V> {

  private final Map<TypeSymbol, V> facts = new HashMap<>();
  private Context compilation;

  V get(TypeSymbol type, VisitorState state, BiFunction<TypeSymbol, VisitorState, V> compute) {
    return get(type, state, null, compute);
  }

  /**
   * As {@link #get(TypeSymbol, VisitorState, BiFunction)}, for a fact computed from the same fact
   * about other classes (its supertypes): while it is being computed, the class answers {@code
   * provisional}, so that a cycle in broken code ends.
   */
  V get(
      TypeSymbol type,
      VisitorState state,
      V provisional,
      BiFunction<TypeSymbol, VisitorState, V> compute) {
    if (state.context != compilation) {
      facts.clear();
      compilation = state.context;
    }
    V known = facts.get(type);
    if (known == null) {
      // Not computeIfAbsent: computing one fact may ask for another.
      if (provisional != null) {
        facts.put(type, provisional);
      }
      known = compute.apply(type, state);
      facts.put(type, known);
    }
    return known;
  }
}
