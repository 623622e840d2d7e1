package dev.shutdowncheck.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.errorprone.BaseErrorProneJavaCompiler;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.ScannerSupplier;
import dev.shutdowncheck.checks.CancellationNotHandled;
import dev.shutdowncheck.checks.ExecutorNeverShutdown;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A bad flag is one plain compiler error, with no file and no rule: not a finding of whichever rule
 * ran first on whichever file came first.
 */
public class ConfigurationErrorTest {

  /**
   * Compiles two small files with {@code rules} and {@code flag}; asserts that the compilation
   * fails with exactly one error, without a position or a rule's name, that says {@code message}.
   */
  @SafeVarargs
  public static void assertOnePlainError(String flag, String message, Class<? extends BugChecker>... rules) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    BaseErrorProneJavaCompiler compiler =
        new BaseErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(rules));
    boolean compiled = compiler
        .getTask(null, null, diagnostics, List.of("-XDcompilePolicy=simple", flag, "-proc:none", "-d",
            System.getProperty("java.io.tmpdir")), null, List.of(source("A"), source("B")))
        .call();
    assertFalse(compiled, "a bad flag fails the compilation");
    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .toList();
    assertEquals(1, errors.size(), "once per compilation: " + errors);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    assertNull(error.getSource(), "on no file: " + error);
    assertEquals(ConfigurationError.PREFIX + message, error.getMessage(Locale.ROOT));
  }

  private static JavaFileObject source(String name) {
    return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return "class " + name + " {}";
      }
    };
  }

  @Test
  void aMalformedFlagIsOnePlainErrorWhicheverRuleRunsFirst() {
    assertOnePlainError(
        "-XepOpt:ShutdownCheck:ShutdownMethods=not a method",
        "-XepOpt:ShutdownCheck:ShutdownMethods has a malformed entry 'not a method'; expected a"
            + " comma-separated list of Type#method, e.g. com.acme.Component#halt or #halt",
        CancellationNotHandled.class, ExecutorNeverShutdown.class);
  }
}
