package com.example.summarizer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An AI-agent style backend: summarises documents with an LLM, caches summaries, indexes
 * embeddings in a vector store, and ingests documents in the background.
 *
 * <p>BROKEN TWIN: every shutdown mistake shutdown-check knows, each marked on the line its rule
 * reports. {@code expect:} marks the findings the end-to-end tests assert; {@code mistake:} marks
 * one whose rule is not in this build yet (turn it into {@code expect:} when the rule lands).
 */
public final class SummarizerApp {

  private final HttpServer server;
  private final ExecutorService requestThreads = Executors.newFixedThreadPool(8); // expect: ExecutorNeverShutdown
  private final DocumentRepository documents;
  private final SummaryCache cache;
  private final VectorStoreClient vectors;
  private final EmbeddingModel embeddings;
  private final IngestWorkers ingest;
  private final Housekeeping housekeeping;
  private final AuditLog audit; // expect: IncompleteShutdown
  private final ModelSidecar sidecar;

  SummarizerApp(Config config) throws IOException {
    documents = new DocumentRepository(config.jdbcUrl());
    cache = new SummaryCache(config.redisHost(), config.redisPort());
    vectors = new VectorStoreClient(config.vectorStoreUri());
    embeddings = EmbeddingModel.load(config.modelFile());
    audit = new AuditLog(config.auditFile());
    sidecar = ModelSidecar.start(config.modelFile());
    LlmClient llm = new LlmClient(config.llmUri());
    ingest = new IngestWorkers(documents, embeddings, vectors, 4);
    housekeeping = new Housekeeping(cache, documents);
    server = HttpServer.create(new InetSocketAddress(config.port()), 0);
    server.createContext("/summarize", new SummarizeHandler(llm, documents, cache, audit, requestThreads));
    server.setExecutor(requestThreads);
  }

  void start() {
    ingest.start();
    housekeeping.start();
    server.start();
  }

  public void stop() {
    server.stop(0); // expect: ForcedTermination
    ingest.stop();
    housekeeping.stop();
    sidecar.stop();
    documents.close();
  }

  public static void main(String[] args) throws IOException {
    SummarizerApp app = new SummarizerApp(Config.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      System.exit(0); // expect: ExitInShutdownHook
    }));
    try {
      app.start();
    } catch (RuntimeException e) {
      e.printStackTrace();
      Runtime.getRuntime().halt(1); // expect: ForcedTermination
    }
  }

  /** Where everything is. */
  record Config(
      int port, String jdbcUrl, String redisHost, int redisPort, URI vectorStoreUri, URI llmUri,
      Path modelFile, Path auditFile) {

    static Config fromEnvironment() {
      return new Config(
          Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")),
          System.getenv().getOrDefault("JDBC_URL", "jdbc:postgresql://localhost/docs"),
          System.getenv().getOrDefault("REDIS_HOST", "localhost"),
          6379,
          URI.create(System.getenv().getOrDefault("VECTOR_STORE", "http://localhost:6333")),
          URI.create(System.getenv().getOrDefault("LLM_URL", "http://localhost:11434/api/generate")),
          Path.of(System.getenv().getOrDefault("MODEL_FILE", "model.bin")),
          Path.of(System.getenv().getOrDefault("AUDIT_FILE", "audit.log")));
    }
  }
}
