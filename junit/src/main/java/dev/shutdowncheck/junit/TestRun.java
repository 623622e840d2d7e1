package dev.shutdowncheck.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One test's watch, kept in the test's {@code ExtensionContext.Store} from before the test to
 * after it: what was alive and open before, and what the test registered. {@link #finish} stops
 * what the test registered and reports what is left.
 */
final class TestRun {

  private final Settings settings;
  private final ThreadStarts starts;
  private final Set<Thread> threadsBefore;
  private final Optional<Map<Integer, String>> filesBefore;
  private final List<Registration> registered = new CopyOnWriteArrayList<>();

  private TestRun(Settings settings, ThreadStarts starts) {
    this.settings = settings;
    this.starts = starts;
    this.threadsBefore = LiveThreads.all();
    this.filesBefore = OpenFiles.snapshot();
  }

  static TestRun start(Settings settings, ThreadStarts starts) {
    return new TestRun(settings, starts);
  }

  Settings settings() {
    return settings;
  }

  void register(Registration registration) {
    registered.add(registration);
  }

  /** Whether open files could not be read here, so that they were not checked. */
  boolean filesUnchecked() {
    return filesBefore.isEmpty();
  }

  /**
   * Stops what the test registered, newest first, then waits up to the linger time for executors
   * and new threads to end, and reports what is left. Ends, afterwards, what is left running, so
   * that one leak does not fail the tests after it.
   */
  Report finish(List<Object> testInstances) throws InterruptedException {
    Report report = new Report();
    if (Thread.interrupted()) {
      report.add(Report.Kind.INTERRUPT,
          "the test thread's interrupt status was left set: an interrupt nobody acted on"
              + " (shutdown-check cleared it)");
    }
    List<Registration> all = new ArrayList<>(FieldRegistrations.of(testInstances));
    all.addAll(registered);
    for (int i = all.size() - 1; i >= 0; i--) {
      Stopper.stop(all.get(i), settings.budget(), report);
    }

    long lingerEnd = System.nanoTime() + settings.linger().toNanos();
    Map<String, ExecutorService> executors = ExecutorFields.of(all);
    for (ExecutorService executor : executors.values()) {
      executor.awaitTermination(lingerEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    for (Thread thread : LiveThreads.startedSince(threadsBefore, settings)) {
      TimeUnit.NANOSECONDS.timedJoin(thread, lingerEnd - System.nanoTime());
    }

    List<ExecutorService> running = reportExecutors(executors, report);
    List<Thread> leaked = reportThreads(report);
    reportFiles(report);

    leaked.forEach(Thread::interrupt);
    running.forEach(ExecutorService::shutdownNow);
    starts.forgetAllBut(LiveThreads.all());
    return report;
  }

  private List<ExecutorService> reportExecutors(Map<String, ExecutorService> executors, Report report) {
    List<ExecutorService> running = new ArrayList<>();
    executors.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      ExecutorService executor = entry.getValue();
      if (executor.isTerminated()) {
        return;
      }
      running.add(executor);
      String why = executor.isShutdown()
          ? "it was shut down, but " + tasksLeft(executor) + " still running "
              + Durations.format(settings.linger()) + " later"
          : "nothing shut it down";
      report.add(Report.Kind.EXECUTOR,
          "executor " + entry.getKey() + " (" + executor.getClass().getSimpleName()
              + ") is not terminated after the shutdown: " + why);
    });
    return running;
  }

  private static String tasksLeft(ExecutorService executor) {
    if (executor instanceof ThreadPoolExecutor) {
      int active = ((ThreadPoolExecutor) executor).getActiveCount();
      return active == 1 ? "1 task is" : active + " tasks are";
    }
    return "tasks are";
  }

  /** A fresh look after the linger time: only threads alive now are reported. */
  private List<Thread> reportThreads(Report report) throws InterruptedException {
    List<Thread> leaked = LiveThreads.startedSince(threadsBefore, settings);
    if (leaked.isEmpty()) {
      return leaked;
    }
    starts.catchUp();
    for (Thread thread : leaked) {
      StackTraceElement[] stack = thread.getStackTrace();
      if (!thread.isAlive()) {
        continue;
      }
      report.add(Report.Kind.THREAD,
          "thread \"" + thread.getName() + "\" is still alive " + Durations.format(settings.linger())
              + " after the shutdown (" + (thread.isDaemon() ? "daemon" : "non-daemon") + ", "
              + thread.getState() + "), at:" + Stacks.format(stack, Stacks.FRAMES) + "\n"
              + starts.describe(thread));
    }
    return leaked;
  }

  private void reportFiles(Report report) {
    if (filesBefore.isEmpty()) {
      return;
    }
    Optional<Map<Integer, String>> filesNow = OpenFiles.snapshot();
    if (filesNow.isEmpty()) {
      return;
    }
    List<String> added = OpenFiles.addedSince(filesBefore.get(), filesNow.get(), settings);
    int tolerance = settings.fileDescriptorTolerance();
    if (added.size() > tolerance) {
      report.add(Report.Kind.FILE,
          added.size() + (added.size() == 1 ? " file descriptor is open that was" : " file descriptors are open that were")
              + " not before the test"
              + (tolerance > 0 ? " (" + tolerance + " tolerated)" : "") + ":\n  "
              + String.join("\n  ", added));
    }
  }
}
