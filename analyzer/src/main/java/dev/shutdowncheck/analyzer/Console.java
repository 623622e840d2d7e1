package dev.shutdowncheck.analyzer;

import java.util.function.Consumer;

/** Where a front end prints: Maven's log, or the command line's standard streams. */
public interface Console {
  void info(String line);

  void warn(String line);

  void error(String line);

  /** A console that hands each line to the printer of its level. */
  static Console of(Consumer<String> info, Consumer<String> warn, Consumer<String> error) {
    return new Console() {
      @Override
      public void info(String line) {
        info.accept(line);
      }

      @Override
      public void warn(String line) {
        warn.accept(line);
      }

      @Override
      public void error(String line) {
        error.accept(line);
      }
    };
  }
}
