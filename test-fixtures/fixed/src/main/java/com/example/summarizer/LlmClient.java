package com.example.summarizer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Asks a large language model, over HTTP, for a summary. The client runs on its own executor, so
 * that closing this stops the client's threads (Java 17's HttpClient has no close()).
 */
final class LlmClient implements AutoCloseable {

  private final ExecutorService httpThreads = Executors.newFixedThreadPool(2);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(httpThreads).build();
  private final URI endpoint;

  LlmClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  String summarise(String text) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.object("prompt", "Summarise:\n" + text)))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  @Override
  public void close() {
    httpThreads.shutdown();
    try {
      if (!httpThreads.awaitTermination(5, TimeUnit.SECONDS)) {
        httpThreads.shutdownNow();
        httpThreads.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      httpThreads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
