package dev.shutdowncheck.analyzer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Accepted findings. A finding is matched by its rule, its file and the text of its line with
 * whitespace removed, never by its line number, so edits elsewhere in the file do not break the
 * match; each entry accepts one finding, so a second copy of an accepted mistake is new.
 */
public final class Baseline {

  private static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The file's form. {@code line} is for readers only; matching ignores it. */
  record Entry(String rule, String path, String key, int line, String message) {}

  record Document(String tool, int format, List<Entry> findings) {}

  private final Map<String, Integer> remaining = new HashMap<>();

  private Baseline(List<Entry> entries) {
    for (Entry entry : entries) {
      remaining.merge(entry.key(), 1, Integer::sum);
    }
  }

  public static Baseline read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("the baseline " + file + " does not exist");
    }
    Document document;
    try {
      document = JSON.readValue(file.toFile(), Document.class);
    } catch (JsonProcessingException e) {
      // Jackson's own message names its classes and quotes the input: say where and what, only.
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IOException("the baseline " + file + " is not a shutdown-check baseline (unreadable JSON"
          + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
    } catch (IOException e) {
      throw new IOException("the baseline " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (document.findings() == null || document.format() != FORMAT) {
      throw new IOException("the baseline " + file + " is not a shutdown-check baseline of format "
          + FORMAT);
    }
    for (Entry entry : document.findings()) {
      if (entry == null || entry.key() == null) {
        throw new IOException("the baseline " + file + " has an entry without a key");
      }
    }
    return new Baseline(document.findings());
  }

  /** Marks the findings the baseline accepts; each entry accepts at most one finding. */
  public List<ReportedFinding> apply(List<ReportedFinding> findings) {
    List<ReportedFinding> result = new ArrayList<>(findings.size());
    for (ReportedFinding finding : findings.stream().sorted(SarifReport.ORDER).toList()) {
      String key = key(finding);
      Integer left = remaining.get(key);
      boolean accepted = left != null && left > 0;
      if (accepted) {
        remaining.put(key, left - 1);
      }
      result.add(finding.withBaselined(accepted));
    }
    return result;
  }

  public static void write(Path file, List<ReportedFinding> findings) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (ReportedFinding finding : findings.stream().sorted(SarifReport.ORDER).toList()) {
      entries.add(
          new Entry(
              finding.rule(),
              finding.repositoryPath(),
              key(finding),
              finding.line(),
              finding.finding().message()));
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String json = JSON.writer().writeValueAsString(new Document("shutdown-check", FORMAT, entries));
    Files.writeString(file, json.replace("\r\n", "\n") + "\n", StandardCharsets.UTF_8);
  }

  /** What identifies a finding across edits that move it: rule, file, its line's text. */
  static String key(ReportedFinding finding) {
    String text =
        finding.rule() + '\n' + finding.repositoryPath() + '\n'
            + finding.lineText().replaceAll("\\s+", "");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
