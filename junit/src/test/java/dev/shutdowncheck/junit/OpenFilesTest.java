package dev.shutdowncheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a test opened and its shutdown left open, read from /proc/self/fd. */
class OpenFilesTest {

  @TempDir static Path directory;

  @BeforeAll
  static void onLinux() {
    assumeTrue(OpenFiles.snapshot().isPresent(), "/proc/self/fd is Linux's");
  }

  /** Opens its file and, unless asked to, never closes it. */
  static final class FileHolder implements AutoCloseable {
    private final InputStream in;
    private final boolean closes;

    FileHolder(String name, boolean closes) throws IOException {
      Path file = directory.resolve(name);
      Files.writeString(file, "data");
      this.in = new FileInputStream(file.toFile());
      this.closes = closes;
    }

    @Override
    public void close() throws IOException {
      if (closes) {
        in.close();
      }
    }
  }

  @VerifyShutdown(linger = "100ms")
  static class LeavesAFileOpen {
    @ShutdownUnderTest FileHolder holder;

    @Test
    void test() throws IOException {
      holder = new FileHolder("left-open.bin", false);
    }
  }

  @Test
  void aFileLeftOpenIsListedWithItsPath() {
    String message = TestKit.failureOf(LeavesAFileOpen.class);

    assertTrue(message.contains("  1. 1 file descriptor is open that was not before the test:\n       fd "), message);
    assertTrue(message.contains(" -> " + directory.resolve("left-open.bin")), message);
  }

  @VerifyShutdown(linger = "100ms")
  static class ClosesItsFile {
    @ShutdownUnderTest FileHolder holder;

    @Test
    void test() throws IOException {
      holder = new FileHolder("closed.bin", true);
    }
  }

  @Test
  void aComponentThatClosesItsFilePasses() {
    TestKit.assertPasses(ClosesItsFile.class);
  }

  @VerifyShutdown(linger = "100ms", fileDescriptorTolerance = 1)
  static class LeavesTwoFilesOpenWithOneTolerated {
    @ShutdownUnderTest FileHolder first;
    @ShutdownUnderTest FileHolder second;

    @Test
    void test() throws IOException {
      second = new FileHolder("b.bin", false);
      first = new FileHolder("a.bin", false);
    }
  }

  @Test
  void aToleranceLetsSomeThroughAndTheReportListsThemAllInOrder() {
    String message = TestKit.failureOf(LeavesTwoFilesOpenWithOneTolerated.class);

    assertTrue(message.contains("2 file descriptors are open that were not before the test (1 tolerated):"), message);
    assertTrue(message.indexOf("a.bin") < message.indexOf("b.bin"), message);
  }

  @VerifyShutdown(linger = "100ms", ignoreFiles = ".*/ignored-\\d\\.bin")
  static class IgnoresFilesByPattern {
    @ShutdownUnderTest FileHolder holder;

    @Test
    void test() throws IOException {
      holder = new FileHolder("ignored-1.bin", false);
    }
  }

  @Test
  void filesThatMatchAFilterAreNotReported() {
    TestKit.assertPasses(IgnoresFilesByPattern.class);
  }

  /** Listens on a port of its own; closes the socket only if asked to. */
  static final class Listener implements AutoCloseable {
    private final ServerSocket socket;
    private final boolean closes;

    Listener(boolean closes) throws IOException {
      this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      this.closes = closes;
    }

    @Override
    public void close() throws IOException {
      if (closes) {
        socket.close();
      }
    }
  }

  @VerifyShutdown(linger = "100ms")
  static class LeavesASocketOpen {
    @ShutdownUnderTest Listener listener;

    @Test
    void test() throws IOException {
      listener = new Listener(false);
    }
  }

  @Test
  void oneSocketLeftOpenIsReported() {
    String message = TestKit.failureOf(LeavesASocketOpen.class);

    assertTrue(message.contains("  1. 1 file descriptor is open that was not before the test:\n       fd "), message);
    assertTrue(message.contains(" -> socket:["), message);
  }

  /** Also where this is the first socket of the JVM, for which Java 22+ opens one of its own. */
  @VerifyShutdown(linger = "100ms")
  static class ClosesItsSocket {
    @ShutdownUnderTest Listener listener;

    @Test
    void test() throws IOException {
      listener = new Listener(true);
    }
  }

  @Test
  void aSocketOpenedAndClosedLeavesNothing() {
    TestKit.assertPasses(ClosesItsSocket.class);
  }

  @Test
  void whereTheDirectoryCannotBeReadThereIsNoSnapshot() {
    assertEquals(Optional.empty(), OpenFiles.snapshot(directory.resolve("no-such-directory")));
  }

  @Test
  void theJvmsOwnFilesAreNotCounted() {
    Settings settings = Settings.of(Optional.empty());
    String pid = String.valueOf(ProcessHandle.current().pid());

    List<String> added = OpenFiles.addedSince(
        java.util.Map.of(),
        java.util.Map.of(
            3, System.getProperty("java.home") + "/lib/modules",
            4, "/home/me/.m2/repository/some/library.jar",
            5, "/dev/urandom",
            6, "/proc/" + pid + "/fd",
            7, "/tmp/mine.log",
            8, "/sys/fs/cgroup/memory/memory.limit_in_bytes"),
        settings);

    assertEquals(List.of("fd 7 -> /tmp/mine.log"), added);
  }
}
