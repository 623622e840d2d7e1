package com.example.summarizer;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the service runs in a test: its model and audit files in a temporary directory, a free
 * port, no database (NoDatabaseDriver), nothing on the Redis, vector store and LLM addresses, and
 * src/test/bin/model-server, on the PATH, as its model server.
 */
final class Sandbox {

  private static final String NOTHING_LISTENS = "http://127.0.0.1:9";

  private final Path modelFile;
  private final Path auditFile;
  private final int port;

  private Sandbox(Path directory) throws IOException {
    modelFile = Files.write(directory.resolve("model.bin"), new byte[4096]);
    auditFile = directory.resolve("audit.log");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
  }

  static Sandbox in(Path directory) throws IOException {
    return new Sandbox(directory);
  }

  /** For the service in this JVM: any free port. */
  SummarizerApp.Config config() {
    return new SummarizerApp.Config(0, NoDatabaseDriver.URL, "127.0.0.1", 6379,
        URI.create(NOTHING_LISTENS), URI.create(NOTHING_LISTENS), modelFile, auditFile);
  }

  /** For the service in a child JVM, which reads its configuration from the environment. */
  Map<String, String> environment() {
    return Map.of(
        "PORT", String.valueOf(port),
        "JDBC_URL", NoDatabaseDriver.URL,
        "REDIS_HOST", "127.0.0.1",
        "VECTOR_STORE", NOTHING_LISTENS,
        "LLM_URL", NOTHING_LISTENS,
        "MODEL_FILE", modelFile.toString(),
        "AUDIT_FILE", auditFile.toString());
  }

  int port() {
    return port;
  }

  Path auditFile() {
    return auditFile;
  }

  /**
   * Asks the service in the child JVM for a summary. The service writes the request to its audit
   * log first; without Redis and a database it cannot answer, which does not matter here.
   */
  void summarize(String documentId) throws IOException {
    HttpURLConnection request = (HttpURLConnection)
        new URL("http://127.0.0.1:" + port + "/summarize?id=" + documentId).openConnection();
    request.setConnectTimeout(5_000);
    request.setReadTimeout(20_000);
    try (InputStream answer = request.getInputStream()) {
      answer.readAllBytes();
    } catch (IOException e) {
      // no answer without Redis: the request was recorded all the same
    } finally {
      request.disconnect();
    }
  }
}
