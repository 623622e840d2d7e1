package dev.shutdowncheck.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * Stack traces as reports show them: a few frames, indented, with no class loader or module
 * prefixes and no frames of lambdas' hidden classes (their names change from run to run), cut
 * where the test framework's own frames begin.
 */
final class Stacks {

  static final int FRAMES = 12;

  /** Below these, frames are the test framework calling the test, or this extension calling a stop. */
  private static final List<String> FRAMEWORK = List.of(
      "jdk.internal.reflect.", "java.lang.reflect.Method", "org.junit.",
      "dev.shutdowncheck.junit.Registration", "dev.shutdowncheck.junit.ShutdownVerifier",
      "dev.shutdowncheck.junit.Stopper");

  private Stacks() {}

  /** One frame per line, each line {@code "\n  at Type.method(line)"}. */
  static String format(StackTraceElement[] frames, int limit) {
    List<String> lines = new ArrayList<>();
    for (StackTraceElement frame : frames) {
      String location = frame.isNativeMethod() ? "native"
          : frame.getFileName() == null ? "no source"
          : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber()
          : frame.getFileName();
      lines.add(frame.getClassName() + "." + frame.getMethodName() + "(" + location + ")");
    }
    return format(lines, limit);
  }

  /** Frames already written as {@code Type.method(location)}, outermost last. */
  static String format(List<String> frames, int limit) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < frames.size(); i++) {
      String frame = frames.get(i);
      if (frame.contains("$$Lambda")) {
        continue;
      }
      if (shown == limit || FRAMEWORK.stream().anyMatch(frame::startsWith)) {
        text.append("\n  ... ").append(frames.size() - i).append(" more");
        break;
      }
      text.append("\n  at ").append(frame);
      shown++;
    }
    return text.toString();
  }

  /** An exception and its causes, each with a few frames. */
  static String format(Throwable thrown) {
    StringBuilder text = new StringBuilder(thrown.toString()).append(format(thrown.getStackTrace(), 6));
    Throwable cause = thrown.getCause();
    for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
      text.append("\ncaused by ").append(cause).append(format(cause.getStackTrace(), 4));
    }
    return text.toString();
  }
}
