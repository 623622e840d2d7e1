package dev.shutdowncheck.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the methods of one top-level class are called or referenced within it, found in one pass:
 * enough to follow a fact one call away ("the task's last statement calls this helper").
 */
final class OwnCalls {

  private final Map<MethodSymbol, List<TreePath>> sites = new HashMap<>();

  private OwnCalls() {}

  static OwnCalls scan(TreePath classPath, ClassSymbol topLevel) {
    OwnCalls calls = new OwnCalls();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        add(ASTHelpers.getSymbol(call));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        add(ASTHelpers.getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }

      private void add(Symbol symbol) {
        if (symbol instanceof MethodSymbol method
            && topLevel.equals(ASTHelpers.outermostClass(method))) {
          calls.sites.computeIfAbsent(method, m -> new ArrayList<>()).add(getCurrentPath());
        }
      }
    }.scan(classPath, null);
    return calls;
  }

  /** The calls and method references of {@code method} in the class, in source order. */
  ImmutableList<TreePath> of(MethodSymbol method) {
    return ImmutableList.copyOf(sites.getOrDefault(method, List.of()));
  }
}
