package dev.shutdowncheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.ErrorProneFlags;
import dev.shutdowncheck.checks.ExecutorNeverShutdown;
import dev.shutdowncheck.findings.ConfigurationErrorTest;
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
  void aMisspelledOptionFailsAndNamesTheOptionsThereAre() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShutdownCheckOptions.from(
                    ErrorProneFlags.fromMap(Map.of("ShutdownCheck:ShutdownMethodz", "com.acme.Pool#drain"))));
    assertTrue(
        error.getMessage().startsWith("-XepOpt:ShutdownCheck:ShutdownMethodz is not a shutdown-check option;"
            + " the options are -XepOpt:ShutdownCheck:ShutdownMethods="),
        error.getMessage());
    assertTrue(error.getMessage().contains("-XepOpt:ShutdownCheck:FindingsDir="), error.getMessage());
    // The findings directory and other checks' options are not misspellings.
    ShutdownCheckOptions.from(
        ErrorProneFlags.fromMap(Map.of("ShutdownCheck:FindingsDir", "/tmp/f", "UnboundedWait:Scope", "all")));
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
  void parsesExitMethodsAndRejectsAMalformedOne() {
    ShutdownCheckOptions options =
        ShutdownCheckOptions.from(
            ErrorProneFlags.fromMap(Map.of("ShutdownCheck:ExitMethods", "com.acme.Fatal#die, crash")));
    assertEquals(
        java.util.List.of(new TypeMember("com.acme.Fatal", "die"), new TypeMember("", "crash")),
        options.exitMethods());
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ShutdownCheckOptions.from(
                    ErrorProneFlags.fromMap(Map.of("ShutdownCheck:ExitMethods", "com.acme.Fatal#die(int)"))));
    assertTrue(
        error.getMessage().startsWith(
            "-XepOpt:ShutdownCheck:ExitMethods has a malformed entry 'com.acme.Fatal#die(int)'"),
        error.getMessage());
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
  void misspelledFlagFailsTheCompilationWithOnePlainError() {
    ConfigurationErrorTest.assertOnePlainError(
        "-XepOpt:ShutdownCheck:ShutdownMethodz=com.acme.Pool#drain",
        "-XepOpt:ShutdownCheck:ShutdownMethodz is not a shutdown-check option; the options are"
            + " -XepOpt:ShutdownCheck:ShutdownMethods=, -XepOpt:ShutdownCheck:ShutdownAnnotations=,"
            + " -XepOpt:ShutdownCheck:ResourceTypes=, -XepOpt:ShutdownCheck:ExitMethods=,"
            + " -XepOpt:ShutdownCheck:GracePeriod=,"
            + " -XepOpt:ShutdownCheck:FindingsDir=",
        ExecutorNeverShutdown.class);
  }
}
