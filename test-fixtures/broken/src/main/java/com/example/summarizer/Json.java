package com.example.summarizer;

/** Just enough JSON for the requests this service sends. */
final class Json {

  private Json() {}

  static String object(String key, String value) {
    return "{\"" + escape(key) + "\":\"" + escape(value) + "\"}";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
