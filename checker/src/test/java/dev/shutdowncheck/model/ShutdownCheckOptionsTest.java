package dev.shutdowncheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import dev.shutdowncheck.checks.ExecutorNeverShutdown;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShutdownCheckOptionsTest {

  @Test
  void parsesTypeMembersAndBareNames() {
    ShutdownCheckOptions options =
        ShutdownCheckOptions.from(
            ErrorProneFlags.fromMap(
                Map.of(
                    "ShutdownCheck:ShutdownMethods", "com.acme.Pool#drain, halt",
                    "ShutdownCheck:ShutdownAnnotations", "com.acme.OnStop")));
    assertEquals(
        java.util.List.of(new TypeMember("com.acme.Pool", "drain"), new TypeMember("", "halt")),
        options.shutdownMethods());
    assertEquals(java.util.List.of("com.acme.OnStop"), options.shutdownAnnotations());
  }

  @Test
  void malformedMethodNamesTheFlagAndTheForm() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShutdownCheckOptions.from(
                    ErrorProneFlags.fromMap(
                        Map.of("ShutdownCheck:ShutdownMethods", "com.acme.Pool#drain()"))));
    assertTrue(error.getMessage().contains("-XepOpt:ShutdownCheck:ShutdownMethods"), error.getMessage());
    assertTrue(error.getMessage().contains("'com.acme.Pool#drain()'"), error.getMessage());
    assertTrue(error.getMessage().contains("Type#method"), error.getMessage());
  }

  @Test
  void malformedAnnotationIsRejected() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShutdownCheckOptions.from(
                    ErrorProneFlags.fromMap(Map.of("ShutdownCheck:ShutdownAnnotations", "@OnStop"))));
    assertTrue(error.getMessage().contains("ShutdownAnnotations"), error.getMessage());
  }

  @Test
  void malformedFlagFailsTheCompilationWithOnePlainError() {
    CompilationTestHelper.newInstance(ExecutorNeverShutdown.class, getClass())
        .setArgs("-XepOpt:ShutdownCheck:ShutdownMethods=not a method")
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: shutdown-check is misconfigured:"
                + " -XepOpt:ShutdownCheck:ShutdownMethods has a malformed entry 'not a method'",
            "class A {}")
        .addSourceLines("B.java", "class B {}") // told once per compilation, not once per file
        .doTest();
  }
}
