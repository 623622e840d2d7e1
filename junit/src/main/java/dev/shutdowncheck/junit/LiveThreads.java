package dev.shutdowncheck.junit;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Collectors;

/** The JVM's live platform threads, and which of them a test answers for. */
final class LiveThreads {

  /** Every thread of the extension's own is named so. */
  static final String OWN_PREFIX = "shutdown-check: ";

  /** Threads of the JVM, JFR, JUnit and Maven Surefire that a test may cause to start. */
  private static final List<String> INFRASTRUCTURE_PREFIXES = List.of(OWN_PREFIX, "JFR ", "junit-", "surefire-");

  private LiveThreads() {}

  /** The threads alive now, compared by identity. */
  static Set<Thread> all() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads;
    int count;
    do {
      threads = new Thread[root.activeCount() + 16];
      count = root.enumerate(threads, true);
    } while (count == threads.length);
    Set<Thread> alive = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < count; i++) {
      if (threads[i].isAlive()) {
        alive.add(threads[i]);
      }
    }
    return alive;
  }

  /**
   * The threads alive now that were not alive {@code before} and that the test answers for,
   * sorted by name (then id), so that reports list them in the same order every run.
   */
  static List<Thread> startedSince(Set<Thread> before, Settings settings) {
    return all().stream()
        .filter(thread -> !before.contains(thread) && answersFor(thread, settings))
        .sorted(Comparator.comparing(Thread::getName).thenComparingLong(Thread::getId))
        .collect(Collectors.toList());
  }

  private static boolean answersFor(Thread thread, Settings settings) {
    ThreadGroup group = thread.getThreadGroup();
    if (group == null || !thread.isAlive()) {
      return false; // it ended
    }
    if (group.getParent() == null || group.getName().equals("InnocuousThreadGroup")) {
      return false; // the JVM's own: reference handler, cleaners, process reapers, ...
    }
    String name = thread.getName();
    if (INFRASTRUCTURE_PREFIXES.stream().anyMatch(name::startsWith)
        || thread.getClass().getName().startsWith("org.junit.")) {
      return false;
    }
    if (thread instanceof ForkJoinWorkerThread
        && ((ForkJoinWorkerThread) thread).getPool() == ForkJoinPool.commonPool()) {
      return false; // shared by the whole JVM; its idle workers end by themselves
    }
    return !settings.ignoresThread(name);
  }
}
