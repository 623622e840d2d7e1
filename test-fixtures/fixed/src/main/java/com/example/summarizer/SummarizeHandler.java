package com.example.summarizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code POST /summarize?id=...}: the document's summary, from the cache or from the LLM. */
final class SummarizeHandler implements HttpHandler {

  private static final int PART_LENGTH = 8_000;

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

  /** Long documents are summarised in parts, in parallel, all within one deadline. */
  private String summarise(String id) {
    String text;
    try {
      text = documents.text(id).orElse("");
    } catch (SQLException e) {
      return "document unavailable";
    }
    List<Callable<String>> parts = new ArrayList<>();
    for (int start = 0; start < text.length() || start == 0; start += PART_LENGTH) {
      String part = text.substring(start, Math.min(text.length(), start + PART_LENGTH));
      parts.add(() -> llm.summarise(part));
    }
    try {
      // Parts still running at the deadline are cancelled by invokeAll.
      List<Future<String>> answers = llmCalls.invokeAll(parts, 30, TimeUnit.SECONDS);
      StringBuilder summary = new StringBuilder();
      for (Future<String> answer : answers) {
        try {
          summary.append(answer.get()).append('\n');
        } catch (ExecutionException | CancellationException e) {
          summary.append("[part unavailable]\n");
        }
      }
      cache.put(id, summary.toString());
      return summary.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "summary unavailable";
    }
  }
}
