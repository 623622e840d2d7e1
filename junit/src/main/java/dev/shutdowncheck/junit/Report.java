package dev.shutdowncheck.junit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The problems one test's shutdown left, in a fixed order: exact findings (stops, executors, the
 * interrupt status) before the process-wide ones (threads, files); within a kind, in the order the
 * caller adds them, which is sorted wherever the JVM gives no order.
 */
final class Report {

  enum Kind { STOP, EXECUTOR, INTERRUPT, THREAD, FILE }

  private static final String ITEM_INDENT = "     ";

  private final Map<Kind, List<String>> problems = new EnumMap<>(Kind.class);

  void add(Kind kind, String problem) {
    problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(problem);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** One message: a headline, then each problem numbered; lines after an item's first are indented. */
  String render(String testName) {
    int count = problems.values().stream().mapToInt(List::size).sum();
    StringBuilder message = new StringBuilder()
        .append("shutdown-check: ").append(count).append(count == 1 ? " problem" : " problems")
        .append(" after the shutdown in ").append(testName).append(':');
    int number = 0;
    for (List<String> ofKind : problems.values()) {
      for (String problem : ofKind) {
        message.append("\n  ").append(++number).append(". ")
            .append(problem.replace("\n", "\n" + ITEM_INDENT));
      }
    }
    return message.toString();
  }
}
