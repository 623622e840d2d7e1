package dev.shutdowncheck.findings;

import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;

/**
 * Reports bad shutdown-check configuration (a malformed or misspelled {@code -XepOpt:} flag) as one
 * plain compiler error, {@code error: shutdown-check is misconfigured: ...}: not as a finding of
 * whichever rule ran first, on whichever file came first, which would send the reader looking at
 * the wrong place. It fails the compilation, also under {@code -XepAllErrorsAsWarnings}, and reaches
 * every tool that listens to javac's diagnostics (maven-compiler-plugin, Gradle, Bazel).
 */
public final class ConfigurationError {

  /** What the error says first; front ends look for it in javac's output. */
  public static final String PREFIX = "shutdown-check is misconfigured: ";

  private ConfigurationError() {}

  public static void report(Context context, String message) {
    // "compiler.err.proc.messager" is javac's own error that says just its argument.
    JCDiagnostic error = JCDiagnostic.Factory.instance(context)
        .create(JCDiagnostic.DiagnosticType.ERROR, null, null, "proc.messager", PREFIX + message);
    Log.instance(context).report(error);
  }
}
