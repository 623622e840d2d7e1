package dev.shutdowncheck.analysis;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClassNodesTest {

  /** Reports, at each top-level class, the kinds of the nodes it lists, in their order. */
  @BugPattern(summary = "listed nodes", severity = BugPattern.SeverityLevel.WARNING)
  public static final class NodeProbe extends BugChecker implements ClassTreeMatcher {
    private final LifecycleAnalysis analysis;

    public NodeProbe(ErrorProneFlags flags) {
      this.analysis = new LifecycleAnalysis(flags);
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      if (!(state.getPath().getParentPath().getLeaf() instanceof CompilationUnitTree)) {
        return NO_MATCH;
      }
      String kinds =
          analysis.of(state).nodes().all().stream()
              .map(node -> node.getLeaf().getKind().toString())
              .collect(Collectors.joining(" "));
      return buildDescription(tree).setMessage("[" + kinds + "]").build();
    }
  }

  private final CompilationTestHelper helper = CompilationTestHelper.newInstance(NodeProbe.class, getClass());

  @Test
  void listsTheNodesValuesPassThroughInScanOrder() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.io.StringReader;
            import java.util.List;
            import java.util.concurrent.Callable;
            // The default constructors that javac adds call super(): the first and the next-to-last.
            // No node for count, name or a try without resources; the lambda's and Inner's are listed.
            // BUG: Diagnostic contains: [METHOD_INVOCATION VARIABLE NEW_CLASS ENHANCED_FOR_LOOP ASSIGNMENT METHOD_INVOCATION TRY VARIABLE NEW_CLASS METHOD_INVOCATION VARIABLE METHOD_INVOCATION RETURN METHOD_INVOCATION METHOD_INVOCATION MEMBER_REFERENCE METHOD_INVOCATION VARIABLE]
            class Worker {
              private final Object lock = new Object();
              private int count;

              Object run(List<String> names) throws Exception {
                for (String name : names) {
                  count = name.length();
                }
                try (StringReader reader = new StringReader("")) {
                  reader.read();
                }
                try {
                  count++;
                } finally {
                  count--;
                }
                Callable<Object> task = () -> lock.hashCode();
                return names.stream().map(String::trim);
              }

              static class Inner {
                Object value = null;
              }
            }
            """)
        .doTest();
  }
}
