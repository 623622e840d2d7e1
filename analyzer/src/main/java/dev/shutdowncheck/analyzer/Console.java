package dev.shutdowncheck.analyzer;

/** Where a front end prints: Maven's log, or the command line's standard streams. */
public interface Console {
  void info(String line);

  void warn(String line);

  void error(String line);
}
