package dev.shutdowncheck.checks;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.tools.javac.code.Type;
import dev.shutdowncheck.analysis.ClassLifecycle;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.analysis.UnreleasedField;
import dev.shutdowncheck.model.LifecycleKind;

/**
 * The two rules about owned resource fields that no shutdown path releases. Each scans a
 * top-level class once (nested classes included) and reports at the declarations of the fields
 * it is about.
 */
abstract class ResourceFieldRule extends ShutdownRule implements ClassTreeMatcher {

  ResourceFieldRule(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis);
  }

  /** Whether this rule reports {@code field}: with a shutdown path or without one. */
  abstract boolean reports(UnreleasedField field);

  abstract String message(UnreleasedField field);

  @Override
  public final Description matchClass(ClassTree tree, VisitorState state) {
    return guarded(state, () -> reportFields(state));
  }

  private Description reportFields(VisitorState state) {
    if (!isTopLevelClass(state)) {
      return NO_MATCH; // nested classes are part of their top-level class's scan
    }
    ClassLifecycle lifecycle = lifecycle(state);
    for (UnreleasedField field : lifecycle.unreleasedFields()) {
      if (field.kind() == LifecycleKind.RESOURCE
          && reports(field)
          && !isSuppressedWithin(field.field(), state)) {
        state.reportMatch(finding(field.declaration(), message(field), state));
      }
    }
    reportAlso(lifecycle, state);
    return NO_MATCH;
  }

  /** What else the rule reports of the class. */
  void reportAlso(ClassLifecycle lifecycle, VisitorState state) {}

  /** The field and the type it is given; for a collection field, its elements, with no article. */
  static String describe(UnreleasedField field) {
    if (field.keptInCollection()) {
      return simpleName(field.createdType()) + " objects kept in `" + field.field().getSimpleName() + "`";
    }
    return "`" + field.field().getSimpleName() + "` (" + simpleName(field.createdType()) + ")";
  }

  private static String simpleName(Type type) {
    return type == null ? "resource" : type.tsym.getSimpleName().toString();
  }
}
