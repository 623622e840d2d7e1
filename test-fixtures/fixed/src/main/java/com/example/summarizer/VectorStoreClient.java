package com.example.summarizer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** A small client for a vector store's HTTP API (there is no light library for it). */
final class VectorStoreClient {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  VectorStoreClient(URI base) {
    this.base = base;
  }

  void upsert(String id, float[] vector) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/collections/docs/points"))
        .timeout(Duration.ofSeconds(5))
        .PUT(HttpRequest.BodyPublishers.ofString(Json.object(id, Arrays.toString(vector))))
        .build();
    http.send(request, HttpResponse.BodyHandlers.discarding());
  }
}
