package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.util.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subclasses of a class that this compilation compiles from source: a subclass that stops a
 * field its superclass created takes care of that field. The index is made once per compilation,
 * from the classes javac has entered (symbols only, no tree is read), and only when first asked.
 */
final class SourceSubclasses {

  private Context compilation;
  private Map<ClassSymbol, List<ClassSymbol>> direct;

  /** Every class compiled here that extends {@code type}, directly or not, nearest first. */
  synchronized ImmutableList<ClassSymbol> of(ClassSymbol type, VisitorState state) {
    if (direct == null || compilation != state.context) {
      direct = index(state);
      compilation = state.context;
    }
    Set<ClassSymbol> found = new LinkedHashSet<>();
    Deque<ClassSymbol> work = new ArrayDeque<>(direct.getOrDefault(type, List.of()));
    while (!work.isEmpty()) {
      ClassSymbol next = work.pop();
      if (found.add(next)) {
        work.addAll(direct.getOrDefault(next, List.of()));
      }
    }
    return ImmutableList.copyOf(found);
  }

  private static Map<ClassSymbol, List<ClassSymbol>> index(VisitorState state) {
    Map<ClassSymbol, List<ClassSymbol>> bySuperclass = new HashMap<>();
    for (Env<AttrContext> env : Enter.instance(state.context).getEnvs()) {
      if (env.enclClass == null || env.enclClass.sym == null) {
        continue;
      }
      ClassSymbol type = env.enclClass.sym;
      Type superclass = type.getSuperclass();
      if (superclass != null && superclass.tsym instanceof ClassSymbol parent) {
        bySuperclass.computeIfAbsent(parent, p -> new ArrayList<>()).add(type);
      }
    }
    return bySuperclass;
  }
}
