package dev.shutdowncheck.analyzer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutdowncheck.findings.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the findings a compilation recorded ({@code -XepOpt:ShutdownCheck:FindingsDir=DIR}): one
 * {@code DIR/NAME.jsonl} per javac run, one JSON finding a line.
 */
public final class FindingsFile {

  public static final String SUFFIX = ".jsonl";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private FindingsFile() {}

  public static List<Finding> read(Path file) throws IOException {
    List<Finding> findings = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        findings.add(JSON.readValue(line, Finding.class));
      } catch (IOException e) {
        throw new IOException(file + ":" + lineNumber + " is not a shutdown-check finding ("
            + firstLine(originalMessage(e)) + ")", e);
      }
    }
    return findings;
  }

  /**
   * The findings files under {@code dir}, sorted, also in subdirectories (a build that gives each
   * module or target its own directory below one root); none when there are none.
   */
  public static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
          .sorted()
          .toList();
    }
  }

  private static String originalMessage(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException json
        ? json.getOriginalMessage()
        : String.valueOf(e.getMessage());
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
