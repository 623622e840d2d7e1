package dev.shutdowncheck.junit;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;

/**
 * In a child JVM: a daemon thread that waits for a request file to appear in a directory, then
 * writes the threads of its JVM next to it. A file is a channel that works whatever state the
 * child is in, as long as its JVM runs Java code: its shutdown hooks may hang, or never have been
 * started because SIGTERM was ignored, and its main class knows nothing of it.
 */
final class ThreadDumpOnRequest implements Runnable {

  static final String REQUEST = "request";
  static final String DUMP = "threads.txt";

  private static final int FRAMES = 30;
  private static final long POLL_MILLIS = 50;

  private final Path directory;

  private ThreadDumpOnRequest(Path directory) {
    this.directory = directory;
  }

  static void watch(Path directory) {
    Thread watcher = new Thread(new ThreadDumpOnRequest(directory), LiveThreads.OWN_PREFIX + "thread dump on request");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public void run() {
    try {
      while (!Files.exists(directory.resolve(REQUEST))) {
        Thread.sleep(POLL_MILLIS);
      }
      Path partial = directory.resolve(DUMP + ".partial");
      Files.writeString(partial, dump(), StandardCharsets.UTF_8);
      Files.move(partial, directory.resolve(DUMP), StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException | IOException e) {
      // the parent gets no dump and says so
    }
  }

  /** Every thread, by name: state, the lock it waits for and who holds it, and its stack. */
  static String dump() {
    ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
    Arrays.sort(threads, Comparator.comparing(ThreadInfo::getThreadName).thenComparingLong(ThreadInfo::getThreadId));
    StringBuilder text = new StringBuilder();
    for (ThreadInfo thread : threads) {
      text.append('"').append(thread.getThreadName()).append("\" ")
          .append(thread.isDaemon() ? "daemon " : "").append(thread.getThreadState());
      LockInfo lock = thread.getLockInfo();
      if (lock != null) {
        text.append(" on ").append(lock);
        if (thread.getLockOwnerName() != null) {
          text.append(" held by \"").append(thread.getLockOwnerName()).append('"');
        }
      }
      text.append(Stacks.format(thread.getStackTrace(), FRAMES)).append("\n\n");
    }
    return text.toString();
  }
}
