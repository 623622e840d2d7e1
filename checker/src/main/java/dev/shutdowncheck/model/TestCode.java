package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Attribute;
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
    if (symbol == null) {
      return false;
    }
    synchronized (TEST_CLASSES) { // one memo for every rule, and compilations may run side by side
      return TEST_CLASSES.get(symbol, state, (s, st) -> readIsTestClass(type, symbol, st));
    }
  }

  /** Asked of every class by several rules: answered once per class and compilation. */
  private static final ClassFacts<Boolean> TEST_CLASSES = new ClassFacts<>();

  private static boolean readIsTestClass(ClassTree type, ClassSymbol symbol, VisitorState state) {
    if (TypeMember.isSubtypeOfNamed(symbol.type, JUNIT3_TEST_CASE, state)
        || hasTestClassAnnotation(symbol)) {
      return true;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && ASTHelpers.getSymbol(method) != null
          && hasAnyOf(ASTHelpers.getSymbol(method), TEST_METHOD_ANNOTATIONS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the class or a superclass carries a test-class annotation (both are inherited: JUnit's
   * {@code @RunWith} is {@code @Inherited}, TestNG applies a class's {@code @Test} to subclasses).
   * Read from the symbols, not through {@code ASTHelpers.hasAnnotation}, whose cache of inherited
   * annotations costs every compilation a cache library's start-up.
   */
  private static boolean hasTestClassAnnotation(ClassSymbol symbol) {
    for (Symbol type = symbol; type instanceof ClassSymbol c; type = superclassOf(c)) {
      if (hasAnyOf(c, TEST_CLASS_ANNOTATIONS)) {
        return true;
      }
    }
    return false;
  }

  private static Symbol superclassOf(ClassSymbol type) {
    return type.getSuperclass() == null ? null : type.getSuperclass().tsym;
  }

  /** Read from the symbol's own annotations, which most methods have none of. */
  private static boolean hasAnyOf(Symbol symbol, ImmutableList<String> annotations) {
    for (Attribute.Compound annotation : symbol.getAnnotationMirrors()) {
      if (annotations.contains(annotation.type.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }
}
