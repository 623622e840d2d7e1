package dev.shutdowncheck.analysis;

import static com.google.errorprone.matchers.Description.NO_MATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.source.tree.ClassTree;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleAnalysisTest {

  /** What the probes saw, in the order Error Prone ran them. */
  private static final List<Object> SEEN = new ArrayList<>();

  @BeforeEach
  void forget() {
    SEEN.clear();
  }

  /** Records the analysis it was given and the class analysis it got for each class. */
  abstract static class Probe extends BugChecker implements ClassTreeMatcher {
    private final LifecycleAnalysis analysis;

    Probe(LifecycleAnalysis analysis) {
      this.analysis = analysis;
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      SEEN.add(analysis);
      SEEN.add(analysis.of(state));
      return NO_MATCH;
    }
  }

  @BugPattern(summary = "probe", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FirstProbe extends Probe {
    @Inject
    public FirstProbe(LifecycleAnalysis analysis) {
      super(analysis);
    }
  }

  @BugPattern(summary = "probe", severity = BugPattern.SeverityLevel.WARNING)
  public static final class SecondProbe extends Probe {
    @Inject
    public SecondProbe(LifecycleAnalysis analysis) {
      super(analysis);
    }
  }

  @Test
  void everyRuleOfACompilationSharesOneAnalysisAndOneResultPerClass() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(FirstProbe.class, SecondProbe.class), getClass())
        .addSourceLines("A.java", "class A { static class Nested {} }")
        .addSourceLines("B.java", "class B {}")
        .doTest();
    // Three classes, two probes each, two entries per probe: six pairs.
    assertEquals(12, SEEN.size());
    Object analysis = SEEN.get(0);
    for (int i = 0; i < SEEN.size(); i += 2) {
      assertSame(analysis, SEEN.get(i), "one LifecycleAnalysis for every rule");
    }
    // A and A.Nested share the analysis of their top-level class A; B has its own.
    Object classA = SEEN.get(1);
    assertSame(classA, SEEN.get(3));
    assertSame(classA, SEEN.get(5));
    assertSame(classA, SEEN.get(7));
    Object classB = SEEN.get(9);
    assertSame(classB, SEEN.get(11));
    assertEquals(false, classA == classB);
  }
}
