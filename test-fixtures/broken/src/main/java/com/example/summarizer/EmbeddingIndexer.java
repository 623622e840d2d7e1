package com.example.summarizer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Re-embeds the whole corpus after a model change: embedding workers turn documents into vectors,
 * and upload workers write them to the vector store (Redis, through a Jedis connection pool).
 */
final class EmbeddingIndexer implements AutoCloseable {

  private static final long DRAIN_SECONDS = 20;

  private final ExecutorService embedders = Executors.newFixedThreadPool(4);
  private final ExecutorService uploaders = Executors.newFixedThreadPool(2);
  private final JedisPool vectorStore;
  private final EmbeddingModel model;

  EmbeddingIndexer(String redisHost, int redisPort, EmbeddingModel model) {
    this.vectorStore = new JedisPool(redisHost, redisPort);
    this.model = model;
  }

  void reindex(Map<String, String> documents) {
    documents.forEach((id, text) -> embedders.submit(() -> embed(id, text)));
  }

  private void embed(String id, String text) {
    float[] vector = model.embed(text);
    uploaders.submit(() -> upload(id, vector));
  }

  private void upload(String id, float[] vector) {
    try (Jedis redis = vectorStore.getResource()) {
      redis.set("vector:" + id, Arrays.toString(vector));
    }
  }

  /** Closes the vector store first, then waits up to 20 s for each pool: 40 s in all. */
  public void close() { // expect: ShutdownBudgetExceeded
    vectorStore.close(); // expect: ShutdownOrder
    drain(embedders);
    drain(uploaders);
  }

  private static void drain(ExecutorService pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
