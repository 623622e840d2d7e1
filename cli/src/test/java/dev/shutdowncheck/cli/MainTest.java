package dev.shutdowncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in-process (the packaged jar: the Maven plugin's IT gradle-bazel-setups). */
class MainTest {

  @TempDir Path repo;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path source;

  @BeforeEach
  void aCheckoutWithRecordedFindings() throws IOException {
    Files.createDirectories(repo.resolve(".git"));
    source = repo.resolve("app/src/main/java/demo/App.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package demo;\nclass App {\n  void stop() { Runtime.getRuntime().halt(1); }\n}\n");
    recordFindings(finding("ForcedTermination", "WARNING", 3, 31));
  }

  private void recordFindings(String... lines) throws IOException {
    Path file = repo.resolve("app/build/shutdown-check/main.jsonl");
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  private String finding(String rule, String severity, int line, int offset) {
    return "{\"rule\":\"" + rule + "\",\"severity\":\"" + severity + "\",\"uri\":\"" + source.toUri()
        + "\",\"span\":{\"startOffset\":" + offset + ",\"endOffset\":" + (offset + 27) + ",\"startLine\":" + line
        + ",\"startColumn\":16,\"endLine\":" + line + ",\"endColumn\":43},\"message\":\"halts\",\"fix\":[]}";
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), repo.resolve("app"));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportPrintsWritesSarifAndFailsOnAWarning() throws IOException {
    assertEquals(1, run("report", "--findings", "build/shutdown-check", "--sarif", "build/out.sarif"));
    assertTrue(out().contains("[WARNING] src/main/java/demo/App.java:3:16: [ForcedTermination] halts"), out());
    assertTrue(out().contains("[INFO] shutdown-check: 1 finding in build/shutdown-check (ForcedTermination: 1)"), out());
    assertTrue(err().startsWith("shutdown-check: 1 finding at WARNING or above (ForcedTermination: 1):\n"
        + "  src/main/java/demo/App.java:3:16: [ForcedTermination] halts\n"), "names the finding: " + err());
    String sarif = Files.readString(repo.resolve("app/build/out.sarif"));
    assertTrue(sarif.contains("\"uri\" : \"app/src/main/java/demo/App.java\""), "relative to the Git root: " + sarif);
    assertTrue(sarif.contains("\"id\" : \"shutdown-check/\""), sarif);
  }

  @Test
  void failOnErrorPassesWarningsAndRuleSettingsApply() {
    assertEquals(0, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif", "--fail-on", "ERROR"));
    assertEquals(1, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif", "--fail-on=ERROR",
        "--rule", "ForcedTermination=ERROR"));
    assertEquals(0, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif",
        "--rule", "ForcedTermination=OFF"));
    assertTrue(out().contains("shutdown-check: no findings in build/shutdown-check"), out());
  }

  @Test
  void excludedFilesAreNotReported() {
    assertEquals(0, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif",
        "--exclude", "demo.App"));
    assertTrue(out().contains("shutdown-check: no findings in build/shutdown-check"), out());
    assertEquals(0, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif",
        "--exclude=**/demo/**"));
    assertEquals(1, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif",
        "--exclude", "demo.Other"));
    assertEquals(2, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif",
        "--exclude", "src/{x"));
    assertTrue(err().startsWith("shutdown-check: --exclude has a malformed entry 'src/{x'"), err());
  }

  @Test
  void rootAndCategoryNameTheSarifPathsAndRun() throws IOException {
    assertEquals(1, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif", "--root", ".",
        "--category", "app"));
    String sarif = Files.readString(repo.resolve("app/out.sarif"));
    assertTrue(sarif.contains("\"uri\" : \"src/main/java/demo/App.java\""), sarif);
    assertTrue(sarif.contains("\"id\" : \"shutdown-check/app/\""), sarif);
  }

  @Test
  void aBaselineAcceptsTheFindingsItWasWrittenFrom() throws IOException {
    assertEquals(0, run("baseline", "--findings", "build/shutdown-check", "--out", "baseline.json"));
    assertTrue(out().contains("baseline of 1 findings written to"), out());
    assertEquals(0, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif", "--baseline",
        "baseline.json"));
    assertTrue(Files.readString(repo.resolve("app/out.sarif")).contains("\"baselineState\" : \"unchanged\""));

    recordFindings(finding("ForcedTermination", "WARNING", 3, 31), finding("ExitInShutdownHook", "ERROR", 3, 31));
    assertEquals(1, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif", "--baseline",
        "baseline.json"));
    assertTrue(err().contains("(ExitInShutdownHook: 1)"), err());
  }

  @Test
  void aMissingOrEmptyFindingsDirectorySaysHowToRecordFindings() throws IOException {
    assertEquals(2, run("report", "--findings", "nowhere", "--sarif", "out.sarif"));
    assertTrue(err().contains("the findings directory " + repo.resolve("app/nowhere") + " does not exist"), err());
    assertTrue(err().contains("-XepOpt:ShutdownCheck:FindingsDir=nowhere"), err());

    Files.createDirectories(repo.resolve("app/empty"));
    assertEquals(2, run("report", "--findings", "empty", "--sarif", "out.sarif"));
    assertTrue(err().contains("has no findings files (*.jsonl)"), err());
  }

  @Test
  void unreadableFilesGetOneMessage() throws IOException {
    recordFindings("{\"rule\": ");
    assertEquals(2, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif"));
    assertTrue(err().contains("main.jsonl:1 is not a shutdown-check finding"), err());
    assertTrue(err().lines().count() == 1, err());

    Files.writeString(repo.resolve("app/baseline.json"), "{ not json");
    assertEquals(2, run("report", "--findings", "build/shutdown-check", "--sarif", "out.sarif", "--baseline",
        "baseline.json"));
    assertTrue(err().contains("is not a shutdown-check baseline"), err());
  }

  @Test
  void badUsageExitsTwoWithOneMessage() {
    assertEquals(2, run());
    assertTrue(err().startsWith("Usage: java -jar shutdown-check-cli.jar COMMAND"), err());
    assertEquals(2, run("report", "--findings", "build/shutdown-check"));
    assertTrue(err().startsWith("shutdown-check: 'report' needs --sarif"), err());
    assertEquals(2, run("report", "--findings", "build/shutdown-check", "--sarif", "o", "--fail-on", "NOTE"));
    assertTrue(err().startsWith("shutdown-check: --fail-on is 'NOTE'; expected WARNING or ERROR"), err());
    assertEquals(2, run("report", "--findings", "build/shutdown-check", "--sarif", "o", "--rule", "Nope=OFF"));
    assertTrue(err().startsWith("shutdown-check: --rule names an unknown rule 'Nope'"), err());
    assertEquals(2, run("report", "--findings", "build/shutdown-check", "--sarif", "o", "--colour"));
    assertTrue(err().startsWith("shutdown-check: 'report' has no option --colour"), err());
    assertEquals(2, run("lint"));
    assertTrue(err().startsWith("shutdown-check: unknown command 'lint'"), err());
  }

  @Test
  void rulesAndVersion() {
    assertEquals(0, run("rules"));
    assertTrue(out().lines().toList().contains("ForcedTermination"), out());
    assertEquals(0, run("--version"));
    assertTrue(out().startsWith("shutdown-check "), out());
  }

  @Test
  void fixAppliesTheSafeFixesOnceAndPrintsThem() throws IOException {
    Path sleeper = repo.resolve("app/src/main/java/demo/Sleeper.java");
    Files.writeString(sleeper, """
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
        """);
    assertEquals(0, run("fix", "--sources", "src/main/java", "--javac-option", "-source", "--javac-option", "17",
        "--javac-option", "-target", "--javac-option", "17"));
    assertTrue(out().contains("[INFO] fixed src/main/java/demo/Sleeper.java:7:7: [InterruptNotRestored]"), out());
    assertTrue(out().contains("changed src/main/java/demo/Sleeper.java"), out());
    assertTrue(Files.readString(sleeper).contains("Thread.currentThread().interrupt();"));
    String fixed = Files.readString(sleeper);

    assertEquals(0, run("fix", "--sources", "src/main/java"));
    assertTrue(out().contains("no suggested fix to apply"), out());
    assertEquals(fixed, Files.readString(sleeper));
  }

  @Test
  void javacCommandIsTheAnalyzersCommandLine() throws IOException {
    assertEquals(0, run("javac-command", "--run", "build-with-rules", "--sources", "src/main/java", "--out",
        "out/classes", "--findings", "out/findings", "--work", "out"));
    List<String> command = out().lines().toList();
    assertTrue(command.get(0).endsWith("/bin/javac"), command.toString());
    assertTrue(command.get(1).startsWith("-J--add-exports="), command.toString());
    String argFile = command.get(command.size() - 1);
    assertTrue(argFile.startsWith("@"), argFile);
    String args = Files.readString(Path.of(argFile.substring(1)));
    assertTrue(args.contains("-XepOpt:ShutdownCheck:FindingsDir=" + repo.resolve("app/out/findings")), args);
    assertEquals(2, run("javac-command", "--run", "sometimes", "--sources", "src", "--out", "o", "--findings", "f",
        "--work", "w"));
    assertTrue(err().contains("--run is 'sometimes'"), err());
  }
}
