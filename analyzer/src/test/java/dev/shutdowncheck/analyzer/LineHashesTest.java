package dev.shutdowncheck.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expected values come from running GitHub's own algorithm (codeql-action's fingerprints.ts,
 * ported line for line to node with BigInt for its 64-bit Long) on the same text.
 */
class LineHashesTest {

  @Test
  void javaSourceMatchesGithubUploadAction() {
    Map<Integer, String> hashes =
        LineHashes.of("class A {\n  void f() {\n    Runtime.getRuntime().halt(1);\n  }\n}\n");
    assertEquals("610caade0543c1b8:1", hashes.get(1));
    assertEquals("d1e37dd44b6df8fc:1", hashes.get(2));
    assertEquals("60ddbd1ffb70322e:1", hashes.get(3));
    assertEquals("1da0d4c20a2cbb51:1", hashes.get(4));
    assertEquals("32dce9ccfdbc9d3e:1", hashes.get(5));
  }

  @Test
  void crLfAndTabsAreNormalisedLikeGithub() {
    Map<Integer, String> hashes = LineHashes.of("x\r\ny\r\n\tx\n");
    assertEquals("dfe91b689ef38956:1", hashes.get(1));
    assertEquals("15b17a0d88baeaa4:1", hashes.get(2));
    assertEquals("828973aa50c68d6d:1", hashes.get(3));
  }

  @Test
  void longLinesHashTheirFirstHundredCharacters() {
    Map<Integer, String> hashes = LineHashes.of("a".repeat(250) + "\nb\n");
    assertEquals("871f6af4d0d4dd7c:1", hashes.get(1));
    assertEquals("ade70578248be16f:1", hashes.get(2));
  }

  @Test
  void aLineKeepsItsHashWhenUnrelatedLinesAboveMove() {
    String body = "  void f() {\n    Runtime.getRuntime().halt(1);\n  }\n}\n";
    String before = "class A {\n" + body;
    String after = "class A {\n  // a new comment\n  int unrelated;\n" + body;
    assertEquals(LineHashes.of(before).get(3), LineHashes.of(after).get(5));
  }
}
