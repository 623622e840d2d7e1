package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.Console;
import java.io.PrintStream;

/** The analyzer's console on standard output, each line marked with its level as Maven marks it. */
final class StreamConsole {

  private StreamConsole() {}

  static Console on(PrintStream out) {
    return Console.of(
        line -> out.println("[INFO] " + line),
        line -> out.println("[WARNING] " + line),
        line -> out.println("[ERROR] " + line));
  }
}
