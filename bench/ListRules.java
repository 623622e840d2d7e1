import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * Prints the name of every Error Prone check that a checker jar registers, one per line, sorted:
 * the classes in its META-INF/services BugChecker file, named as their @BugPattern says (the
 * simple class name when the annotation gives none). Run with the checker jar and Error Prone on
 * the class path: {@code java -cp CHECKER:EP ListRules.java CHECKER_JAR}.
 */
public class ListRules {
  private static final String SERVICE =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  public static void main(String[] args) throws Exception {
    List<String> classes = new ArrayList<>();
    try (JarFile jar = new JarFile(args[0])) {
      var entry = jar.getEntry(SERVICE);
      if (entry == null) {
        throw new IllegalStateException(args[0] + " registers no checks (" + SERVICE + ")");
      }
      try (var in = new BufferedReader(
          new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          line = line.replaceAll("#.*", "").strip();
          if (!line.isEmpty()) {
            classes.add(line);
          }
        }
      }
    }
    TreeSet<String> names = new TreeSet<>();
    ClassLoader loader = ListRules.class.getClassLoader();
    for (String name : classes) {
      Class<?> check = Class.forName(name, false, loader);
      var pattern = check.getAnnotation(com.google.errorprone.BugPattern.class);
      names.add(pattern == null || pattern.name().isEmpty() ? check.getSimpleName() : pattern.name());
    }
    names.forEach(System.out::println);
  }
}
