package com.example.summarizer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Who asked for which summary, appended to a file; closing flushes what is buffered. */
final class AuditLog implements AutoCloseable {

  private final BufferedWriter out;

  AuditLog(Path file) throws IOException {
    out = Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Written in the background, so that requests do not wait for the disk. */
  void record(String client, String documentId) {
    String line = Instant.now() + " " + client + " " + documentId;
    CompletableFuture.runAsync(() -> write(line)); // expect: UntrackedTask
  }

  private synchronized void write(String line) {
    try {
      out.write(line);
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
