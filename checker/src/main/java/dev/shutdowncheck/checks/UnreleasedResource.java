package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.UnreleasedField;
import dev.shutdowncheck.model.LifecycleKind;
import javax.inject.Inject;

/**
 * A class creates a resource (a pool, a client, a channel, a file) and keeps it in a field, but has
 * no shutdown path at all: nothing ever releases it, so every stop or redeploy leaks it.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "An owned resource field that the class never releases (it has no shutdown path), or replaces"
            + " without releasing the old one",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/UnreleasedResource.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class UnreleasedResource extends ResourceFieldRule {

  public UnreleasedResource() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public UnreleasedResource(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  boolean reports(UnreleasedField field) {
    return !field.hasShutdownPath() && !field.onlyInheritsShutdown();
  }

  /** Resources the class replaces without closing the one it made on construction. */
  @Override
  void reportAlso(ClassLifecycle lifecycle, VisitorState state) {
    reportReplacements(
        lifecycle,
        LifecycleKind.RESOURCE,
        field ->
            "This replaces the resource in '" + field + "' without releasing the old one, which"
                + " stays open with no reference left to close it; close the old one first",
        state);
  }

  @Override
  String message(UnreleasedField field) {
    if (field.keptInCollection()) {
      String where =
          field.isStatic()
              ? "no static shutdown path (a static close() or a shutdown hook) releases them"
              : "the class has no shutdown path (close(), @PreDestroy, a shutdown hook) that releases them";
      return "The " + describe(field) + " are created and owned here, but " + where + ", so they leak on every"
          + " stop; close each of them in close() (implement AutoCloseable), in a @PreDestroy method or"
          + " in a shutdown hook";
    }
    if (field.releasedOnlyByFinalizer()) {
      return describe(field)
          + " is created and owned here, and released only in finalize(), which the garbage"
          + " collector runs late or never (finalization is deprecated for removal), and not at all"
          + " for what is still in use when the JVM shuts down: it stays open until then; implement"
          + " AutoCloseable and close it in close(), or release it in a @PreDestroy method";
    }
    String where =
        field.isStatic()
            ? "no static shutdown path (a static close() or a shutdown hook) releases it"
            : "the class has no shutdown path (close(), @PreDestroy, a shutdown hook) that releases it";
    return describe(field)
        + " is created and owned here, but "
        + where
        + ", so it leaks on every stop; implement AutoCloseable and close it in close(), release it"
        + " in a @PreDestroy (or DisposableBean.destroy()) method, register a shutdown hook, or"
        + " hand it to a Closer or registry that is closed";
  }
}
