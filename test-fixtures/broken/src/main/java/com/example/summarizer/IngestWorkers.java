package com.example.summarizer;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** Background workers that embed queued documents and index them in the vector store. */
final class IngestWorkers {

  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(1_000);
  private final ExecutorService workers;
  private final DocumentRepository documents;
  private final EmbeddingModel model;
  private final VectorStoreClient vectors;
  private final int threads;

  IngestWorkers(DocumentRepository documents, EmbeddingModel model, VectorStoreClient vectors, int threads) {
    this.documents = documents;
    this.model = model;
    this.vectors = vectors;
    this.threads = threads;
    this.workers = Executors.newFixedThreadPool(threads);
  }

  void submit(String documentId) {
    queue.offer(documentId);
  }

  void start() {
    for (int i = 0; i < threads; i++) {
      workers.submit(this::work);
    }
  }

  private void work() {
    while (true) { // expect: UncancellableWorkerLoop
      try {
        String id = queue.take();
        String text = documents.text(id).orElse("");
        vectors.upsert(id, model.embed(text));
      } catch (InterruptedException e) { // expect: InterruptNotRestored
        System.err.println("ingest interrupted, carrying on");
      } catch (Exception e) {
        System.err.println("ingest failed: " + e);
      }
    }
  }

  /** Re-embeds every document, e.g. after the model changed. */
  void reindex(List<String> ids) {
    ExecutorService pool = Executors.newFixedThreadPool(4); // expect: ExecutorNeverShutdown
    for (String id : ids) {
      pool.submit(() -> queue.offer(id));
    }
  }

  void stop() {
    workers.shutdown(); // expect: ShutdownWithoutAwaitTermination
  }
}
