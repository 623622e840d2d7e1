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
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one use classifier and ownership policy, seen through what the analysis says of each field. */
class LifecycleUsesTest {

  /** Reports each field the class owns: its kind, and whether anything releases or takes it. */
  @BugPattern(summary = "ownership probe", severity = BugPattern.SeverityLevel.WARNING)
  public static final class OwnershipProbe extends BugChecker implements ClassTreeMatcher {
    private final LifecycleAnalysis analysis;

    public OwnershipProbe(ErrorProneFlags flags) {
      this.analysis = new LifecycleAnalysis(flags);
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      if (!(state.getPath().getParentPath().getLeaf() instanceof CompilationUnitTree)) {
        return NO_MATCH;
      }
      ClassLifecycle lifecycle = analysis.of(state);
      Set<Object> unreleased = new HashSet<>();
      lifecycle.unreleasedFields().forEach(f -> unreleased.add(f.field()));
      for (ClassLifecycle.OwnedField field : lifecycle.ownedFields()) {
        String verdict = unreleased.contains(field.field()) ? "unreleased" : "released or handed off";
        state.reportMatch(
            buildDescription(field.declaration())
                .setMessage("owned " + field.kind().noun() + ", " + verdict)
                .build());
      }
      return NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(OwnershipProbe.class, getClass());

  @Test
  void whatTheClassOwns() {
    helper
        .addSourceLines(
            "Owner.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Owner {
              // BUG: Diagnostic contains: owned executor, unreleased
              private final ExecutorService initializer = Executors.newFixedThreadPool(2);
              // BUG: Diagnostic contains: owned executor, unreleased
              private final ExecutorService viaConstructor;
              // BUG: Diagnostic contains: owned executor, unreleased
              private final ExecutorService sometimes;
              // BUG: Diagnostic contains: owned resource, unreleased
              private FileInputStream viaMethod;
              // BUG: Diagnostic contains: owned thread, unreleased
              private final Thread worker = new Thread(() -> {});
              // Injected: not owned, not reported.
              private final ExecutorService injected;
              Owner(ExecutorService given, ExecutorService injected) {
                viaConstructor = Executors.newCachedThreadPool();
                sometimes = given != null ? given : Executors.newSingleThreadExecutor();
                this.injected = injected;
              }
              void open(String file) throws IOException { viaMethod = new FileInputStream(file); }
            }
            """)
        .doTest();
  }

  @Test
  void releasedHandedOffOrLent() {
    helper
        .addSourceLines(
            "Uses.java",
            """
            import java.io.Closeable;
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.function.Supplier;
            class Uses {
              interface Registry { void register(Closeable c); }
              // BUG: Diagnostic contains: released or handed off
              private final ExecutorService direct = Executors.newFixedThreadPool(1);
              // BUG: Diagnostic contains: released or handed off
              private final ExecutorService aliased = Executors.newFixedThreadPool(1);
              // BUG: Diagnostic contains: released or handed off
              private final FileInputStream viaHelper;
              // BUG: Diagnostic contains: released or handed off
              private final FileInputStream registered;
              // BUG: Diagnostic contains: released or handed off
              private final ExecutorService inList = Executors.newFixedThreadPool(1);
              // BUG: Diagnostic contains: released or handed off
              private final ExecutorService decorated = Executors.newFixedThreadPool(1);
              private final ExecutorService service = java.util.concurrent.Executors.unconfigurableExecutorService(decorated);
              // A getter lends: still unreleased.
              // BUG: Diagnostic contains: owned executor, unreleased
              private final ExecutorService lent = Executors.newFixedThreadPool(1);
              // A supplier lends too.
              // BUG: Diagnostic contains: owned resource, unreleased
              private final FileInputStream supplied;
              Uses(Registry registry) throws IOException {
                viaHelper = new FileInputStream("a");
                registered = new FileInputStream("b");
                supplied = new FileInputStream("c");
                registry.register(registered);
              }
              ExecutorService lent() { return lent; }
              Supplier<FileInputStream> supplier() { return () -> supplied; }
              void stop() throws IOException {
                direct.shutdown();
                ExecutorService local = aliased;
                local.shutdownNow();
                closeQuietly(viaHelper);
                for (ExecutorService e : List.of(inList)) {
                  e.shutdown();
                }
                service.shutdown();
              }
              private static void closeQuietly(Closeable c) {
                try { c.close(); } catch (IOException ignored) {}
              }
            }
            """)
        .doTest();
  }
}
