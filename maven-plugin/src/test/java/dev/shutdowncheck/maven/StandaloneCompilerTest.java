package dev.shutdowncheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneCompilerTest {

  @TempDir Path dir;

  @Test
  void errorsLeaveOutWarnings() throws IOException {
    Path log = dir.resolve("javac.log");
    Files.writeString(log, String.join("\n",
        "/src/A.java:3: warning: [ForcedTermination] Runtime.halt() stops the JVM",
        "    Runtime.getRuntime().halt(1);",
        "/src/B.java:4: error: incompatible types: String cannot be converted to int",
        "  int value = \"x\";",
        "              ^",
        "1 error",
        "1 warning"));
    String errors = StandaloneCompiler.errors(log);
    assertTrue(errors.startsWith("/src/B.java:4: error: incompatible types"), errors);
    assertTrue(errors.contains("int value"), errors);
    assertFalse(errors.contains("halt"), errors);
  }

  @Test
  void misconfigurationIsTheCheckersMessage() throws IOException {
    Path log = dir.resolve("javac.log");
    Files.writeString(log, "/src/A.java:1: error: [ForcedTermination] shutdown-check is misconfigured:"
        + " -XepOpt:ShutdownCheck:ShutdownMethods has a malformed entry 'x y'\n");
    assertEquals("-XepOpt:ShutdownCheck:ShutdownMethods has a malformed entry 'x y'",
        StandaloneCompiler.misconfiguration(log));
    Files.writeString(log, "/src/A.java:1: error: cannot find symbol\n");
    assertNull(StandaloneCompiler.misconfiguration(log));
  }

  @Test
  void onlyTheCheckersRulesRunAndErrorsDoNotStopJavac() {
    StandaloneCompiler.Job job = new StandaloneCompiler.Job(
        Path.of("/jdk"), List.of(Path.of("/src/A.java")), List.of("/lib/a.jar"), List.of(Path.of("/ep.jar")),
        Path.of("/out/classes"), Path.of("/out/findings"), "17", "UTF-8",
        List.of("ExitInShutdownHook:WARN", "ForcedTermination:OFF"), List.of("ShutdownCheck:ShutdownMethods=a.B#c"),
        StandaloneCompiler.Processing.OFF, Path.of("/out"));
    assertEquals(
        "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:ExitInShutdownHook:WARN -Xep:ForcedTermination:OFF"
            + " -XepOpt:ShutdownCheck:FindingsDir=/out/findings -XepOpt:ShutdownCheck:ShutdownMethods=a.B#c",
        StandaloneCompiler.errorProneFlags(job));
    List<String> args = StandaloneCompiler.javacArguments(job);
    assertTrue(args.contains("\"--release\"") && args.contains("\"17\""), args.toString());
    assertTrue(args.contains("\"--should-stop=ifNoError=FLOW\""), "no class files: " + args);
    assertTrue(args.contains("\"-proc:none\""), args.toString());
    assertEquals("\"/src/A.java\"", args.get(args.size() - 1));
  }

  @Test
  void annotationProcessorsRunAsInTheModulesBuild() {
    StandaloneCompiler.Job job = new StandaloneCompiler.Job(
        Path.of("/jdk"), List.of(Path.of("/src/A.java")), List.of("/lib/a.jar"), List.of(Path.of("/ep.jar")),
        Path.of("/out/classes"), Path.of("/out/findings"), "17", "UTF-8", List.of("ForcedTermination:WARN"),
        List.of(),
        new StandaloneCompiler.Processing(
            true, List.of("lombok.launch.AnnotationProcessorHider$AnnotationProcessor"),
            List.of("-Alombok.addGeneratedAnnotation=false"), Path.of("/out/generated-classes")),
        Path.of("/out"));
    List<String> args = StandaloneCompiler.javacArguments(job);
    assertFalse(args.contains("\"-proc:none\""), args.toString());
    int generated = args.indexOf("\"-s\"");
    assertEquals("\"/out/generated-classes\"", args.get(generated + 1));
    int processors = args.indexOf("\"-processor\"");
    assertEquals("\"lombok.launch.AnnotationProcessorHider$AnnotationProcessor\"", args.get(processors + 1));
    assertTrue(args.contains("\"-Alombok.addGeneratedAnnotation=false\""), args.toString());
  }
}
