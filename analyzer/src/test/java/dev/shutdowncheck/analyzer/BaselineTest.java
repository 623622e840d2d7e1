package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutdowncheck.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  @TempDir Path dir;

  private static ReportedFinding at(int line, String text) {
    Finding.Span span = new Finding.Span(line * 40, line * 40 + 5, line, 5, line, 10);
    return new ReportedFinding(
        new Finding("ForcedTermination", "WARNING", "file:///r/A.java", span, "msg", List.of()),
        Severity.WARNING, "src/A.java", "src/A.java", null, text, false);
  }

  @Test
  void acceptedFindingStaysAcceptedWhenItsLineMoves() throws IOException {
    Path file = dir.resolve("baseline.json");
    Baseline.write(file, List.of(at(10, "    server.stop(0);")));
    List<ReportedFinding> now = Baseline.read(file).apply(List.of(at(42, "  server.stop(0);  ")));
    assertTrue(now.get(0).baselined());
  }

  @Test
  void aSecondCopyOfAnAcceptedMistakeIsNew() throws IOException {
    Path file = dir.resolve("baseline.json");
    Baseline.write(file, List.of(at(10, "server.stop(0);")));
    List<ReportedFinding> now =
        Baseline.read(file).apply(List.of(at(10, "server.stop(0);"), at(20, "server.stop(0);")));
    assertEquals(1, now.stream().filter(ReportedFinding::baselined).count());
  }

  @Test
  void aChangedLineIsNew() throws IOException {
    Path file = dir.resolve("baseline.json");
    Baseline.write(file, List.of(at(10, "server.stop(0);")));
    assertFalse(Baseline.read(file).apply(List.of(at(10, "other.stop(0);"))).get(0).baselined());
  }

  @Test
  void unreadableBaselineFailsClearly() throws IOException {
    Path file = dir.resolve("baseline.json");
    Files.writeString(file, "not json");
    IOException e = assertThrows(IOException.class, () -> Baseline.read(file));
    assertTrue(e.getMessage().startsWith("the baseline " + file + " is not a shutdown-check baseline"
        + " (unreadable JSON at line 1, column 1: Unrecognized token 'not'"), e.getMessage());
    assertFalse(e.getMessage().contains("com.fasterxml") || e.getMessage().contains("[Source:"),
        "no Jackson internals: " + e.getMessage());
    IOException missing = assertThrows(IOException.class, () -> Baseline.read(dir.resolve("none.json")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }
}
