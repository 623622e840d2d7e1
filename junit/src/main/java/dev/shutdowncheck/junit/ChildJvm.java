package dev.shutdowncheck.junit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;

/**
 * Kill -15, not kill -9: runs a main class in a child JVM with the test's class path, waits until
 * it is ready, sends it SIGTERM, and fails unless it exits within the budget with the exit code of
 * a normal exit, having run its shutdown hooks. What it printed after SIGTERM, its hooks' output,
 * comes back so that the test can check that work in flight was finished.
 *
 * <pre>{@code
 * ChildJvm.Exit exit = ChildJvm.forMain(Server.class)
 *     .environment("PORT", "8080")
 *     .readyWhenListeningOn(8080)
 *     .budget("10s")
 *     .sigtermWhenReady();
 * assertTrue(exit.outputAfterSigterm().contains("drained 3 requests"));
 * }</pre>
 *
 * A child still alive at the end of the budget is asked for its threads, killed with SIGKILL, and
 * the test fails with them. The child's main class needs nothing for that: {@code ChildJvm} starts
 * it through a small launcher of its own whose daemon thread writes the threads on request. Needs
 * a system where {@link Process#destroy()} sends SIGTERM (Linux, macOS).
 */
public final class ChildJvm {

  /** 0, and 143 = 128 + 15: the JVM ran its shutdown hooks on SIGTERM and exited. */
  private static final Set<Integer> NORMAL_EXIT_CODES = Set.of(0, 143);

  private static final Duration DUMP_WAIT = Duration.ofSeconds(5);
  private static final int OUTPUT_LINES_SHOWN = 60;

  private final Class<?> mainClass;
  private final List<String> arguments = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Readiness readiness;
  private Duration startupTimeout = Duration.ofSeconds(60);
  private Duration budget = Settings.defaultBudget();
  private Executable onceReady = () -> {};
  private Set<Integer> normalExitCodes = NORMAL_EXIT_CODES;

  private ChildJvm(Class<?> mainClass) {
    this.mainClass = mainClass;
  }

  /** A child JVM that runs {@code mainClass}'s {@code main}. */
  public static ChildJvm forMain(Class<?> mainClass) {
    return new ChildJvm(mainClass);
  }

  /** Arguments for {@code main}. */
  public ChildJvm arguments(String... arguments) {
    this.arguments.addAll(Arrays.asList(arguments));
    return this;
  }

  /** Options for the child's {@code java} command, such as {@code -Xmx64m}. */
  public ChildJvm jvmOptions(String... options) {
    this.jvmOptions.addAll(Arrays.asList(options));
    return this;
  }

