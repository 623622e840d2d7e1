package dev.shutdowncheck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Library jars for tests: code that the compilation under test sees only as class files. */
public final class TestJars {

  private TestJars() {}

  /**
   * Compiles {@code sources} (path to text) with javac into a jar in {@code temp}, leaving out the
   * class files named in {@code omitted}.
   */
  public static Path compile(Path temp, Map<String, String> sources, String... omitted)
      throws IOException {
    Path sourceDir = Files.createTempDirectory(temp, "src");
    Path classes = Files.createTempDirectory(temp, "classes");
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, UTF_8)) {
      boolean compiled =
          javac
              .getTask(
                  null,
                  fileManager,
                  null,
                  List.of("-d", classes.toString()),
                  null,
                  fileManager.getJavaFileObjectsFromPaths(files))
              .call();
      assertTrue(compiled, "the jar's sources compile");
    }
    Path jar = Files.createTempFile(temp, "lib", ".jar");
    List<String> left = List.of(omitted);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        var walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String entry = classes.relativize(file).toString().replace('\\', '/');
        if (!left.contains(entry)) {
          out.putNextEntry(new ZipEntry(entry));
          out.write(Files.readAllBytes(file));
          out.closeEntry();
        }
      }
    }
    return jar;
  }
}
