import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a Java Flight Recorder file of one javac run and prints, as a Markdown table row, where its
 * execution samples were: in javac, in Error Prone's own machinery, or in our rules, and within our
 * rules, in which one. Wall time per rule on a shared machine is mostly noise; sampling one run
 * attributes the cost of each rule in that same run.
 *
 * <p>A sample is ours when any frame of its stack is in {@code dev.shutdowncheck}; it is charged to
 * the outermost class of {@code dev.shutdowncheck.checks} on the stack (a class that several rules
 * share, such as the resource rules' common scan, is named as itself). A sample is Error Prone's
 * when it is not ours and a frame is in {@code com.google.errorprone}. Run: {@code java
 * CostShare.java RECORDING.jfr}.
 */
public class CostShare {
  private static final String OURS = "dev.shutdowncheck.";
  private static final String OUR_RULES = "dev.shutdowncheck.checks.";
  private static final String ERROR_PRONE = "com.google.errorprone.";

  public static void main(String[] args) throws Exception {
    int total = 0;
    int errorProne = 0;
    int ours = 0;
    Map<String, Integer> byRule = new TreeMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      total++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      String rule = null;
      boolean inOurs = false;
      boolean inErrorProne = false;
      for (RecordedFrame frame : frames) { // innermost first
        String type = frame.getMethod().getType().getName();
        inOurs |= type.startsWith(OURS);
        inErrorProne |= type.startsWith(ERROR_PRONE);
        if (type.startsWith(OUR_RULES)) {
          rule = type.substring(OUR_RULES.length()).replaceAll("\\$.*", "");
        }
      }
      if (inOurs) {
        ours++;
        byRule.merge(rule == null ? "(model, outside a rule)" : rule, 1, Integer::sum);
      } else if (inErrorProne) {
        errorProne++;
      }
    }
    if (total == 0) {
      throw new IllegalStateException(args[0] + " has no execution samples");
    }
    Map<String, Integer> ranked = new LinkedHashMap<>();
    byRule.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> ranked.put(e.getKey(), e.getValue()));
    StringBuilder rules = new StringBuilder();
    for (Map.Entry<String, Integer> e : ranked.entrySet()) {
      rules.append(rules.length() == 0 ? "" : ", ")
          .append(e.getKey()).append(' ').append(percent(e.getValue(), total));
    }
    System.out.printf(
        "| %d | %s | %s | %s | %s |%n",
        total,
        percent(total - errorProne - ours, total),
        percent(errorProne, total),
        percent(ours, total),
        rules.length() == 0 ? "none" : rules);
  }

  private static String percent(int part, int total) {
    return String.format("%.1f%%", 100.0 * part / total);
  }
}
