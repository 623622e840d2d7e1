package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.UnreleasedField;
import javax.inject.Inject;

/**
 * A class has a shutdown path (close(), @PreDestroy, a shutdown hook, ...) but that path forgets one
 * of the resources the class created: typically the database pool is closed and the cache client
 * next to it is not.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "The shutdown path releases some owned resources but misses this one",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/IncompleteShutdown.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class IncompleteShutdown extends ResourceFieldRule {

  public IncompleteShutdown() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public IncompleteShutdown(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  @Override
  boolean reports(UnreleasedField field) {
    return field.hasShutdownPath() || field.onlyInheritsShutdown();
  }

  @Override
  String message(UnreleasedField field) {
    if (field.keptInCollection()) {
      return elementsMessage(field);
    }
    if (field.onlyInheritsShutdown()) {
      return describe(field) + " is created and owned here, but this class inherits its shutdown, "
          + field.inheritedShutdownName() + ", which was written without this field and cannot"
          + " release it; override it to release " + field.field().getSimpleName()
          + " and call the inherited one too";
    }
    String methods = field.shutdownMethods();
    String verb = methods.contains(" and ") ? "release" : "releases";
    if (field.releasedOnShutdown().isEmpty()) {
      return methods + " " + verb + " none of the class's resources: " + describe(field)
          + ", which the class creates and owns, is never released; release it there";
    }
    return methods + " " + verb + " " + String.join(", ", field.releasedOnShutdown())
        + " but not " + describe(field) + ", which the class creates and owns; release it there too";
  }

  /** The message for resources kept in a collection field, none of which is released. */
  private static String elementsMessage(UnreleasedField field) {
    if (field.onlyInheritsShutdown()) {
      return "The " + describe(field) + " are created and owned here, but this class inherits its shutdown, "
          + field.inheritedShutdownName() + ", which was written without this field and cannot"
          + " release them; override it to close each of them and call the inherited one too";
    }
    String methods = field.shutdownMethods();
    String verb = methods.contains(" and ") ? "release" : "releases";
    String released =
        field.releasedOnShutdown().isEmpty()
            ? "none"
            : String.join(", ", field.releasedOnShutdown()) + " but none";
    return methods + " " + verb + " " + released + " of the " + describe(field)
        + ", which the class creates and owns: nothing closes them; close each of them there";
  }
}
