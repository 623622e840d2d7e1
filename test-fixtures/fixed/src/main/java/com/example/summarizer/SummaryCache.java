package com.example.summarizer;

import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Summaries cached in Redis, through a Jedis connection pool. */
final class SummaryCache implements AutoCloseable {

  private static final int TIMEOUT_MILLIS = 2_000;

  private final JedisPool pool;

  SummaryCache(String host, int port) {
    pool = new JedisPool(new JedisPoolConfig(), host, port, TIMEOUT_MILLIS);
  }

  Optional<String> get(String documentId) {
    try (Jedis redis = pool.getResource()) {
      return Optional.ofNullable(redis.get("summary:" + documentId));
    }
  }

  void put(String documentId, String summary) {
    try (Jedis redis = pool.getResource()) {
      redis.setex("summary:" + documentId, 3600, summary);
    }
  }

  void evictExpired() {
    try (Jedis redis = pool.getResource()) {
      redis.del("summary:stale");
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
