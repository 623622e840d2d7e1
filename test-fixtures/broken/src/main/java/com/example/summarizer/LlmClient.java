package com.example.summarizer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Asks a large language model, over HTTP, for a summary. */
final class LlmClient {

  private final HttpClient http = HttpClient.newHttpClient(); // expect: MissingTimeout
  private final URI endpoint;

  LlmClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  String summarise(String text) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint) // expect: MissingTimeout
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.object("prompt", "Summarise:\n" + text)))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
