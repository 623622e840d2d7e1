package com.example.summarizer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Every few minutes: evict stale cache entries and delete old documents. */
final class Housekeeping implements AutoCloseable {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final SummaryCache cache;
  private final DocumentRepository documents;

  Housekeeping(SummaryCache cache, DocumentRepository documents) {
    this.cache = cache;
    this.documents = documents;
  }

  void start() {
    scheduler.scheduleWithFixedDelay(this::run, 1, 5, TimeUnit.MINUTES);
  }

  private void run() {
    cache.evictExpired();
    try {
      documents.deleteOlderThanDays(30);
    } catch (Exception e) {
      System.err.println("housekeeping failed: " + e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
