package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;

/**
 * Recognises test classes (JUnit 3, 4 and 5, TestNG), for rules about production behaviour that
 * do not apply to tests: a test's client talks to a local stub, its teardown is not a service's
 * shutdown, and a swallowed interrupt ends with the test. Every rule that leaves tests alone asks
 * here, so that they agree on what a test is.
 */
public final class TestCode {

  /** Annotations that only test classes put on their methods. */
  private static final ImmutableList<String> TEST_METHOD_ANNOTATIONS =
      ImmutableList.of(
          "org.junit.Test",
          "org.junit.Before",
          "org.junit.After",
          "org.junit.BeforeClass",
          "org.junit.AfterClass",
          "org.junit.jupiter.api.Test",
          "org.junit.jupiter.api.BeforeEach",
          "org.junit.jupiter.api.AfterEach",
          "org.junit.jupiter.api.BeforeAll",
          "org.junit.jupiter.api.AfterAll",
          "org.junit.jupiter.api.RepeatedTest",
          "org.junit.jupiter.api.TestFactory",
          "org.junit.jupiter.params.ParameterizedTest",
          "org.testng.annotations.Test",
          "org.testng.annotations.AfterMethod",
          "org.testng.annotations.AfterClass",
          "org.testng.annotations.AfterSuite",
          "org.testng.annotations.AfterTest");

  /** Annotations that make a class a test class even where its tests are inherited. */
  private static final ImmutableList<String> TEST_CLASS_ANNOTATIONS =
      ImmutableList.of("org.junit.runner.RunWith", "org.testng.annotations.Test");

  private static final String JUNIT3_TEST_CASE = "junit.framework.TestCase";

  private TestCode() {}

  /** Whether the code at {@code path} is inside a test class, or a class nested in one. */
  public static boolean isInTestClass(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree type && isTestClass(type, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTestClass(ClassTree type, VisitorState state) {
    ClassSymbol symbol = ASTHelpers.getSymbol(type);
    if (symbol != null
        && (TypeMember.isSubtypeOfNamed(symbol.type, JUNIT3_TEST_CASE, state)
            || TEST_CLASS_ANNOTATIONS.stream()
                .anyMatch(annotation -> ASTHelpers.hasAnnotation(symbol, annotation, state)))) {
      return true;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method) {
        Symbol methodSymbol = ASTHelpers.getSymbol(method);
        for (String annotation : TEST_METHOD_ANNOTATIONS) {
          if (methodSymbol != null && ASTHelpers.hasAnnotation(methodSymbol, annotation, state)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
