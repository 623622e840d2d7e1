package dev.shutdowncheck.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import dev.shutdowncheck.checks.ForcedTermination;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsRecorderTest {

  @TempDir Path findings;

  private CompilationTestHelper compile(String source) {
    return CompilationTestHelper.newInstance(ForcedTermination.class, getClass())
        .setArgs("-XepOpt:ShutdownCheck:FindingsDir=" + findings)
        .addSourceLines("Main.java", source);
  }

  @Test
  void recordsEachFindingAsOneJsonLine() throws Exception {
    compile(
            """
            class Main {
            \tvoid die() {
            \t\t// BUG: Diagnostic contains: ForcedTermination
            \t\tRuntime.getRuntime().halt(1);
            \t}
            }
            """)
        .doTest();
    List<String> lines = Files.readAllLines(findings.resolve("default.jsonl"), StandardCharsets.UTF_8);
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("{\"rule\":\"ForcedTermination\",\"severity\":\"WARNING\",\"uri\":\""), line);
    assertTrue(line.contains("Main.java\""), line);
    // Two tabs before the call: column 3 in UTF-16 units, not javac's tab-expanded 17.
    assertTrue(line.contains("\"startLine\":4,\"startColumn\":3,\"endLine\":4,\"endColumn\":31"), line);
    assertTrue(line.contains("\"message\":\"Runtime.halt() stops the JVM at once"), line);
    assertTrue(line.endsWith(",\"fix\":[]}"), line);
  }

  @Test
  void aCompilationWithoutFindingsLeavesAnEmptyFile() throws Exception {
    Files.writeString(findings.resolve("default.jsonl"), "stale\n");
    compile("class Main { void ok() {} }").doTest();
    assertEquals("", Files.readString(findings.resolve("default.jsonl")));
  }

  @Test
  void namesTheFileAfterTheClassOutputDirectory(@TempDir Path build) throws Exception {
    // Maven's main and test compilations write classes.jsonl and test-classes.jsonl side by side.
    Path classes = Files.createDirectories(build.resolve("test-classes"));
    CompilationTestHelper.newInstance(ForcedTermination.class, getClass())
        .setArgs("-XepOpt:ShutdownCheck:FindingsDir=" + findings, "-d", classes.toString())
        .addSourceLines("Main.java", "class Main { void ok() {} }")
        .doTest();
    assertTrue(Files.isRegularFile(findings.resolve("test-classes.jsonl")));
  }

  @Test
  void escapesJson() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", FindingJson.quote("a\"b\\c\nd\u0001"));
  }
}
