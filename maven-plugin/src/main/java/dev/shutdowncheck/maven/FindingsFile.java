package dev.shutdowncheck.maven;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutdowncheck.findings.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the findings a compilation recorded ({@code -XepOpt:ShutdownCheck:FindingsDir}). */
final class FindingsFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private FindingsFile() {}

  static List<Finding> read(Path file) throws IOException {
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
        throw new IOException(file + ":" + lineNumber + " is not a finding: " + e.getMessage(), e);
      }
    }
    return findings;
  }
}
