package dev.shutdowncheck.checks;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.Tree;
import dev.shutdowncheck.findings.Finding;
import dev.shutdowncheck.findings.FindingsRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * A suggested fix as plain text edits, so that it can be both handed to Error Prone and recorded
 * for SARIF without touching Error Prone's fix internals, which differ between its versions.
 */
final class SuggestedEdits {

  static final SuggestedEdits NONE = new SuggestedEdits(ImmutableList.of());

  private record TextEdit(int start, int end, String text) {}

  private final ImmutableList<TextEdit> edits;

  private SuggestedEdits(ImmutableList<TextEdit> edits) {
    this.edits = edits;
  }

  /** The white space that starts the line {@code tree} starts on, to indent inserted lines alike. */
  static String indentationOf(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = ASTHelpers.getStartPosition(tree);
    if (source == null || start < 0) {
      return "";
    }
    int lineStart = start;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int end = lineStart;
    while (end < start && Character.isWhitespace(source.charAt(end))) {
      end++;
    }
    return source.subSequence(lineStart, end).toString();
  }

  static Builder builder() {
    return new Builder();
  }

  boolean isEmpty() {
    return edits.isEmpty();
  }

  SuggestedFix toFix() {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    for (TextEdit edit : edits) {
      fix.replace(edit.start(), edit.end(), edit.text());
    }
    return fix.build();
  }

  List<Finding.Edit> toFindingEdits(CompilationUnitTree unit) {
    List<Finding.Edit> result = new ArrayList<>();
    for (TextEdit edit : edits) {
      result.add(new Finding.Edit(FindingsRecorder.span(unit, edit.start(), edit.end()), edit.text()));
    }
    return result;
  }

  static final class Builder {
    private final ImmutableList.Builder<TextEdit> edits = ImmutableList.builder();

    Builder replace(Tree tree, String text, VisitorState state) {
      edits.add(new TextEdit(ASTHelpers.getStartPosition(tree), state.getEndPosition(tree), text));
      return this;
    }

    Builder insertBefore(Tree tree, String text) {
      int start = ASTHelpers.getStartPosition(tree);
      edits.add(new TextEdit(start, start, text));
      return this;
    }

    /** Inserts {@code text} at a position of the source, such as just before a closing brace. */
    Builder insertAt(int position, String text) {
      edits.add(new TextEdit(position, position, text));
      return this;
    }

    Builder insertAfter(Tree tree, String text, VisitorState state) {
      int end = state.getEndPosition(tree);
      edits.add(new TextEdit(end, end, text));
      return this;
    }

    /** Adds {@code import qualifiedName;} unless the file already imports it or its package. */
    Builder addImport(String qualifiedName, VisitorState state) {
      CompilationUnitTree unit = state.getPath().getCompilationUnit();
      String packageName = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
      Tree last = unit.getPackage();
      for (ImportTree existing : unit.getImports()) {
        String imported = existing.getQualifiedIdentifier().toString();
        if (!existing.isStatic()
            && (imported.equals(qualifiedName) || imported.equals(packageName + ".*"))) {
          return this;
        }
        last = existing;
      }
      if (packageName.equals("java.lang")) {
        return this;
      }
      if (last == null) {
        edits.add(new TextEdit(0, 0, "import " + qualifiedName + ";\n"));
      } else {
        int end = state.getEndPosition(last);
        edits.add(new TextEdit(end, end, "\nimport " + qualifiedName + ";"));
      }
      return this;
    }

    SuggestedEdits build() {
      return new SuggestedEdits(edits.build());
    }
  }
}
