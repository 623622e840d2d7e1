package dev.shutdowncheck.analyzer;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Files whose findings are not reported, as users name them: path globs ({@code **}{@code
 * /generated/**}, {@code src/main/java/com/acme/legacy/**}) or classes and packages ({@code
 * com.acme.LegacyPool}, {@code com.acme.legacy.*}, {@code com.acme.legacy.**}). A glob matches a
 * finding's path relative to the repository root, or any tail of it that starts at a directory,
 * so that a pattern written relative to a module or a source root works too.
 */
public final class Excludes {

  public static final Excludes NONE = new Excludes(List.of());

  private static final Pattern CLASS_PATTERN = Pattern.compile("[\\p{javaJavaIdentifierStart}*][\\w$*]*(\\.[\\w$*]+)*");

  private final List<PathMatcher> matchers;

  private Excludes(List<PathMatcher> matchers) {
    this.matchers = matchers;
  }

  /** Parses the patterns; throws naming {@code source} (e.g. {@code <excludes>}) on a bad one. */
  public static Excludes parse(List<String> patterns, String source) {
    if (patterns == null || patterns.isEmpty()) {
      return NONE;
    }
    List<PathMatcher> matchers = new ArrayList<>();
    for (String given : patterns) {
      String pattern = given == null ? "" : given.strip().replace('\\', '/');
      if (pattern.isEmpty()) {
        throw new IllegalArgumentException(source + " has an empty entry; expected a path glob such as"
            + " **/generated/** or a class or package such as com.acme.legacy.*");
      }
      String glob = pattern.contains("/") || pattern.endsWith(".java") || !CLASS_PATTERN.matcher(pattern).matches()
          ? pattern
          : classGlob(pattern);
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " has a malformed entry '" + given + "': " + e.getMessage(), e);
      }
    }
    return new Excludes(List.copyOf(matchers));
  }

  /** {@code com.acme.Pool} is its file; {@code com.acme.*} the package's; {@code com.acme.**} also below. */
  private static String classGlob(String pattern) {
    String path = pattern.replace('.', '/');
    return path.endsWith("/**") ? path : path + ".java";
  }

  /** Whether the file at {@code repositoryPath} (with forward slashes) is excluded. */
  public boolean excludes(String repositoryPath) {
    if (matchers.isEmpty()) {
      return false;
    }
    String tail = repositoryPath;
    while (true) {
      Path path = Path.of(tail);
      for (PathMatcher matcher : matchers) {
        if (matcher.matches(path)) {
          return true;
        }
      }
      int slash = tail.indexOf('/');
      if (slash < 0) {
        return false;
      }
      tail = tail.substring(slash + 1);
    }
  }
}