  /** An environment variable for the child; it inherits the others from this JVM. */
  public ChildJvm environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Environment variables for the child; it inherits the others from this JVM. */
  public ChildJvm environment(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** Ready once a line of its output (standard output or error) contains {@code text}. */
  public ChildJvm readyWhenOutputContains(String text) {
    this.readiness = new Readiness("a line of its output containing \"" + text + "\"", text, -1);
    return this;
  }

  /** Ready once something accepts connections on {@code port} of this machine. */
  public ChildJvm readyWhenListeningOn(int port) {
    this.readiness = new Readiness("a connection to port " + port, null, port);
    return this;
  }

  /** How long it may take to become ready; 60 s unless set. */
  public ChildJvm startupTimeout(String duration) {
    this.startupTimeout = Durations.parse(duration, "ChildJvm.startupTimeout");
    return this;
  }

  /** How long it may take to exit after SIGTERM; {@code -Dshutdowncheck.budget}, else 30 s. */
  public ChildJvm budget(String duration) {
    this.budget = Durations.parse(duration, "ChildJvm.budget");
    return this;
  }

  /** Runs once the child is ready, before SIGTERM: to put work in flight, for example. */
  public ChildJvm onceReady(Executable action) {
    this.onceReady = action;
    return this;
  }

  /** The exit codes that count as a normal exit; 0 and 143 unless set. */
  public ChildJvm normalExitCodes(int... codes) {
    this.normalExitCodes = Arrays.stream(codes).boxed().collect(Collectors.toUnmodifiableSet());
    return this;
  }

  /** How the child ended after SIGTERM. */
  public record Exit(int code, Duration timeToExit, List<String> output, List<String> outputAfterSigterm) {}

  /**
   * Starts the child, waits until it is ready, runs {@link #onceReady}, sends SIGTERM, and
   * returns how it exited.
   *
   * @throws AssertionError if it was not ready in time, or did not exit within the budget, or
   *     exited with an abnormal code; the message has its output and, where it hung, its threads
   */
  public Exit sigtermWhenReady() throws Exception {
    if (readiness == null) {
      throw new IllegalStateException(
          "ChildJvm: say when " + mainClass.getSimpleName() + " is ready: readyWhenOutputContains or readyWhenListeningOn");
    }
    if (!ProcessHandle.current().supportsNormalTermination()) {
      throw new IllegalStateException("ChildJvm: this system cannot send SIGTERM (Process.destroy() kills)");
    }
    Path exchange = Files.createTempDirectory("shutdown-check-child");
    Output output = new Output(exchange.resolve("output.txt"));
    Process process = start(exchange, output);
    try {
      awaitReady(process, output, exchange);
      runOnceReady();
      return terminate(process, output, exchange);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      deleteAll(exchange);
    }
  }

  private Process start(Path exchange, Output output) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildLauncher.class.getName());
    command.add(exchange.toString());
    command.add(mainClass.getName());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.file.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close(); // its standard input is empty, as under a service manager
    return process;
  }

  private void awaitReady(Process process, Output output, Path exchange) throws InterruptedException {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    while (!readiness.isMet(output)) {
      if (!process.isAlive()) {
        throw new AssertionError(name() + " exited with code " + process.exitValue()
            + " before it was ready (waiting for " + readiness.description() + "); its output:" + show(output.lines()));
      }
      if (System.nanoTime() > deadline) {
        String threads = threadsOf(process, exchange);
        throw new AssertionError(name() + " was not ready within " + Durations.format(startupTimeout)
            + " (waiting for " + readiness.description() + "), so it was killed. Its threads then:\n"
            + threads + "Its output:" + show(output.lines()));
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private void runOnceReady() throws Exception {
    try {
      onceReady.execute();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new Exception(e);
    }
  }

  private Exit terminate(Process process, Output output, Path exchange) throws InterruptedException {
    long sigtermAt = output.size();
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(budget.toNanos(), TimeUnit.NANOSECONDS)) {
      String threads = threadsOf(process, exchange);
      throw new AssertionError(name() + " did not exit within the budget of " + Durations.format(budget)
          + " after SIGTERM, so it was killed (SIGKILL). Its threads at the deadline:\n" + threads
          + "Its output after SIGTERM:" + show(output.linesFrom(sigtermAt)));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    int code = process.exitValue();
    if (!normalExitCodes.contains(code)) {
      throw new AssertionError(name() + " exited with code " + code + " after SIGTERM, not with "
          + new TreeSet<>(normalExitCodes).stream().map(String::valueOf).collect(Collectors.joining(" or "))
          + " (143 is 128 + 15: the JVM ran its shutdown hooks on SIGTERM). Its output after SIGTERM:"
          + show(output.linesFrom(sigtermAt)));
    }
    return new Exit(code, took, output.lines(), output.linesFrom(sigtermAt));
  }

  /** Asks the child for its threads, then kills it. */
  private static String threadsOf(Process process, Path exchange) throws InterruptedException {
    Path dump = exchange.resolve(ThreadDumpOnRequest.DUMP);
    try {
      Files.createFile(exchange.resolve(ThreadDumpOnRequest.REQUEST));
      long deadline = System.nanoTime() + DUMP_WAIT.toNanos();
      while (!Files.exists(dump) && process.isAlive() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      return Files.exists(dump)
          ? Files.readString(dump, StandardCharsets.UTF_8)
          : "(it wrote none within " + Durations.format(DUMP_WAIT) + ": its JVM ran no more Java code)\n";
    } catch (IOException e) {
      return "(none: " + e + ")\n";
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String name() {
    return mainClass.getSimpleName() + " (in a child JVM)";
  }

  private static String show(List<String> lines) {
    if (lines.isEmpty()) {
      return " (none)";
    }
    List<String> shown = lines.size() > OUTPUT_LINES_SHOWN
        ? lines.subList(lines.size() - OUTPUT_LINES_SHOWN, lines.size())
        : lines;
    String skipped = shown.size() < lines.size() ? "\n  (" + (lines.size() - shown.size()) + " lines before)" : "";
    return skipped + "\n  " + String.join("\n  ", shown);
  }

  private static void deleteAll(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      for (Path file : files.collect(Collectors.toList())) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(directory);
  }

  /** When the child counts as ready: a line of output, or a port that accepts connections. */
  private record Readiness(String description, String text, int port) {

    boolean isMet(Output output) {
      return text != null ? output.contains(text) : accepts(port);
    }

    private static boolean accepts(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  /**
   * The child's standard output and error, which it writes to a file: no pipe to drain, and
   * nothing lost when it exits while the output is being read.
   */
  private static final class Output {
    private final Path file;

    Output(Path file) {
      this.file = file;
    }

    boolean contains(String text) {
      return text(0).contains(text);
    }

    long size() {
      try {
        return Files.size(file);
      } catch (IOException e) {
        return 0;
      }
    }

    List<String> lines() {
      return linesFrom(0);
    }

    List<String> linesFrom(long offset) {
      return text(offset).lines().collect(Collectors.toList());
    }

    private String text(long offset) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        int from = (int) Math.min(offset, bytes.length);
        return new String(bytes, from, bytes.length - from, Charset.defaultCharset());
      } catch (IOException e) {
        return "";
      }
    }
  }
}
