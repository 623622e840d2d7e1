package com.example.summarizer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An AI-agent style backend: summarises documents with an LLM, caches summaries, indexes
 * embeddings in a vector store, and ingests documents in the background.
 *
 * <p>CORRECTED TWIN: on SIGTERM it stops taking requests, lets those in flight finish, then closes
 * everything it opened, in reverse order of opening, each within a deadline.
 */
public final class SummarizerApp implements AutoCloseable {

  /** How long requests in flight get to finish once the server stops taking new ones. */
  private static final int DRAIN_SECONDS = 1;

  private final HttpServer server;
  private final ExecutorService requestThreads = Executors.newFixedThreadPool(8);
  private final DocumentRepository documents;
  private final SummaryCache cache;
  private final VectorStoreClient vectors;
  private final EmbeddingModel embeddings;
  private final AuditLog audit;
  private final ModelSidecar sidecar;
  private final LlmClient llm;
  private final IngestWorkers ingest;
  private final Housekeeping housekeeping;

  SummarizerApp(Config config) throws IOException {
    documents = new DocumentRepository(config.jdbcUrl());
    cache = new SummaryCache(config.redisHost(), config.redisPort());
    vectors = new VectorStoreClient(config.vectorStoreUri());
    embeddings = EmbeddingModel.load(config.modelFile());
    audit = new AuditLog(config.auditFile());
    sidecar = ModelSidecar.start(config.modelFile());
    llm = new LlmClient(config.llmUri());
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

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(DRAIN_SECONDS);
    requestThreads.shutdown();
    try {
      if (!requestThreads.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
        requestThreads.shutdownNow();
      }
    } catch (InterruptedException e) {
      requestThreads.shutdownNow();
      Thread.currentThread().interrupt();
    }
    housekeeping.close();
    ingest.close();
    llm.close();
    sidecar.close();
    try {
      audit.close();
    } catch (IOException e) {
      System.err.println("audit log not flushed: " + e);
    }
    try {
      embeddings.close();
    } catch (IOException e) {
      System.err.println("model file not closed: " + e);
    }
    cache.close();
    documents.close();
  }

  public static void main(String[] args) throws IOException {
    SummarizerApp app = new SummarizerApp(Config.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      System.out.println("summarizer stopped");
    }, "summarizer-shutdown"));
    app.start();
    System.out.println("summarizer listening on port " + app.port());
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
