package com.example.summarizer;

import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Summaries cached in Redis, through a Jedis connection pool. */
final class SummaryCache {

  private final JedisPool pool; // expect: UnreleasedResource

  SummaryCache(String host, int port) {
    pool = new JedisPool(host, port);
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
}
