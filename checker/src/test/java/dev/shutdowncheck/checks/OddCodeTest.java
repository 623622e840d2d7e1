package dev.shutdowncheck.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered rule on code shapes that rules rarely foresee: no crash, and no finding. */
class OddCodeTest {

  static Stream<Class<? extends BugChecker>> rules() {
    List<Class<? extends BugChecker>> rules = new ArrayList<>();
    for (ServiceLoader.Provider<BugChecker> rule : ServiceLoader.load(BugChecker.class).stream().toList()) {
      rules.add(rule.type());
    }
    assertFalse(rules.isEmpty(), "no rules registered in META-INF/services");
    return rules.stream();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void oddButCorrectCode(Class<? extends BugChecker> rule) {
    CompilationTestHelper.newInstance(rule, getClass())
        .addSourceLines(
            "Odd.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            class Odd<T extends AutoCloseable> implements AutoCloseable {
              record Pair<A, B>(A first, B second) {
                Pair { Objects.requireNonNull(first); }
              }
              enum Mode {
                FAST { @Override int weight() { return 1; } },
                SLOW { @Override int weight() { return 2; } };
                abstract int weight();
              }
              sealed interface Shape permits Circle, Square {}
              record Circle(double r) implements Shape {}
              record Square(double side) implements Shape {}
              private final List<T> resources = new ArrayList<>();
              private final Supplier<ExecutorService> factory = ForkJoinPool::commonPool;
              private final Function<Integer, Integer> twice = x -> x * 2;
              private int[] numbers = {1, 2, 3};
              // Lambdas in initializers: javac gives their parameters a method owner with no type.
              static final Map<String, Runnable> COMMANDS = new HashMap<>();
              static {
                List.of("a", "b").forEach(name -> COMMANDS.put(name, () -> System.out.println(name)));
              }
              private final List<String> names = List.of(" x ").stream().map(n -> n.strip()).toList();
              static <R> R first(List<? extends R> items) { return items.get(0); }
              double area(Shape shape) {
                return shape instanceof Circle c ? Math.PI * c.r() * c.r() : ((Square) shape).side();
              }
              int weight(Mode mode) {
                return switch (mode) {
                  case FAST -> 1;
                  case SLOW -> { int w = mode.weight(); yield w; }
                };
              }
              Object anonymous() {
                return new Object() {
                  int counter;
                  @Override public String toString() { return "odd" + counter++; }
                };
              }
              void labels() {
                outer:
                for (int i = 0; i < 3; i++) {
                  for (int j = 0; j < 3; j++) {
                    if (j == i) continue outer;
                    if (j > 1) break outer;
                  }
                }
                var local = new Object() { void run() {} };
                local.run();
                Runnable r = this::toString;
                r.run();
                synchronized (this) { numbers[0]++; }
                Object o = numbers;
                if (o instanceof int[] array && array.length > 0) { array[0] = 0; }
              }
              @Override public void close() throws Exception {
                for (T resource : resources) resource.close();
                Thread.currentThread().interrupt();
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }
}
