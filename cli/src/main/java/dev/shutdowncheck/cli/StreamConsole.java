package dev.shutdowncheck.cli;

import dev.shutdowncheck.analyzer.Console;
import java.io.PrintStream;

/** The analyzer's console on standard output, each line marked with its level as Maven marks it. */
final class StreamConsole implements Console {

  private final PrintStream out;

  StreamConsole(PrintStream out) {
    this.out = out;
  }

  @Override
  public void info(String line) {
    out.println("[INFO] " + line);
  }

  @Override
  public void warn(String line) {
    out.println("[WARNING] " + line);
  }

  @Override
  public void error(String line) {
    out.println("[ERROR] " + line);
  }
}
