package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer's own javac runs, for real: a forked javac with Error Prone (from this test's class
 * path) and the checker.
 */
class StandaloneRunTest {

  private static final String SLEEPER = """
      package demo;

      class Sleeper {
        void pause() {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            System.out.println("woken early");
          }
        }
      }
      """;

  @TempDir Path repo;

  private final Analyzer analyzer = Analyzer.forChecker();

  private Path write(String text) throws IOException {
    Path file = repo.resolve("src/demo/Sleeper.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private AnalysisRequest request(Path source, StandaloneCompiler.Run run) {
    List<Path> processorPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .toList();
    Path work = repo.resolve("target/shutdown-check");
    StandaloneCompiler.Job job = new StandaloneCompiler.Job(
        Path.of(System.getProperty("java.home")), List.of(source), List.of(), processorPath,
        List.of("-source", "17", "-target", "17", "-encoding", "UTF-8"), StandaloneCompiler.Processing.OFF,
        StandaloneCompiler.checks(analyzer.catalog(), RuleSettings.NONE), List.of(),
        work.resolve("classes"), work.resolve("findings"), work, run);
    return AnalysisRequest.standalone("demo", List.of(job), RuleSettings.NONE, repo, repo);
  }

  @Test
  void checkFindsTheMistakeAndWritesNoClasses() throws Exception {
    AnalysisReport report = analyzer.analyse(request(write(SLEEPER), StandaloneCompiler.Run.CHECK));
    assertEquals(List.of("src/demo/Sleeper.java:7:[InterruptNotRestored]"),
        report.findings().stream().map(f -> f.repositoryPath() + ":" + f.line() + ":[" + f.rule() + "]").toList());
    assertEquals("demo (standalone mode)", report.label());
    assertTrue(Files.notExists(repo.resolve("target/shutdown-check/classes/demo/Sleeper.class")));
  }

  @Test
  void fixAppliesTheSuggestedFixOnceAndTheCodeStillCompiles() throws Exception {
    Path source = write(SLEEPER);
    FixReport first = analyzer.fix(request(source, StandaloneCompiler.Run.FIX));
    String fixed = Files.readString(source);
    assertNotEquals(SLEEPER, fixed);
    assertTrue(fixed.contains("Thread.currentThread().interrupt();"), fixed);
    assertEquals(List.of("src/demo/Sleeper.java"), first.changedFiles());
    assertEquals(List.of("InterruptNotRestored"), first.fixed().stream().map(ReportedFinding::rule).toList());
    AnalysisReport after = analyzer.analyse(request(source, StandaloneCompiler.Run.CHECK));
    assertTrue(after.findings().isEmpty(), "the fixed code compiles and has no finding: " + after.findings());

    FixReport second = analyzer.fix(request(source, StandaloneCompiler.Run.FIX));
    assertTrue(second.changedFiles().isEmpty() && second.fixed().isEmpty());
    assertEquals(fixed, Files.readString(source));
  }

  @Test
  void codeThatDoesNotCompileFailsWithJavacsErrors() throws Exception {
    Path source = write("package demo;\nclass Sleeper { int x = \"no\"; }\n");
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> analyzer.analyse(request(source, StandaloneCompiler.Run.CHECK)));
    assertTrue(e.getMessage().startsWith("shutdown-check (standalone mode) could not compile demo; fix these"
        + " errors first"), e.getMessage());
    assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
  }
}
