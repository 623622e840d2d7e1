package dev.shutdowncheck.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Thread starts as JFR's {@code jdk.ThreadStart} event records them, with the stack of the
 * starting thread. One stream serves a whole test run: it lives in the root context's store,
 * which closes it when the run ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit before 5.13 closes only those
final class JfrThreadStarts implements ThreadStarts, AutoCloseable, ExtensionContext.Store.CloseableResource {

  private static final int FRAMES = 10;

  /** JFR hands events over at each flush, about once a second; two flushes cover what came before. */
  private static final int FLUSHES_TO_CATCH_UP = 2;

  private static final Duration MAX_CATCH_UP = Duration.ofSeconds(3);

  private final RecordingStream stream = new RecordingStream();
  private final Map<Long, String> startedAt = new ConcurrentHashMap<>();
  private final Object flushLock = new Object();
  private long flushes;

  private JfrThreadStarts() {}

  static ThreadStarts start() {
    if (!FlightRecorder.isAvailable()) {
      return new ThreadStarts.Unknown("JFR is not available in this JVM");
    }
    JfrThreadStarts starts = new JfrThreadStarts();
    starts.stream.enable("jdk.ThreadStart").withStackTrace();
    starts.stream.setMaxAge(Duration.ofMinutes(1));
    starts.stream.onEvent("jdk.ThreadStart", starts::remember);
    starts.stream.onFlush(starts::flushed);
    starts.stream.startAsync();
    return starts;
  }

  private void remember(RecordedEvent event) {
    RecordedThread started = event.getThread("thread");
    if (started == null) {
      return;
    }
    RecordedThread parent = event.hasField("parentThread") ? event.getThread("parentThread") : null;
    String by = parent == null ? "started" : "started by \"" + parent.getJavaName() + "\"";
    RecordedStackTrace stack = event.getStackTrace();
    startedAt.put(started.getJavaThreadId(),
        stack == null ? by + "; the JVM recorded no stack for its start" : by + " at:" + format(stack.getFrames()));
  }

  private static String format(List<RecordedFrame> frames) {
    List<String> lines = new ArrayList<>();
    for (RecordedFrame frame : frames) {
      lines.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName()
          + (frame.getLineNumber() > 0 ? "(line " + frame.getLineNumber() + ")" : "(no line)"));
    }
    return Stacks.format(lines, FRAMES);
  }

  private void flushed() {
    synchronized (flushLock) {
      flushes++;
      flushLock.notifyAll();
    }
  }

  @Override
  public void catchUp() throws InterruptedException {
    long deadline = System.nanoTime() + MAX_CATCH_UP.toNanos();
    synchronized (flushLock) {
      long target = flushes + FLUSHES_TO_CATCH_UP;
      for (long left = MAX_CATCH_UP.toMillis(); flushes < target && left > 0;
          left = (deadline - System.nanoTime()) / 1_000_000) {
        flushLock.wait(left);
      }
    }
  }

  @Override
  public String describe(Thread thread) {
    String start = startedAt.get(thread.getId());
    return start != null ? start : "where it was started is unknown: JFR recorded no start for it";
  }

  @Override
  public void forgetAllBut(Set<Thread> alive) {
    Set<Long> ids = new HashSet<>();
    alive.forEach(thread -> ids.add(thread.getId()));
    startedAt.keySet().retainAll(ids);
  }

  @Override
  public void close() {
    stream.close();
  }
}
