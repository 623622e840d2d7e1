package com.example.summarizer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Re-embeds the whole corpus after a model change: embedding workers turn documents into vectors,
 * and upload workers write them to the vector store (Redis, through a Jedis connection pool).
 * Closing stops both pools within one deadline that fits the platform's grace period, and only
 * then closes the vector store that their tasks write to.
 */
final class EmbeddingIndexer implements AutoCloseable {

  private static final long SHUTDOWN_SECONDS = 25;
  private static final int TIMEOUT_MILLIS = 2_000;

  private final ExecutorService embedders = Executors.newFixedThreadPool(4);
  private final ExecutorService uploaders = Executors.newFixedThreadPool(2);
  private final JedisPool vectorStore;
  private final EmbeddingModel model;

  EmbeddingIndexer(String redisHost, int redisPort, EmbeddingModel model) {
    this.vectorStore = new JedisPool(new JedisPoolConfig(), redisHost, redisPort, TIMEOUT_MILLIS);
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

  /** Embedders first (they feed the uploaders), then the uploaders, then the store they use. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_SECONDS);
    drain(embedders, deadline);
    drain(uploaders, deadline);
    vectorStore.close();
  }

  private static void drain(ExecutorService pool, long deadline) {
    pool.shutdown();
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
