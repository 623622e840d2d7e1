package dev.shutdowncheck.junit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The process's open file descriptors, as Linux lists them in {@code /proc/self/fd}: each number
 * with what it refers to (a path, {@code socket:[...]}, {@code pipe:[...]}, {@code
 * anon_inode:[eventpoll]}, ...).
 */
final class OpenFiles {

  static final Path DIRECTORY = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /** The open descriptors by number, or nothing where the system does not list them. */
  static Optional<Map<Integer, String>> snapshot() {
    return snapshot(DIRECTORY);
  }

  static Optional<Map<Integer, String>> snapshot(Path directory) {
    Map<Integer, String> open = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        try {
          open.put(Integer.valueOf(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
        } catch (IOException | NumberFormatException e) {
          // closed while we listed it
        }
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
    return Optional.of(open);
  }

  /**
   * The descriptors open now that were not {@code before} (or now refer to something else),
   * leaving out the JVM's own and those the settings ignore, as {@code "fd 57 -> /tmp/a.log"}
   * sorted by what they refer to.
   */
  static List<String> addedSince(Map<Integer, String> before, Map<Integer, String> now, Settings settings) {
    return now.entrySet().stream()
        .filter(fd -> !fd.getValue().equals(before.get(fd.getKey())))
        .filter(fd -> !isTheJvmsOwn(fd.getValue()) && !settings.ignoresFile(fd.getValue()))
        .sorted(Map.Entry.<Integer, String>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(fd -> "fd " + fd.getKey() + " -> " + fd.getValue())
        .collect(Collectors.toList());
  }

  /**
   * What the JVM opens by itself and keeps open: its own runtime files, the jars class loading
   * opens as it first needs them, the random devices behind SecureRandom, JFR's repository, the
   * listing of this very directory, and the cgroup files its container support reads whenever it
   * is asked for the memory or processors it may use (seen open at the very moment of a check).
   */
  private static boolean isTheJvmsOwn(String target) {
    String jfrRepository = System.getProperty("jdk.jfr.repository", "");
    return target.startsWith(System.getProperty("java.home") + "/")
        || target.endsWith(".jar")
        || target.equals("/dev/random")
        || target.equals("/dev/urandom")
        || (!jfrRepository.isEmpty() && target.startsWith(jfrRepository))
        || target.equals("/proc/" + ProcessHandle.current().pid() + "/fd")
        || target.startsWith("/sys/fs/cgroup/");
  }
}
