package com.example.summarizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code POST /summarize?id=...}: the document's summary, from the cache or from the LLM. */
final class SummarizeHandler implements HttpHandler {

  private final LlmClient llm;
  private final DocumentRepository documents;
  private final SummaryCache cache;
  private final AuditLog audit;
  private final ExecutorService llmCalls;

  SummarizeHandler(
      LlmClient llm, DocumentRepository documents, SummaryCache cache, AuditLog audit, ExecutorService llmCalls) {
    this.llm = llm;
    this.documents = documents;
    this.cache = cache;
    this.audit = audit;
    this.llmCalls = llmCalls;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getQuery().replace("id=", "");
    audit.record(exchange.getRemoteAddress().toString(), id);
    String summary = cache.get(id).orElseGet(() -> summarise(id));
    byte[] body = summary.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private String summarise(String id) {
    Future<String> answer = llmCalls.submit(() -> llm.summarise(documents.text(id).orElse("")));
    try {
      String summary = answer.get(30, TimeUnit.SECONDS);
      cache.put(id, summary);
      return summary;
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      answer.cancel(true);
      return "summary unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "summary unavailable";
    }
  }
}
