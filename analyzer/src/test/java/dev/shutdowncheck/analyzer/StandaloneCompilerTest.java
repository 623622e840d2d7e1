package dev.shutdowncheck.analyzer;

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

  private static StandaloneCompiler.Job job(
      StandaloneCompiler.Run run, StandaloneCompiler.Processing processing, List<String> checks,
      List<String> options) {
    return new StandaloneCompiler.Job(
        Path.of("/jdk"), List.of(Path.of("/src/A.java")), List.of("/lib/a.jar"), List.of(Path.of("/ep.jar")),
        List.of("--release", "17", "-encoding", "UTF-8"), processing, checks, options,
        Path.of("/out/classes"), Path.of("/out/findings"), Path.of("/out"), run);
  }

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
    StandaloneCompiler.Job job = job(StandaloneCompiler.Run.CHECK, StandaloneCompiler.Processing.OFF,
        List.of("ExitInShutdownHook:WARN", "ForcedTermination:OFF"), List.of("ShutdownCheck:ShutdownMethods=a.B#c"));
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
    StandaloneCompiler.Job job = job(StandaloneCompiler.Run.CHECK,
        new StandaloneCompiler.Processing(
            true, List.of("lombok.launch.AnnotationProcessorHider$AnnotationProcessor"),
            List.of("-Alombok.addGeneratedAnnotation=false"), Path.of("/out/generated-classes")),
        List.of("ForcedTermination:WARN"), List.of());
    List<String> args = StandaloneCompiler.javacArguments(job);
    assertFalse(args.contains("\"-proc:none\""), args.toString());
    int generated = args.indexOf("\"-s\"");
    assertEquals("\"/out/generated-classes\"", args.get(generated + 1));
    int processors = args.indexOf("\"-processor\"");
    assertEquals("\"lombok.launch.AnnotationProcessorHider$AnnotationProcessor\"", args.get(processors + 1));
    assertTrue(args.contains("\"-Alombok.addGeneratedAnnotation=false\""), args.toString());
  }

  @Test
  void fixRunPatchesTheRulesThatAreOnInPlace() {
    String flags = StandaloneCompiler.errorProneFlags(job(StandaloneCompiler.Run.FIX,
        StandaloneCompiler.Processing.OFF, List.of("ExitInShutdownHook:WARN", "ForcedTermination:OFF",
            "MissingTimeout:WARN"), List.of()));
    assertTrue(flags.endsWith(" -XepPatchChecks:ExitInShutdownHook,MissingTimeout -XepPatchLocation:IN_PLACE"),
        flags);
    assertFalse(StandaloneCompiler.errorProneFlags(job(StandaloneCompiler.Run.CHECK,
        StandaloneCompiler.Processing.OFF, List.of("MissingTimeout:WARN"), List.of())).contains("Patch"));
  }

  @Test
  void benchmarkRunsDifferOnlyInWhatErrorProneDoes() {
    List<String> checks = List.of("MissingTimeout:WARN");
    StandaloneCompiler.Job plain = job(StandaloneCompiler.Run.BUILD_PLAIN, StandaloneCompiler.Processing.OFF,
        checks, List.of());
    List<String> plainArgs = StandaloneCompiler.javacArguments(plain);
    assertFalse(plainArgs.stream().anyMatch(a -> a.contains("ErrorProne") || a.contains("should-stop")
        || a.contains("compilePolicy") || a.contains("processorpath")), plainArgs.toString());
    assertEquals(List.of("/jdk/bin/javac", "@/out/args"), StandaloneCompiler.command(plain, Path.of("/out/args")));

    List<String> withRules = StandaloneCompiler.javacArguments(job(StandaloneCompiler.Run.BUILD_WITH_RULES,
        StandaloneCompiler.Processing.OFF, checks, List.of()));
    assertFalse(withRules.contains("\"--should-stop=ifNoError=FLOW\""), "a build writes classes: " + withRules);
    assertTrue(withRules.contains("\"-Xplugin:ErrorProne -XepDisableAllChecks -Xep:MissingTimeout:WARN"
        + " -XepOpt:ShutdownCheck:FindingsDir=/out/findings\""), withRules.toString());
    assertTrue(StandaloneCompiler.javacArguments(job(StandaloneCompiler.Run.BUILD_WITHOUT_CHECKS,
        StandaloneCompiler.Processing.OFF, checks, List.of())).contains("\"-Xplugin:ErrorProne -XepDisableAllChecks\""));
    assertTrue(StandaloneCompiler.javacArguments(job(StandaloneCompiler.Run.BUILD_WITH_DEFAULT_CHECKS,
        StandaloneCompiler.Processing.OFF, checks, List.of())).contains("\"-Xplugin:ErrorProne -XepAllErrorsAsWarnings\""));
    assertTrue(StandaloneCompiler.command(job(StandaloneCompiler.Run.CHECK, StandaloneCompiler.Processing.OFF,
        checks, List.of()), Path.of("/a")).get(1).startsWith("-J--add-exports="));
  }
}
