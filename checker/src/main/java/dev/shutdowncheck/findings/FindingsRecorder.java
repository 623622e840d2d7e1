package dev.shutdowncheck.findings;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.util.Options;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.tools.JavaFileManager;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Writes every finding of a compilation to a file, so that the Maven plugin can report the
 * findings of a compilation it did not run. Enabled by {@code
 * -XepOpt:ShutdownCheck:FindingsDir=DIR}; each javac run writes {@code DIR/NAME.jsonl}, where NAME
 * is the last segment of its {@code -d} directory ({@code classes}, {@code test-classes}), so that
 * a module's main and test compilations do not overwrite each other. The file is started afresh
 * by each compilation, even one with no findings.
 */
public final class FindingsRecorder {

  public static final String FINDINGS_DIR_FLAG = "ShutdownCheck:FindingsDir";

  private static final FindingsRecorder DISABLED = new FindingsRecorder(null);

  /** The compilations (javac contexts) whose file has been started, so it is started once. */
  private static final Map<Object, Path> STARTED = Collections.synchronizedMap(new WeakHashMap<>());

  private final Path directory;

  private FindingsRecorder(Path directory) {
    this.directory = directory;
  }

  public static FindingsRecorder from(ErrorProneFlags flags) {
    return flags.get(FINDINGS_DIR_FLAG).map(String::strip).filter(s -> !s.isEmpty())
        .map(dir -> new FindingsRecorder(Paths.get(dir)))
        .orElse(DISABLED);
  }

  public boolean isEnabled() {
    return directory != null;
  }

  /** Starts this compilation's file, once, so that a compilation with no findings leaves none. */
  public void begin(VisitorState state) {
    if (isEnabled()) {
      fileFor(state);
    }
  }

  public void record(Finding finding, VisitorState state) {
    if (!isEnabled()) {
      return;
    }
    Path file = fileFor(state);
    synchronized (STARTED) {
      try (Writer out =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
        out.write(FindingJson.toJson(finding));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("shutdown-check cannot write its findings to " + file, e);
      }
    }
  }

  private Path fileFor(VisitorState state) {
    synchronized (STARTED) {
      Path file = STARTED.get(state.context);
      if (file == null) {
        file = directory.resolve(compilationName(state) + ".jsonl");
        try {
          Files.createDirectories(directory);
          Files.write(file, new byte[0]);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "shutdown-check cannot write its findings to " + file
                  + "; check -XepOpt:" + FINDINGS_DIR_FLAG,
              e);
        }
        STARTED.put(state.context, file);
      }
      return file;
    }
  }

  private static String compilationName(VisitorState state) {
    Path output = outputDirectory(state);
    Path name = output == null ? null : output.getFileName();
    return name == null ? "default" : name.toString();
  }

  /**
   * The class output directory: {@code -d} on the command line, or the file manager's {@code
   * CLASS_OUTPUT} where a tool (maven-compiler-plugin in-process) sets it through the API.
   */
  private static Path outputDirectory(VisitorState state) {
    String option = Options.instance(state.context).get("-d");
    if (option != null && !option.isBlank()) {
      return Paths.get(option);
    }
    JavaFileManager files = state.context.get(JavaFileManager.class);
    if (files instanceof StandardJavaFileManager standard) {
      try {
        Iterable<? extends File> locations = standard.getLocation(StandardLocation.CLASS_OUTPUT);
        if (locations != null) {
          for (File location : locations) {
            return location.toPath();
          }
        }
      } catch (RuntimeException e) {
        // An in-memory file system (tests) has no File form: no name to take from it.
        return null;
      }
    }
    return null;
  }

  /** The location of {@code [start, end)} in {@code unit}, columns in UTF-16 code units. */
  public static Finding.Span span(CompilationUnitTree unit, int start, int end) {
    var lines = unit.getLineMap();
    long startLine = lines.getLineNumber(start);
    long endLine = lines.getLineNumber(end);
    return new Finding.Span(
        start,
        end,
        (int) startLine,
        (int) (start - lines.getStartPosition(startLine)) + 1,
        (int) endLine,
        (int) (end - lines.getStartPosition(endLine)) + 1);
  }
}
