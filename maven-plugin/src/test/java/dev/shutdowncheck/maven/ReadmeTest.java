package dev.shutdowncheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the README tells a new user, checked against the project, so that it cannot drift. */
class ReadmeTest {

  private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  private static final String VERSION = System.getProperty("project.version");

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  @Test
  void theInstallStepComesBeforeTheFirstSnippetThatNeedsIt() throws IOException {
    String readme = readme();
    int install = readme.indexOf("mvn install");
    int firstUse = readme.indexOf("<groupId>dev.shutdowncheck</groupId>");
    assertTrue(install > 0 && install < firstUse, "the README says to install before its first snippet");
  }

  @Test
  void theSnippetsNameTheVersionOncePerBuildToolAndItIsTheProjects() throws IOException {
    String readme = readme();
    List<String> declared = new ArrayList<>();
    Matcher maven = Pattern.compile("<shutdown-check.version>([^<]+)</shutdown-check.version>").matcher(readme);
    while (maven.find()) {
      declared.add(maven.group(1));
    }
    Matcher gradle = Pattern.compile("shutdownCheckVersion = \"([^\"]+)\"").matcher(readme);
    while (gradle.find()) {
      declared.add(gradle.group(1));
    }
    assertEquals(List.of(VERSION, VERSION), declared);
    Matcher artifacts = Pattern.compile(
            "<artifactId>shutdown-check(?:-maven-plugin)?</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(readme);
    while (artifacts.find()) {
      assertEquals("${shutdown-check.version}", artifacts.group(1), "a snippet with its own version");
    }
    assertFalse(readme.matches("(?s).*dev\\.shutdowncheck:shutdown-check(-cli)?:\\d.*"),
        "a Gradle dependency with its own version");
  }

  @Test
  void theExampleCountIsWhatTheDemoFindsOnTheSampleService() throws IOException {
    Matcher example = Pattern.compile("shutdown-check: (\\d+) findings in summarizer-broken").matcher(readme());
    assertTrue(example.find(), "the README shows the demo's count line");
    assertEquals(markers(ROOT.resolve("test-fixtures/broken/src/main/java")), Integer.parseInt(example.group(1)),
        "the README's example count is not what scripts/demo prints");
  }

  /** The sample service marks each finding with {@code // expect: RuleA, RuleB} on its line. */
  private static int markers(Path sources) throws IOException {
    Pattern marker = Pattern.compile("// expect: ([A-Za-z, ]+)$");
    int count = 0;
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          Matcher m = marker.matcher(line);
          if (m.find()) {
            count += (int) Stream.of(m.group(1).split(",")).filter(r -> !r.isBlank()).count();
          }
        }
      }
    }
    return count;
  }
}
