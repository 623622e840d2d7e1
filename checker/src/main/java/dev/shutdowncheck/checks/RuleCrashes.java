package dev.shutdowncheck.checks;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Log;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What a rule does when it throws on code it did not foresee: in a user's build, it warns once per
 * file and goes on, since an analyser must never break the build; under test it rethrows, since a
 * crash there is a bug to fix, not a finding to skip.
 */
final class RuleCrashes {

  /**
   * Set (to {@code true}) by the project's own test runs: a crash then fails the test instead of
   * turning into a warning.
   */
  static final boolean STRICT = Boolean.getBoolean("shutdowncheck.strict");

  private final String rule;
  private final boolean strict;
  /** The files (by their compilation unit) already warned about, so that each is warned once. */
  private final Set<Object> warned = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  RuleCrashes(String rule, boolean strict) {
    this.rule = rule;
    this.strict = strict;
  }

  void handle(Throwable crash, VisitorState state) {
    if (strict) {
      if (crash instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) crash;
    }
    var unit = state.getPath() == null ? null : state.getPath().getCompilationUnit();
    if (unit != null && !warned.add(unit)) {
      return;
    }
    String file = unit == null ? "an unknown file" : unit.getSourceFile().getName();
    Log.instance(state.context)
        .printRawLines(
            Log.WriterKind.WARNING,
            "warning: [shutdown-check] " + rule + " skipped part of " + file + " after an internal"
                + " error (" + crash + "); no finding is reported there. Please report this at"
                + " https://github.com/shutdown-check/shutdown-check/issues");
  }
}
