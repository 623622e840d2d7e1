package dev.shutdowncheck.findings;

/** The one-line JSON form of a {@link Finding}; written by hand so the checker needs no JSON library. */
final class FindingJson {

  private FindingJson() {}

  static String toJson(Finding finding) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"rule\":").append(quote(finding.rule()))
        .append(",\"severity\":").append(quote(finding.severity()))
        .append(",\"uri\":").append(quote(finding.uri()))
        .append(",\"span\":");
    appendSpan(json, finding.span());
    json.append(",\"message\":").append(quote(finding.message())).append(",\"fix\":[");
    for (int i = 0; i < finding.fix().size(); i++) {
      Finding.Edit edit = finding.fix().get(i);
      json.append(i == 0 ? "" : ",").append("{\"span\":");
      appendSpan(json, edit.span());
      json.append(",\"replacement\":").append(quote(edit.replacement())).append('}');
    }
    return json.append("]}").toString();
  }

  private static void appendSpan(StringBuilder json, Finding.Span span) {
    json.append("{\"startOffset\":").append(span.startOffset())
        .append(",\"endOffset\":").append(span.endOffset())
        .append(",\"startLine\":").append(span.startLine())
        .append(",\"startColumn\":").append(span.startColumn())
        .append(",\"endLine\":").append(span.endLine())
        .append(",\"endColumn\":").append(span.endColumn())
        .append('}');
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
