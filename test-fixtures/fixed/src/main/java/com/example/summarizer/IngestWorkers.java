package com.example.summarizer;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Background workers that embed queued documents and index them in the vector store. Closing
 * stops intake, lets the workers finish the queue within a deadline, then interrupts them.
 */
final class IngestWorkers implements AutoCloseable {

  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(1_000);
  private final ExecutorService workers;
  private final DocumentRepository documents;
  private final EmbeddingModel model;
  private final VectorStoreClient vectors;
  private final int threads;
  private volatile boolean accepting = true;

  IngestWorkers(DocumentRepository documents, EmbeddingModel model, VectorStoreClient vectors, int threads) {
    this.documents = documents;
    this.model = model;
    this.vectors = vectors;
    this.threads = threads;
    this.workers = Executors.newFixedThreadPool(threads);
  }

  void submit(String documentId) {
    if (!accepting || !queue.offer(documentId)) {
      throw new RejectedExecutionException("ingest is stopping or full");
    }
  }

  void start() {
    for (int i = 0; i < threads; i++) {
      workers.submit(this::work);
    }
  }

  private void work() {
    while (!Thread.currentThread().isInterrupted()) {
      String id;
      try {
        id = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (id == null) {
        if (!accepting) {
          return;
        }
        continue;
      }
      index(id);
    }
  }

  private void index(String id) {
    try {
      String text = documents.text(id).orElse("");
      vectors.upsert(id, model.embed(text));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.err.println("ingest failed: " + e);
    }
  }

  /** Re-embeds every document, e.g. after the model changed; waits for the queue to take them. */
  void reindex(List<String> ids) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (String id : ids) {
        pool.submit(() -> queue.offer(id, 1, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdown();
      if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
        pool.shutdownNow();
      }
    }
  }

  @Override
  public void close() {
    accepting = false;
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
