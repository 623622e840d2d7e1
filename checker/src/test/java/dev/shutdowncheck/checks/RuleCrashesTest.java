package dev.shutdowncheck.checks;


import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.util.Log;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RuleCrashesTest {

  /**
   * Crashes twice in each file, handled as in a user's build (not strict), and reports what javac
   * printed as a warning, so that the test can read it.
   */
  @BugPattern(summary = "crash probe", severity = BugPattern.SeverityLevel.WARNING)
  public static final class CrashProbe extends BugChecker implements CompilationUnitTreeMatcher {
    @Override
    public Description matchCompilationUnit(CompilationUnitTree unit, VisitorState state) {
      Log log = Log.instance(state.context);
      StringWriter printed = new StringWriter();
      PrintWriter original = log.getWriter(Log.WriterKind.WARNING);
      log.setWriter(Log.WriterKind.WARNING, new PrintWriter(printed, true));
      try {
        RuleCrashes crashes = new RuleCrashes("CrashProbe", false);
        crashes.handle(new IllegalStateException("unforeseen tree"), state);
        crashes.handle(new IllegalStateException("again"), state);
      } finally {
        log.setWriter(Log.WriterKind.WARNING, original);
      }
      return buildDescription(unit).setMessage("printed: " + printed.toString().strip()).build();
    }
  }

  @Test
  void inAUsersBuildACrashIsOneWarningPerFileNamingTheRuleAndTheFile() {
    CompilationTestHelper.newInstance(CrashProbe.class, getClass())
        .addSourceLines(
            "Service.java",
            "// BUG: Diagnostic matches: ONCE",
            "class Service {}")
        .expectErrorMessage(
            "ONCE",
            message ->
                message.contains(
                        "printed: warning: [shutdown-check] CrashProbe skipped part of"
                            + " /Service.java after an internal error"
                            + " (java.lang.IllegalStateException: unforeseen tree)")
                    && !message.contains("again"))
        .doTest();
  }

  @Test
  void underTestACrashPropagates() {
    // The project's own tests run with -Dshutdowncheck.strict=true (see checker/pom.xml).
    RuleCrashes strict = new RuleCrashes("CrashProbe", RuleCrashes.STRICT);
    org.junit.jupiter.api.Assertions.assertTrue(RuleCrashes.STRICT);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> strict.handle(new IllegalStateException("boom"), null));
  }
}
