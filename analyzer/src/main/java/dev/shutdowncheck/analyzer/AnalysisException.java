package dev.shutdowncheck.analyzer;

/**
 * The analysis could not run: bad configuration, sources that do not compile, unreadable files.
 * The message is for the user as it is: it names the problem and the fix.
 */
public final class AnalysisException extends Exception {
  private static final long serialVersionUID = 1L;

  public AnalysisException(String message) {
    super(message);
  }

  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
  }
}
