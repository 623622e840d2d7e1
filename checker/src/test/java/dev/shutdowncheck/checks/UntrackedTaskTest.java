package dev.shutdowncheck.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class UntrackedTaskTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UntrackedTask.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(UntrackedTask.class, getClass());

  @Test
  void fireAndForgetWorkInAComponentThatStops() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ForkJoinPool;
            class Indexer implements AutoCloseable {
              void onDocument(String document) {
                // BUG: Diagnostic contains: runs on the common pool
                CompletableFuture.runAsync(() -> index(document));
                // BUG: Diagnostic contains: runs on the common pool
                CompletableFuture.supplyAsync(() -> document.length()).thenAccept(System.out::println);
                // BUG: Diagnostic contains: runs on the common pool
                ForkJoinPool.commonPool().execute(() -> index(document));
                // BUG: Diagnostic contains: started and kept nowhere
                new Thread(() -> index(document)).start();
              }
              void later(CompletableFuture<String> parsed) {
                // BUG: Diagnostic contains: runs on the common pool
                parsed.thenAcceptAsync(this::index);
              }
              void index(String document) {}
              @Override public void close() {}
            }
            """)
        .doTest();
  }

  @Test
  void trackedWorkAndClassesWithoutAShutdown() {
    helper
        .addSourceLines(
            "Tracked.java",
            """
            import java.util.Set;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Tracked implements AutoCloseable {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
              private CompletableFuture<Void> refresh;
              // On an executor the class stops.
              void onPool(Runnable task) { CompletableFuture.runAsync(task, pool); }
              // Returned to the caller, who waits for it.
              CompletableFuture<Integer> length(String s) { return CompletableFuture.supplyAsync(s::length); }
              // Kept in a set of pending futures that close() waits for.
              void tracked(Runnable task) {
                CompletableFuture<Void> future = CompletableFuture.runAsync(task);
                pending.add(future);
                future.whenComplete((v, e) -> pending.remove(future));
              }
              // Stored in a field.
              void scheduleRefresh(Runnable task) { refresh = CompletableFuture.runAsync(task); }
              // Joined right away.
              void now(Runnable task) { CompletableFuture.runAsync(task).join(); }
              // Handed to allOf, which is awaited.
              void both(Runnable a, Runnable b) {
                CompletableFuture.allOf(CompletableFuture.runAsync(a), CompletableFuture.runAsync(b)).join();
              }
              // A thread kept in a local and joined.
              void joined(Runnable task) throws InterruptedException {
                Thread worker = new Thread(task);
                worker.start();
                worker.join();
              }
              @Override public void close() throws Exception {
                CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
                pool.shutdown();
              }
            }
            """)
        .addSourceLines(
            "Utility.java",
            """
            import java.util.concurrent.CompletableFuture;
            // No shutdown path: nothing to wait in.
            final class Utility {
              static void warmUp(Runnable task) { CompletableFuture.runAsync(task); }
            }
            """)
        .doTest();
  }

  @Test
  void fixPassesTheOneExecutorTheClassStops() {
    refactoring
        .addInputLines(
            "Mailer.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Mailer implements AutoCloseable {
              private final ExecutorService senders = Executors.newFixedThreadPool(2);
              void send(Runnable mail) {
                CompletableFuture.runAsync(mail);
              }
              @Override public void close() { senders.shutdown(); }
            }
            """)
        .addOutputLines(
            "Mailer.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Mailer implements AutoCloseable {
              private final ExecutorService senders = Executors.newFixedThreadPool(2);
              void send(Runnable mail) {
                CompletableFuture.runAsync(mail, senders);
              }
              @Override public void close() { senders.shutdown(); }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void threadsThatRunWorkTheClassKeeps() {
    helper
        .addSourceLines(
            "Receivers.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            // Paho's CommsReceiver: the thread runs the component's own run(), which its stop() ends.
            class Receiver implements Runnable, AutoCloseable {
              private volatile boolean running;
              void start() {
                running = true;
                new Thread(this).start();
              }
              @Override public void run() { while (running) { Thread.onSpinWait(); } }
              @Override public void close() { running = false; }
            }
            // OkHttp's Http2Connection: the reader runnable is a field the connection shuts down.
            class Connection implements AutoCloseable {
              private final Runnable reader = () -> {};
              void start() { new Thread(reader).start(); }
              @Override public void close() {}
            }
            // logback's SimpleSocketServer: each node is kept in a list that close() closes.
            class SocketServer implements AutoCloseable {
              private final List<Runnable> nodes = new ArrayList<>();
              void accept() {
                Runnable node = () -> {};
                nodes.add(node);
                new Thread(node, "node").start();
              }
              @Override public void close() { nodes.clear(); }
            }
            """)
        .doTest();
  }
}
