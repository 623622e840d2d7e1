package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

class ExecutorNeverShutdownTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ExecutorNeverShutdown.class, getClass())
          .addSourceLines(
              "jakarta/annotation/PreDestroy.java",
              """
              package jakarta.annotation;
              public @interface PreDestroy {}
              """)
          .addSourceLines(
              "io/netty/channel/EventLoopGroup.java",
              """
              package io.netty.channel;
              public interface EventLoopGroup extends java.util.concurrent.ScheduledExecutorService {
                java.util.concurrent.Future<?> shutdownGracefully();
              }
              """)
          .addSourceLines(
              "io/netty/channel/nio/NioEventLoopGroup.java",
              """
              package io.netty.channel.nio;
              public class NioEventLoopGroup extends java.util.concurrent.ScheduledThreadPoolExecutor
                  implements io.netty.channel.EventLoopGroup {
                public NioEventLoopGroup() { super(1); }
                public java.util.concurrent.Future<?> shutdownGracefully() { shutdown(); return null; }
              }
              """);

  @Test
  void fieldNeverStopped() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Indexer implements AutoCloseable {
              // BUG: Diagnostic contains: Executor field 'workers' is created by this class and never shut down
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final java.io.Closeable index;
              Indexer(java.io.Closeable index) { this.index = index; }
              void add(String doc) { workers.submit(() -> doc.length()); }
              // "We close the index, so we're done."
              @Override public void close() throws Exception { index.close(); }
            }
            """)
        .doTest();
  }

  @Test
  void staticAndConstructorFieldsNeverStopped() {
    helper
        .addSourceLines(
            "Async.java",
            """
            import java.util.concurrent.*;
            class Async {
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private static final ExecutorService POOL = Executors.newCachedThreadPool();
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private final ScheduledExecutorService scheduler;
              // The declared type cannot even be stopped.
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private final Executor callbacks = Executors.newSingleThreadExecutor();
              Async() {
                this.scheduler = Executors.newScheduledThreadPool(1);
                scheduler.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.MINUTES);
              }
              static Future<?> run(Runnable task) { return POOL.submit(task); }
              void later(Runnable task) { callbacks.execute(task); }
            }
            """)
        .doTest();
  }

  @Test
  void decoratedAndNettyExecutorsNeverStopped() {
    helper
        .addSourceLines(
            "Client.java",
            """
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            import io.netty.channel.EventLoopGroup;
            import io.netty.channel.nio.NioEventLoopGroup;
            import java.util.concurrent.Executors;
            class Client {
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private final ListeningExecutorService io =
                  MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private final EventLoopGroup group = new NioEventLoopGroup();
              void start(Runnable task) {
                io.submit(task);
                group.execute(task);
              }
            }
            """)
        .doTest();
  }

  @Test
  void localNeverStopped() {
    helper
        .addSourceLines(
            "Batch.java",
            """
            import java.util.List;
            import java.util.concurrent.*;
            class Batch {
              int sum(List<Integer> parts) throws Exception {
                // BUG: Diagnostic contains: Executor 'pool' is created here and never shut down
                ExecutorService pool = Executors.newFixedThreadPool(4);
                int total = 0;
                for (Integer part : parts) {
                  total += pool.submit(() -> part * 2).get();
                }
                return total;
              }
              String fetch() {
                // Passing it to CompletableFuture does not hand it off: nothing stops it there.
                // BUG: Diagnostic contains: ExecutorNeverShutdown
                ExecutorService io = Executors.newSingleThreadExecutor();
                return CompletableFuture.supplyAsync(() -> "x", io).join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void reassignedWithoutStoppingTheOldOne() {
    helper
        .addSourceLines(
            "Resizable.java",
            """
            import java.util.concurrent.*;
            class Resizable implements AutoCloseable {
              private ExecutorService pool = Executors.newFixedThreadPool(2);
              void resize(int threads) {
                // BUG: Diagnostic contains: without stopping the old one
                pool = Executors.newFixedThreadPool(threads);
              }
              @Override public void close() { pool.shutdownNow(); }
            }
            """)
        .doTest();
  }

  @Test
  void replacedAfterTheOldOneIsStopped() {
    // A restart that stops through the class's own method first, and one that keeps the old pool.
    helper
        .addSourceLines(
            "Restartable.java",
            """
            import java.util.concurrent.*;
            class Restartable implements AutoCloseable {
              private ExecutorService pool = Executors.newFixedThreadPool(2);
              void restart(int threads) {
                stop();
                pool = Executors.newFixedThreadPool(threads);
              }
              void resize(int threads) {
                ExecutorService old = pool;
                pool = Executors.newFixedThreadPool(threads);
                old.shutdown();
              }
              private void stop() {
                pool.shutdownNow();
              }
              @Override public void close() { stop(); }
            }
            """)
        .doTest();
  }

  @Test
  void stoppedOnShutdownPaths() {
    helper
        .addSourceLines(
            "Services.java",
            """
            import jakarta.annotation.PreDestroy;
            import java.util.concurrent.*;
            import com.google.common.util.concurrent.MoreExecutors;
            import io.netty.channel.EventLoopGroup;
            import io.netty.channel.nio.NioEventLoopGroup;
            class Services {
              // The textbook close(): shutdown, bounded wait, shutdownNow fallback.
              static class Closing implements AutoCloseable {
                private final ExecutorService workers = Executors.newFixedThreadPool(4);
                @Override public void close() throws InterruptedException {
                  workers.shutdown();
                  if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                  }
                }
              }
              // A Jakarta/Spring bean stopped by its container.
              static class Bean {
                private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                @PreDestroy void stop() { timer.shutdownNow(); }
              }
              // Guava's helper does the whole sequence.
              static class Guava {
                private final ExecutorService pool = Executors.newCachedThreadPool();
                void stop() { MoreExecutors.shutdownAndAwaitTermination(pool, java.time.Duration.ofSeconds(5)); }
              }
              // A JVM-wide pool stopped by a shutdown hook.
              static class Global {
                private static final ExecutorService POOL = Executors.newWorkStealingPool();
                static {
                  Runtime.getRuntime().addShutdownHook(new Thread(POOL::shutdown));
                }
              }
              // Netty event loops stop with shutdownGracefully().
              static class Netty {
                private final EventLoopGroup boss = new NioEventLoopGroup();
                void close() { boss.shutdownGracefully(); }
              }
              // The null-safe alias pattern in close().
              static class Aliased {
                private volatile ExecutorService pool = Executors.newFixedThreadPool(1);
                void close() {
                  ExecutorService current = this.pool;
                  if (current != null) { current.shutdown(); }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void notOwnedHere() {
    helper
        .addSourceLines(
            "NotOwned.java",
            """
            import java.util.concurrent.*;
            import com.google.common.util.concurrent.MoreExecutors;
            class NotOwned {
              // Injected through the constructor: the container owns it.
              static class Injected {
                private final ExecutorService executor;
                Injected(ExecutorService executor) { this.executor = executor; }
              }
              // Shared JVM pools that nobody here may stop.
              static class Shared {
                private final ExecutorService common = ForkJoinPool.commonPool();
                private final ExecutorService exiting =
                    MoreExecutors.getExitingExecutorService(
                        (ThreadPoolExecutor) Executors.newFixedThreadPool(2));
                private final ExecutorService direct = MoreExecutors.newDirectExecutorService();
              }
              // Read from another object: its owner stops it.
              static class Borrowed {
                interface Context { ExecutorService executor(); }
                private final ExecutorService executor;
                Borrowed(Context context) { this.executor = context.executor(); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void handedOff() {
    helper
        .addSourceLines(
            "HandedOff.java",
            """
            import java.util.List;
            import java.util.concurrent.*;
            class HandedOff {
              interface Lifecycle { <T extends ExecutorService> T manage(T executor); }
              // Spring @Bean factory: the container stops what the method returns.
              ExecutorService workers() {
                return Executors.newFixedThreadPool(4);
              }
              ExecutorService configured() {
                ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                pool.allowCoreThreadTimeOut(true);
                return pool;
              }
              // Registered with a lifecycle manager that stops it.
              static class Managed {
                private final ExecutorService pool;
                Managed(Lifecycle lifecycle) {
                  ExecutorService created = Executors.newFixedThreadPool(2);
                  this.pool = lifecycle.manage(created);
                }
              }
              // Handed to the component that stops it.
              static class Owner {
                record Worker(ExecutorService pool) implements AutoCloseable {
                  public void close() { pool.shutdown(); }
                }
                Worker start() {
                  ExecutorService pool = Executors.newFixedThreadPool(2);
                  return new Worker(pool);
                }
              }
              // Stopped together with its siblings.
              static class Group {
                private final ExecutorService a = Executors.newSingleThreadExecutor();
                private final ExecutorService b = Executors.newSingleThreadExecutor();
                void close() {
                  for (ExecutorService e : List.of(a, b)) { e.shutdownNow(); }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void localsStoppedInTheMethod() {
    helper
        .addSourceLines(
            "Locals.java",
            """
            import java.util.concurrent.*;
            class Locals {
              // try/finally with shutdown.
              void batch() throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  pool.submit(() -> {});
                } finally {
                  pool.shutdown();
                  pool.awaitTermination(1, TimeUnit.MINUTES);
                }
              }
              // Stopped by a hook registered in the same method.
              void main() {
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> ticker.shutdownNow()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void localsStoppedOnlyOnTheNormalPath() {
    helper
        .addSourceLines(
            "Crawl.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.*;
            class Crawl {
              // A failed or interrupted get() leaves the method before shutdown().
              int total(List<Callable<Integer>> parts) throws Exception {
                // BUG: Diagnostic contains: shut down only on the normal path: when invokeAll(..) (line 9) throws InterruptedException
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<Integer>> results = pool.invokeAll(parts);
                int sum = 0;
                for (Future<Integer> result : results) sum += result.get();
                pool.shutdown();
                return sum;
              }
              // The handler logs and returns: the shutdown after it is skipped.
              List<String> fetch(List<Callable<String>> pages) {
                // BUG: Diagnostic contains: when invokeAll(..) (line 21) throws InterruptedException
                ExecutorService pool = Executors.newCachedThreadPool();
                List<String> texts = new ArrayList<>();
                try {
                  for (Future<String> page : pool.invokeAll(pages)) texts.add(page.get());
                } catch (InterruptedException | ExecutionException e) {
                  System.err.println("crawl failed: " + e);
                  return List.of();
                }
                pool.shutdown();
                return texts;
              }
            }
            """)
        .doTest();
  }

  @Test
  void localsStoppedOnEveryPath() {
    helper
        .addSourceLines(
            "Batches.java",
            """
            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;
            import java.util.concurrent.*;
            class Batches {
              // The handler goes on to the shutdown after the try.
              int caught(List<Callable<Integer>> parts) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                int sum = 0;
                try {
                  for (Future<Integer> f : pool.invokeAll(parts)) sum += f.get();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                  System.err.println(e.getCause());
                }
                pool.shutdown();
                return sum;
              }
              // The handler shuts it down before it rethrows.
              int handled(Callable<Integer> part) throws Exception {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Future<Integer> f = pool.submit(part);
                int result;
                try {
                  result = f.get();
                } catch (ExecutionException e) {
                  pool.shutdownNow();
                  throw e;
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  throw e;
                }
                pool.shutdown();
                return result;
              }
              // What may throw before the first task runs no thread yet.
              void readFirst(Path list) throws IOException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<String> lines = Files.readAllLines(list);
                for (String line : lines) pool.execute(() -> System.out.println(line));
                pool.shutdown();
              }
              // Only unchecked exceptions on the way, and checked ones thrown inside the tasks.
              void unchecked(List<String> numbers) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                for (String n : numbers) {
                  int value = Integer.parseInt(n);
                  pool.submit(() -> { Thread.sleep(value); return value; });
                }
                pool.shutdown();
              }
              // A wait after shutdown() may throw: the pool is already told to stop.
              void drain(Runnable task) throws InterruptedException {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                pool.execute(task);
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21) // ExecutorService is AutoCloseable since JDK 19
  void closedExecutors() {
    helper
        .addSourceLines(
            "Closed.java",
            """
            import java.util.concurrent.*;
            class Closed implements AutoCloseable {
              private final ExecutorService pool = Executors.newFixedThreadPool(1);
              @Override public void close() { pool.close(); }
              // try-with-resources over a virtual-thread executor.
              void virtual() {
                try (ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
                  tasks.submit(() -> {});
                }
              }
              // Java 9 try (variable).
              void java9() {
                ExecutorService tasks = Executors.newSingleThreadExecutor();
                try (tasks) {
                  tasks.execute(() -> {});
                }
              }
              void leaks() {
                // BUG: Diagnostic contains: ExecutorNeverShutdown
                ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
                tasks.submit(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void lifecycleShapesThatAreNotLeaks() {
    helper
        .addSourceLines(
            "Lifecycles.java",
            """
            import java.util.concurrent.*;
            class Lifecycles {
              // start() creates, stop() stops: a restartable component.
              static class Restartable {
                private ExecutorService pool;
                void start() { pool = Executors.newFixedThreadPool(2); }
                void stop() { pool.shutdownNow(); }
              }
              // Lazily created once.
              static class Lazy {
                private ExecutorService pool = null;
                private ExecutorService initial = Executors.newSingleThreadExecutor();
                synchronized ExecutorService pool() {
                  if (initial == null || initial.isShutdown()) {
                    initial = Executors.newSingleThreadExecutor();
                  }
                  return initial;
                }
                void close() { initial.shutdown(); }
              }
              // Resized after stopping the old executor.
              static class Resizable {
                private ExecutorService pool = Executors.newFixedThreadPool(2);
                void resize(int threads) {
                  pool.shutdown();
                  pool = Executors.newFixedThreadPool(threads);
                }
                void close() { pool.shutdown(); }
              }
              // An enum singleton that stops its executor.
              enum Scheduler {
                INSTANCE;
                private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
                public void shutdown() { timer.shutdown(); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void nestedClassFieldsAndTheirOuterClass() {
    helper
        .addSourceLines(
            "Outer.java",
            """
            import java.util.concurrent.*;
            class Outer implements AutoCloseable {
              // A holder whose executor the outer class stops.
              private static final class Workers {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
              }
              private final Workers workers = new Workers();
              @Override public void close() { workers.pool.shutdownNow(); }
              // A nested class that leaks its own executor.
              static final class Poller {
                // BUG: Diagnostic contains: Executor field 'timer'
                private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                void poll(Runnable check) { timer.scheduleAtFixedRate(check, 1, 1, TimeUnit.SECONDS); }
              }
              // An anonymous class's field.
              Object task() {
                return new Object() {
                  // BUG: Diagnostic contains: Executor field 'io'
                  private final ExecutorService io = Executors.newCachedThreadPool();
                  @Override public String toString() { io.execute(() -> {}); return "task"; }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void theClassesOwnFactoriesAreReadNotGuessedFromTheirNames() {
    helper
        .addSourceLines(
            "Heartbeat.java",
            """
            import java.util.concurrent.*;
            class Heartbeat {
              private ScheduledExecutorService executor;
              // RabbitMQ's HeartbeatSender: "create" that returns the cached field.
              private ScheduledExecutorService createExecutorIfNecessary() {
                synchronized (this) {
                  if (executor == null) {
                    executor = Executors.newSingleThreadScheduledExecutor();
                  }
                  return executor;
                }
              }
              void start() {
                ScheduledExecutorService timer = createExecutorIfNecessary();
                timer.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
              }
              void shutdown() { executor.shutdownNow(); }
              // A factory of the class that does make a new pool each time.
              private static ExecutorService newWorkers(int threads) {
                ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                pool.prestartAllCoreThreads();
                return pool;
              }
              void batch() {
                // BUG: Diagnostic contains: Executor 'workers' is created here
                ExecutorService workers = newWorkers(2);
                workers.execute(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void jvmWideDaemonPools() {
    helper
        .addSourceLines(
            "Rollover.java",
            """
            import java.util.concurrent.*;
            import com.google.common.util.concurrent.ThreadFactoryBuilder;
            class Rollover {
              // Jetty's RolloverFileOutputStream: a static scheduler of daemon threads.
              private static final ScheduledExecutorService SCHEDULER =
                  Executors.newSingleThreadScheduledExecutor(job -> {
                    Thread thread = new Thread(job, "rollover");
                    thread.setDaemon(true);
                    return thread;
                  });
              private static final ThreadFactory DAEMONS =
                  new ThreadFactoryBuilder().setDaemon(true).setNameFormat("io-%d").build();
              private static final ExecutorService IO = Executors.newCachedThreadPool(DAEMONS);
              static class DaemonThreadFactory implements ThreadFactory {
                public Thread newThread(Runnable r) { Thread t = new Thread(r); t.setDaemon(true); return t; }
              }
              private static final ExecutorService NAMED = Executors.newFixedThreadPool(2, new DaemonThreadFactory());
              // OkHttp's RealConnectionPool: a helper makes the factory, told so by its parameter.
              static ThreadFactory threadFactory(String name, boolean daemon) {
                return runnable -> { Thread thread = new Thread(runnable, name); thread.setDaemon(daemon); return thread; };
              }
              private static final Executor CLEANER = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60L,
                  TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory("OkHttp ConnectionPool", true));
              // The same helper asked for ordinary threads.
              // BUG: Diagnostic contains: keep the JVM alive
              private static final Executor WORKERS = Executors.newFixedThreadPool(2, threadFactory("worker", false));
              // Daemon threads still leak when every instance makes its own pool.
              // BUG: Diagnostic contains: each instance leaves its own behind
              private final ExecutorService perInstance = Executors.newCachedThreadPool(DAEMONS);
              // A static pool of ordinary threads keeps the JVM from exiting.
              // BUG: Diagnostic contains: keep the JVM alive
              private static final ExecutorService BLOCKING = Executors.newFixedThreadPool(2);
              void run(Runnable task) {
                SCHEDULER.execute(task);
                IO.execute(task);
                NAMED.execute(task);
                CLEANER.execute(task);
                WORKERS.execute(task);
                perInstance.execute(task);
                BLOCKING.execute(task);
              }
            }
            """)
        .doTest();
  }

  @Test
  void poolsWhoseIdleThreadsEndSoon() {
    helper
        .addSourceLines(
            "ConnectionPool.java",
            """
            import java.util.concurrent.*;
            class ConnectionPool {
              // Tomcat JDBC: no core thread, and an idle one ends after a second.
              private final ThreadPoolExecutor cancellator =
                  new ThreadPoolExecutor(0, 1, 1000, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<Runnable>());
              // Idle threads kept a minute hold up the JVM's exit that long.
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private final ThreadPoolExecutor lingering =
                  new ThreadPoolExecutor(0, 4, 60, TimeUnit.SECONDS, new SynchronousQueue<Runnable>());
              // A core thread never ends.
              // BUG: Diagnostic contains: ExecutorNeverShutdown
              private final ThreadPoolExecutor cored =
                  new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>());
              void cancel(Future<?> f) { cancellator.execute(() -> f.cancel(true)); lingering.execute(() -> {}); cored.execute(() -> {}); }
            }
            """)
        .doTest();
  }

  @Test
  void builderThatStartsWhatItBuilds() {
    helper
        .addSourceLines(
            "Tailer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            // commons-io's Tailer.Builder: each builder makes a pool of daemon threads to run the
            // tailer it builds, and nothing ever stops it.
            class Tailer implements Runnable {
              public void run() {}

              static class Builder {
                // BUG: Diagnostic contains: its daemon threads do not hold up the JVM's exit
                private ExecutorService executorService = Executors.newSingleThreadExecutor(Builder::newDaemonThread);

                private static Thread newDaemonThread(Runnable runnable) {
                  Thread thread = new Thread(runnable, "tailer");
                  thread.setDaemon(true);
                  return thread;
                }

                Tailer get() {
                  Tailer tailer = new Tailer();
                  executorService.submit(tailer);
                  return tailer;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressedOnTheField() {
    helper
        .addSourceLines(
            "Daemon.java",
            """
            import java.util.concurrent.*;
            class Daemon {
              @SuppressWarnings("ExecutorNeverShutdown") // daemon threads for the JVM's lifetime
              private static final ExecutorService POOL = Executors.newCachedThreadPool();
              void local() {
                @SuppressWarnings("ExecutorNeverShutdown")
                ExecutorService pool = Executors.newCachedThreadPool();
              }
            }
            """)
        .doTest();
  }

  /** Local executors are read from the class's analysis, so each suppression around them counts. */
  @Test
  void localsSuppressedOnTheVariableTheMethodOrTheNestedClass() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            import java.util.concurrent.*;
            class Jobs {
              void variable() {
                @SuppressWarnings("ExecutorNeverShutdown") // lives as long as the JVM, on purpose
                ExecutorService pool = Executors.newCachedThreadPool();
                pool.submit(() -> {});
              }

              @SuppressWarnings("ExecutorNeverShutdown")
              void method() {
                ExecutorService pool = Executors.newCachedThreadPool();
                pool.submit(() -> {});
              }

              @SuppressWarnings("ExecutorNeverShutdown")
              static class Nested {
                void run() {
                  ExecutorService pool = Executors.newCachedThreadPool();
                  pool.submit(() -> {});
                }
              }

              void unsuppressed() {
                // BUG: Diagnostic contains: Executor 'pool' is created here and never shut down
                ExecutorService pool = Executors.newCachedThreadPool();
                pool.submit(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void aGetterLendsTheExecutorItDoesNotGiveItAway() {
    helper
        .addSourceLines(
            "Lending.java",
            """
            import java.util.concurrent.*;
            class Lending {
              // Returned by a getter: callers use it, the class still has to stop it.
              static class Exposed {
                // BUG: Diagnostic contains: Executor field 'executor'
                private final ExecutorService executor = Executors.newCachedThreadPool();
                ExecutorService executor() { return executor; }
              }
              // "The caller's executor, or our default": the default is ours.
              static class WithDefault {
                private final ExecutorService custom;
                // BUG: Diagnostic contains: Executor field 'defaultPool'
                private final ExecutorService defaultPool = Executors.newFixedThreadPool(2);
                WithDefault(ExecutorService custom) { this.custom = custom; }
                ExecutorService pool() { return custom == null ? defaultPool : custom; }
              }
              // A factory makes a new executor for its caller and keeps none: the caller owns it.
              static class Factory {
                static ExecutorService newWorkers() { return Executors.newFixedThreadPool(4); }
                private ExecutorService last;
                ExecutorService open() { return last = Executors.newSingleThreadExecutor(); }
              }
              // A lazy getter keeps what it makes: still the class's to stop.
              static class Lazy {
                // BUG: Diagnostic contains: Executor field 'pool'
                private ExecutorService pool;
                synchronized ExecutorService pool() {
                  if (pool == null) {
                    return pool = Executors.newCachedThreadPool();
                  }
                  return pool;
                }
              }
              // Stopped by the class that lends it: nothing to report.
              static class LendsAndStops implements AutoCloseable {
                private final ExecutorService executor = Executors.newCachedThreadPool();
                ExecutorService executor() { return executor; }
                @Override public void close() { executor.shutdown(); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void executorsThatAreNeverGivenATaskStartNoThread() {
    helper
        .addSourceLines(
            "Dead.java",
            """
            import java.util.concurrent.*;
            class Dead {
              // A private field nothing reads: no task, so no thread was ever started.
              private final ExecutorService unused = Executors.newFixedThreadPool(2);
              // A package-private one may be used by another class of the package.
              // BUG: Diagnostic contains: Executor field 'shared'
              final ExecutorService shared = Executors.newFixedThreadPool(2);
              void work() {
                ExecutorService local = Executors.newSingleThreadExecutor(); // never given a task
                // BUG: Diagnostic contains: Executor 'used'
                ExecutorService used = Executors.newSingleThreadExecutor();
                used.execute(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void fieldsTheClassCreatesAreItsOwnWhateverTheirVisibility() {
    helper
        .addSourceLines(
            "Visibility.java",
            """
            import java.util.concurrent.*;
            class Visibility {
              // A protected executor that no subclass compiled here stops.
              abstract static class Base {
                // BUG: Diagnostic contains: Executor field 'pool'
                protected final ExecutorService pool = Executors.newFixedThreadPool(2);
              }
              static class Leaf extends Base {
                void work() { pool.execute(() -> {}); }
              }
              // A protected executor that the subclass stops in its close().
              abstract static class Stoppable {
                protected final ExecutorService workers = Executors.newFixedThreadPool(2);
              }
              static class Closing extends Stoppable implements AutoCloseable {
                @Override public void close() { workers.shutdownNow(); }
              }
              // Public, and stopped by a grandchild: still fine.
              static class Root {
                public final ExecutorService io = Executors.newCachedThreadPool();
              }
              static class Middle extends Root {}
              static class Grandchild extends Middle implements AutoCloseable {
                @Override public void close() { io.shutdown(); }
              }
            }
            """)
        .addSourceLines(
            "Elsewhere.java",
            """
            import java.util.concurrent.*;
            // A subclass in another file of the same compilation.
            class Elsewhere extends Visibility.Base implements AutoCloseable {
              @Override public void close() {}
            }
            """)
        .doTest();
  }

  @Test
  void aSubclassInAnotherFileStopsTheField() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.*;
            abstract class Server {
              protected final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
              void tick(Runnable r) { timer.execute(r); }
            }
            """)
        .addSourceLines(
            "HttpServer.java",
            """
            class HttpServer extends Server implements AutoCloseable {
              @Override public void close() { timer.shutdown(); }
            }
            """)
        .doTest();
  }

  @Test
  void executorsFromTheProjectsOwnFactories() {
    helper
        .addSourceLines(
            "Pools.java",
            """
            import java.util.concurrent.*;
            final class Pools {
              private Pools() {}
              static ScheduledExecutorService scheduled(String name) {
                return Executors.newScheduledThreadPool(1, r -> new Thread(r, name));
              }
              // Hands out a shared pool: whoever calls it does not own it.
              private static final ExecutorService SHARED = Executors.newCachedThreadPool();
              static ExecutorService shared() { return SHARED; }
              static void shutdownShared() { SHARED.shutdown(); }
            }
            """)
        .addSourceLines(
            "Services.java",
            """
            import java.util.concurrent.*;
            class Services {
              // A static factory of the project, in another file, named unlike a factory.
              static class Ticker {
                // BUG: Diagnostic contains: Executor field 'timer'
                private final ScheduledExecutorService timer = Pools.scheduled("tick");
                void start(Runnable tick) { timer.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS); }
              }
              // A private factory method of the class itself.
              static class Worker {
                // BUG: Diagnostic contains: Executor field 'executor'
                private final ExecutorService executor;
                Worker() { executor = makeDefaultExecutor(); }
                private ExecutorService makeDefaultExecutor() {
                  ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                  pool.allowCoreThreadTimeOut(true);
                  return pool;
                }
                void run(Runnable task) { executor.execute(task); }
              }
              // A field typed Executor that holds a pool the class made.
              static class Dispatcher {
                // BUG: Diagnostic contains: Executor field 'executor'
                private final Executor executor = Executors.newFixedThreadPool(4);
                void dispatch(Runnable task) { executor.execute(task); }
              }
              static class StoppedDispatcher implements AutoCloseable {
                private final Executor executor;
                StoppedDispatcher() { this.executor = Executors.newFixedThreadPool(4); }
                void dispatch(Runnable task) { executor.execute(task); }
                @Override public void close() { ((ExecutorService) executor).shutdown(); }
              }
              // The shared pool is not this class's.
              static class UsesShared {
                private final ExecutorService pool = Pools.shared();
                void run(Runnable task) { pool.execute(task); }
              }
              // Created in the delegating constructor's this(..) argument.
              static class Client {
                // BUG: Diagnostic contains: Executor field 'callbacks'
                private final ExecutorService callbacks;
                Client() { this(Executors.newSingleThreadExecutor()); }
                Client(ExecutorService callbacks) { this.callbacks = callbacks; }
                void notify(Runnable r) { callbacks.execute(r); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void aShutdownInheritedFromTheSuperclassCannotStopTheSubclassesExecutor() {
    helper
        .addSourceLines(
            "Components.java",
            """
            import java.util.concurrent.*;
            class Components {
              static class Component implements AutoCloseable {
                @Override public void close() { System.out.println("closed"); }
              }
              // Inherits close() and never overrides it: close() cannot know this executor.
              static class Indexer extends Component {
                // BUG: Diagnostic contains: its shutdown is inherited: Component.close()
                private final ExecutorService workers = Executors.newFixedThreadPool(4);
                void index(Runnable job) { workers.execute(job); }
              }
              // Overrides it and stops the executor: fine.
              static class StoppingIndexer extends Component {
                private final ExecutorService workers = Executors.newFixedThreadPool(4);
                void index(Runnable job) { workers.execute(job); }
                @Override public void close() { workers.shutdown(); super.close(); }
              }
              // Hands it to the superclass, whose close() knows it.
              static class Base implements AutoCloseable {
                private final ExecutorService pool;
                Base(ExecutorService pool) { this.pool = pool; }
                @Override public void close() { pool.shutdown(); }
              }
              static class Derived extends Base {
                Derived() { super(Executors.newFixedThreadPool(2)); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void poolsThatManageThemselvesOrDieWithTheJvm() {
    helper
        .addSourceLines(
            "io/dropwizard/lifecycle/setup/ExecutorServiceBuilder.java",
            """
            package io.dropwizard.lifecycle.setup;
            public class ExecutorServiceBuilder {
              public ExecutorServiceBuilder maxThreads(int n) { return this; }
              public java.util.concurrent.ExecutorService build() { return null; }
            }
            """)
        .addSourceLines(
            "Pools.java",
            """
            import io.dropwizard.lifecycle.setup.ExecutorServiceBuilder;
            import java.util.concurrent.*;
            class Pools {
              // Dropwizard's environment builds it and stops it with the application.
              static class Environment {
                private final ExecutorService healthChecks;
                Environment(ExecutorServiceBuilder builder) { healthChecks = builder.maxThreads(4).build(); }
                ExecutorService healthChecks() { return healthChecks; }
              }
              // failsafe's DelegatingScheduler: static pools for the JVM's lifetime; a ForkJoinPool's
              // workers are daemons, and the delayer's factory, compiled here, makes daemons.
              static final class Scheduler {
                private static volatile ForkJoinPool forkJoinPool;
                private static volatile ScheduledThreadPoolExecutor delayer;
                private static final class DelayerThreadFactory implements ThreadFactory {
                  public Thread newThread(Runnable r) {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                  }
                }
                static ScheduledExecutorService delayer() {
                  if (delayer == null) {
                    ScheduledThreadPoolExecutor made = new ScheduledThreadPoolExecutor(1, new DelayerThreadFactory());
                    delayer = made;
                  }
                  return delayer;
                }
                static ExecutorService pool() {
                  if (forkJoinPool == null) {
                    forkJoinPool = new ForkJoinPool(2);
                  }
                  return forkJoinPool;
                }
              }
              // An instance's own ForkJoinPool still leaks with every instance.
              static class PerInstance {
                // BUG: Diagnostic contains: each instance leaves its own behind
                private final ForkJoinPool pool = new ForkJoinPool(2);
                void run(Runnable r) { pool.execute(r); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorThatRefusesToBeShutDownIsAViewOverOthers() {
    // Vert.x's VertxEventLoopGroup: a group over event loops that others own and stop.
    helper
        .addSourceLines(
            "Balancer.java",
            """
            import java.util.List;
            import java.util.concurrent.*;
            class Balancer {
              static final class LoopGroup extends AbstractExecutorService {
                @Override public void shutdown() { throw new UnsupportedOperationException("Should never be called"); }
                @Override public List<Runnable> shutdownNow() { throw new UnsupportedOperationException(); }
                @Override public boolean isShutdown() { return false; }
                @Override public boolean isTerminated() { return false; }
                @Override public boolean awaitTermination(long t, TimeUnit u) { return false; }
                @Override public void execute(Runnable r) { r.run(); }
              }
              private final LoopGroup workers = new LoopGroup();
              void dispatch(Runnable r) { workers.execute(r); }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorGivenItsTaskAndDroppedCanNeverBeStopped() {
    // Micrometer 1.0's push registries kept only the ScheduledFuture: stop() cancelled the task,
    // and the executor's thread was left with nothing to shut it down.
    helper
        .addSourceLines(
            "Publisher.java",
            """
            import java.util.concurrent.*;
            class Publisher {
              private ScheduledFuture<?> publishing;
              private Future<?> warmUp;
              void start(ThreadFactory threads) {
                // BUG: Diagnostic contains: no reference to it is kept
                publishing = Executors.newSingleThreadScheduledExecutor(threads)
                    .scheduleAtFixedRate(this::publish, 1, 1, TimeUnit.MINUTES);
                // BUG: Diagnostic contains: no reference to it is kept
                warmUp = Executors.newCachedThreadPool().submit(this::publish);
                // BUG: Diagnostic contains: no reference to it is kept
                CompletableFuture.runAsync(this::publish, Executors.newSingleThreadExecutor());
                // The completion service uses the pool and never stops it.
                // BUG: Diagnostic contains: no reference to it is kept
                completions = new ExecutorCompletionService<>(Executors.newFixedThreadPool(4));
              }
              private CompletionService<String> completions;
              void stop() {
                publishing.cancel(false);
                warmUp.cancel(true);
              }
              void publish() {}
            }
            """)
        .doTest();
  }

  @Test
  void executorsCreatedInlineButKeptOrStoppedAreNotDropped() {
    helper
        .addSourceLines(
            "Inline.java",
            """
            import java.util.concurrent.*;
            import com.google.common.util.concurrent.MoreExecutors;
            class Inline implements AutoCloseable {
              private final ExecutorService pool;
              private final ExecutorService decorated =
                  MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));
              private final ExecutorService common = ForkJoinPool.commonPool();
              private final ExecutorService given;
              Inline(ExecutorService given) {
                this.given = given;
                this.pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
              }
              void work(Runnable task) {
                // Stopped in the same statement: odd, but nothing is left running.
                Executors.newSingleThreadExecutor().shutdown();
                // Not created here: the common pool and a caller's executor are not this class's.
                ForkJoinPool.commonPool().submit(task);
                given.submit(task);
                CompletableFuture.runAsync(task, pool);
                decorated.submit(task);
                common.execute(task);
                // Kept in a local and stopped when done.
                ExecutorService batch = Executors.newFixedThreadPool(2);
                try {
                  batch.submit(task);
                } finally {
                  batch.shutdown();
                }
              }
              // Daemon threads of a pool made once for the JVM's lifetime, in a static initializer.
              private static final ScheduledFuture<?> CLOCK =
                  Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "clock");
                        t.setDaemon(true);
                        return t;
                      })
                      .scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
              @Override public void close() {
                pool.shutdown();
                decorated.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorTheClassesOwnFactoryMakesAndGivesItsPrivateConstructor() {
    // The Hedera/Hiero SDK's Client (2.17): forMainnet() made the pool and passed it to the private
    // constructor; close() closed the channels and left the pool running.
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.util.concurrent.*;
            final class Client implements AutoCloseable {
              // BUG: Diagnostic contains: Executor field 'executor'
              private final ExecutorService executor;
              private final java.io.Closeable channel;
              private Client(ExecutorService executor, java.io.Closeable channel) {
                this.executor = executor;
                this.channel = channel;
              }
              static Client forMainnet(java.io.Closeable channel) {
                ExecutorService executor = Executors.newFixedThreadPool(4);
                return new Client(executor, channel);
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() throws java.io.IOException { channel.close(); }
            }
            """)
        .addSourceLines(
            "SharedClient.java",
            """
            import java.util.concurrent.*;
            final class SharedClient implements AutoCloseable {
              // The caller's executor: the factory passes it on, so the caller stops it.
              private final ExecutorService executor;
              private SharedClient(ExecutorService executor) { this.executor = executor; }
              static SharedClient forNetwork(ExecutorService executor) {
                ExecutorService chosen = executor;
                return new SharedClient(chosen);
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() {}
            }
            """)
        .addSourceLines(
            "OwningClient.java",
            """
            import java.util.concurrent.*;
            final class OwningClient implements AutoCloseable {
              // The fixed SDK: made by the factory, stopped by close().
              private final ExecutorService executor;
              private OwningClient(ExecutorService executor) { this.executor = executor; }
              static OwningClient forMainnet() {
                ExecutorService executor = Executors.newFixedThreadPool(4);
                return new OwningClient(executor);
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() throws InterruptedException {
                executor.shutdown();
                executor.awaitTermination(5, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorTheFactoryAlsoLendsToComponentsThatCannotStopIt() {
    // The Hiero SDK's Client (2.17.1) as shipped: the factory made the pool with the class's own
    // createExecutor() and gave it to the client and to both networks, which only use it.
    helper
        .addSourceLines(
            "Network.java",
            """
            import java.util.concurrent.ExecutorService;
            final class Network {
              private final ExecutorService executor;
              private Network(ExecutorService executor) { this.executor = executor; }
              static Network forNetwork(ExecutorService executor) { return new Network(executor); }
              void send(Runnable call) { executor.execute(call); }
            }
            """)
        .addSourceLines(
            "MirrorNetwork.java",
            """
            import java.util.concurrent.ExecutorService;
            final class MirrorNetwork {
              private final ExecutorService executor;
              MirrorNetwork(ExecutorService executor) { this.executor = executor; }
            }
            """)
        .addSourceLines(
            "Client.java",
            """
            import java.util.concurrent.*;
            final class Client implements AutoCloseable {
              // BUG: Diagnostic contains: Executor field 'executor'
              private final ExecutorService executor;
              private final Network network;
              private Client(ExecutorService executor, Network network, MirrorNetwork mirror) {
                this.executor = executor;
                this.network = network;
              }
              private static ExecutorService createExecutor() {
                return new ThreadPoolExecutor(4, 4, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
              }
              static Client forMainnet() {
                ExecutorService executor = createExecutor();
                Network network = Network.forNetwork(executor);
                return new Client(executor, network, new MirrorNetwork(executor));
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() {}
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorLentToComponentsThatKeepItInTheirSuperclass() {
    // The Hiero SDK's networks as shipped (2.17.1): each factory builds the address book first, then
    // makes the network, whose constructor gives the pool to BaseNetwork's constructor, which keeps
    // it; nothing in either stops it, so the client that made it still must.
    helper
        .addSourceLines(
            "BaseNetwork.java",
            """
            import java.util.concurrent.ExecutorService;
            abstract class BaseNetwork {
              protected final ExecutorService executor;
              protected BaseNetwork(ExecutorService executor) { this.executor = executor; }
              void close(java.time.Duration timeout) {}
            }
            """)
        .addSourceLines(
            "Network.java",
            """
            import java.util.*;
            import java.util.concurrent.ExecutorService;
            final class Network extends BaseNetwork {
              private Network(ExecutorService executor, Map<String, Integer> nodes) { super(executor); }
              static Network forMainnet(ExecutorService executor) {
                Map<String, Integer> nodes = new HashMap<>();
                nodes.put("35.237.200.180:50211", 3);
                return new Network(executor, nodes);
              }
            }
            """)
        .addSourceLines(
            "Client.java",
            """
            import java.util.concurrent.*;
            final class Client implements AutoCloseable {
              // BUG: Diagnostic contains: Executor field 'executor'
              private final ExecutorService executor;
              private final Network network;
              private Client(ExecutorService executor, Network network) {
                this.executor = executor;
                this.network = network;
              }
              static Client forMainnet() {
                ExecutorService executor = Executors.newFixedThreadPool(4);
                return new Client(executor, Network.forMainnet(executor));
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() { network.close(java.time.Duration.ofSeconds(5)); }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorGivenToAComponentWhoseSuperclassStopsItOrToAFactoryThatUsesItAgain() {
    helper
        .addSourceLines(
            "StoppingBase.java",
            """
            import java.util.concurrent.ExecutorService;
            // Keeps the pool and stops it in its own close(): the subclass takes the pool over.
            abstract class StoppingBase implements AutoCloseable {
              protected final ExecutorService executor;
              protected StoppingBase(ExecutorService executor) { this.executor = executor; }
              @Override public void close() { executor.shutdownNow(); }
            }
            """)
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.ExecutorService;
            final class Poller extends StoppingBase {
              Poller(ExecutorService executor) { super(executor); }
              static Poller over(ExecutorService executor) {
                String name = "poller";
                return new Poller(executor);
              }
            }
            """)
        .addSourceLines(
            "Router.java",
            """
            import java.util.concurrent.ExecutorService;
            final class Router {
              private final ExecutorService executor;
              private Router(ExecutorService executor) { this.executor = executor; }
              // Uses the pool twice: what else it does with it is not the component's to say.
              static Router over(ExecutorService executor) {
                Registry.register(executor);
                return new Router(executor);
              }
            }
            """)
        .addSourceLines(
            "Registry.java",
            """
            import java.util.concurrent.ExecutorService;
            final class Registry {
              static void register(ExecutorService executor) {}
            }
            """)
        .addSourceLines(
            "PollingClient.java",
            """
            import java.util.concurrent.*;
            final class PollingClient {
              private final ExecutorService executor;
              private final Poller poller;
              private PollingClient(ExecutorService executor, Poller poller) {
                this.executor = executor;
                this.poller = poller;
              }
              static PollingClient create() {
                ExecutorService executor = Executors.newFixedThreadPool(2);
                return new PollingClient(executor, Poller.over(executor));
              }
              void run(Runnable r) { executor.execute(r); }
            }
            """)
        .addSourceLines(
            "RoutingClient.java",
            """
            import java.util.concurrent.*;
            final class RoutingClient {
              private final ExecutorService executor;
              private final Router router;
              private RoutingClient(ExecutorService executor, Router router) {
                this.executor = executor;
                this.router = router;
              }
              static RoutingClient create() {
                ExecutorService executor = Executors.newFixedThreadPool(2);
                return new RoutingClient(executor, Router.over(executor));
              }
              void run(Runnable r) { executor.execute(r); }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorTheFactoryAlsoGivesToAComponentThatStopsItOrToALibrary() {
    helper
        .addSourceLines(
            "Scheduler.java",
            """
            import java.util.concurrent.ExecutorService;
            // Keeps the pool for its own close(): it takes it over.
            final class Scheduler implements AutoCloseable {
              private final ExecutorService executor;
              private Scheduler(ExecutorService executor) { this.executor = executor; }
              static Scheduler over(ExecutorService executor) { return new Scheduler(executor); }
              @Override public void close() { executor.shutdownNow(); }
            }
            """)
        .addSourceLines(
            "ScheduledClient.java",
            """
            import java.util.concurrent.*;
            final class ScheduledClient implements AutoCloseable {
              private final ExecutorService executor;
              private final Scheduler scheduler;
              private ScheduledClient(ExecutorService executor, Scheduler scheduler) {
                this.executor = executor;
                this.scheduler = scheduler;
              }
              static ScheduledClient create() {
                ExecutorService executor = Executors.newFixedThreadPool(2);
                return new ScheduledClient(executor, Scheduler.over(executor));
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() { scheduler.close(); }
            }
            """)
        .addSourceLines(
            "RegisteredClient.java",
            """
            import java.util.List;
            import java.util.concurrent.*;
            final class RegisteredClient implements AutoCloseable {
              private final ExecutorService executor;
              private RegisteredClient(ExecutorService executor) { this.executor = executor; }
              // A library keeps it too: who stops it is not for this class to know.
              static RegisteredClient create(List<ExecutorService> registry) {
                ExecutorService executor = Executors.newFixedThreadPool(2);
                registry.add(executor);
                return new RegisteredClient(executor);
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() {}
            }
            """)
        .addSourceLines(
            "FactoryHelper.java",
            """
            import java.util.concurrent.*;
            // A helper whose static factory does more than make it: not read as a plain new.
            final class FactoryHelper {
              private final ExecutorService executor;
              private FactoryHelper(ExecutorService executor) { this.executor = executor; }
              static FactoryHelper of(ExecutorService executor) {
                Runtime.getRuntime().addShutdownHook(new Thread(executor::shutdown));
                return new FactoryHelper(executor);
              }
            }
            """)
        .addSourceLines(
            "HelpedClient.java",
            """
            import java.util.concurrent.*;
            final class HelpedClient implements AutoCloseable {
              private final ExecutorService executor;
              private HelpedClient(ExecutorService executor, FactoryHelper helper) { this.executor = executor; }
              static HelpedClient create() {
                ExecutorService executor = Executors.newFixedThreadPool(2);
                return new HelpedClient(executor, FactoryHelper.of(executor));
              }
              void query(Runnable r) { executor.submit(r); }
              @Override public void close() {}
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorGivenToASuperclassThatLeavesItToWhoeverMadeIt() {
    // Pravega 0.9's garbage collector: the base service uses the executor it is given and, by
    // design, never shuts it down; the subclass made one in super(..) and nothing stopped it.
    helper
        .addSourceLines(
            "ThreadPoolService.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            abstract class ThreadPoolService implements AutoCloseable {
              protected final ScheduledExecutorService executor;
              private volatile boolean closed;
              protected ThreadPoolService(ScheduledExecutorService executor) { this.executor = executor; }
              @Override public void close() { closed = true; }
              protected boolean isClosed() { return closed; }
            }
            """)
        .addSourceLines(
            "GarbageCollector.java",
            """
            import java.util.concurrent.*;
            class GarbageCollector extends ThreadPoolService {
              GarbageCollector() {
                // BUG: Diagnostic contains: keeps it in 'executor' and never shuts it down
                super(Executors.newScheduledThreadPool(1));
              }
              void start() { executor.scheduleWithFixedDelay(this::collect, 1, 1, TimeUnit.SECONDS); }
              private void collect() {}
              @Override public void close() { super.close(); }
            }
            """)
        .addSourceLines(
            "StoppedBySubclass.java",
            """
            import java.util.concurrent.*;
            class StoppedBySubclass extends ThreadPoolService {
              StoppedBySubclass() { super(Executors.newScheduledThreadPool(1)); }
              void start() { executor.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.SECONDS); }
              @Override public void close() {
                executor.shutdownNow();
                super.close();
              }
            }
            """)
        .addSourceLines(
            "OwningService.java",
            """
            import java.util.concurrent.ExecutorService;
            abstract class OwningService implements AutoCloseable {
              private final ExecutorService workers;
              protected OwningService(ExecutorService workers) { this.workers = workers; }
              protected void submit(Runnable task) { workers.execute(task); }
              @Override public void close() throws InterruptedException {
                workers.shutdown();
                workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
              }
            }
            """)
        .addSourceLines(
            "Indexer.java",
            """
            import java.util.concurrent.Executors;
            // The base class stops what it is given: handing it over is right.
            class Indexer extends OwningService {
              Indexer() { super(Executors.newFixedThreadPool(2)); }
              void index(Runnable job) { submit(job); }
            }
            """)
        .addSourceLines(
            "Completions.java",
            """
            import java.util.concurrent.*;
            // The JDK's completion service uses the pool it is given and never stops it.
            class Completions extends ExecutorCompletionService<String> {
              Completions() {
                // BUG: Diagnostic contains: no reference to it is kept that could shut it down
                super(Executors.newFixedThreadPool(2));
              }
            }
            """)
        .doTest();
  }

  @Test
  void executorsKeptInACollectionThatNothingStops() {
    helper
        .addSourceLines(
            "TenantWorkers.java",
            """
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class TenantWorkers implements AutoCloseable {
              // BUG: Diagnostic contains: The executors that this class creates and keeps in 'executors' are never shut down
              private final Map<String, ExecutorService> executors = new ConcurrentHashMap<>();
              private final ExecutorService main = Executors.newSingleThreadExecutor();
              void submit(String tenant, Runnable task) {
                executors.computeIfAbsent(tenant, t -> Executors.newSingleThreadExecutor()).execute(task);
              }
              @Override
              public void close() {
                main.shutdownNow(); // the main scheduler only
                executors.clear();
              }
            }
            """)
        .addSourceLines(
            "Pollers.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Pollers {
              // BUG: Diagnostic contains: their threads outlive the component and keep the JVM alive
              private final List<ScheduledExecutorService> pollers = new ArrayList<>();
              void poll(Runnable check) {
                ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
                pollers.add(poller);
                poller.scheduleAtFixedRate(check, 1, 1, TimeUnit.SECONDS);
              }
              int count() {
                return pollers.size();
              }
            }
            """)
        .doTest();
  }

  @Test
  void executorsKeptInACollectionAndStoppedOrHandedOn() {
    helper
        .addSourceLines(
            "Stopped.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            class Stopped implements AutoCloseable {
              private final Map<String, ExecutorService> byTenant = new ConcurrentHashMap<>();
              private final Map<String, ExecutorService> byName = new HashMap<>();
              private final Map<String, ExecutorService> byKey = new HashMap<>();
              private final List<ExecutorService> pools = new ArrayList<>();
              private final Deque<ExecutorService> retired = new ArrayDeque<>();
              private final Set<ExecutorService> helpers = new HashSet<>();
              void start(String key) {
                byTenant.computeIfAbsent(key, k -> Executors.newSingleThreadExecutor());
                byName.put(key, Executors.newFixedThreadPool(2));
                byKey.putIfAbsent(key, Executors.newCachedThreadPool());
                ExecutorService pool = Executors.newWorkStealingPool();
                pools.add(pool);
                retired.push(Executors.newSingleThreadExecutor());
                helpers.add(Executors.newSingleThreadExecutor());
              }
              void remove(String key) {
                ExecutorService gone = byKey.remove(key);
                if (gone != null) {
                  gone.shutdown();
                }
              }
              @Override
              public void close() throws InterruptedException {
                for (ExecutorService executor : byTenant.values()) {
                  executor.shutdown();
                  executor.awaitTermination(5, TimeUnit.SECONDS);
                }
                byName.values().forEach(ExecutorService::shutdownNow);
                pools.forEach(this::stop);
                Iterator<ExecutorService> it = retired.iterator();
                while (it.hasNext()) {
                  it.next().shutdownNow();
                }
                helpers.forEach(h -> h.shutdown());
              }
              private void stop(ExecutorService pool) {
                pool.shutdownNow();
              }
            }
            """)
        .addSourceLines(
            "Registry.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            class Registry {
              private final Map<String, ExecutorService> given = new HashMap<>();
              private final Map<String, ExecutorService> lent = new HashMap<>();
              private final List<ExecutorService> handed = new ArrayList<>();
              private static final Map<String, ExecutorService> SHARED = new ConcurrentHashMap<>();
              void register(String name, ExecutorService pool) {
                given.put(name, pool); // the caller's executor: the caller stops it
              }
              void open(String name) {
                lent.put(name, Executors.newSingleThreadExecutor());
                handed.add(Executors.newSingleThreadExecutor());
                SHARED.computeIfAbsent(name, n -> Executors.newCachedThreadPool(r -> {
                  Thread t = new Thread(r);
                  t.setDaemon(true);
                  return t;
                }));
              }
              Map<String, ExecutorService> executors() {
                return lent; // whoever asks may stop them
              }
              void closeWith(Closer closer) {
                closer.closeAll(handed);
              }
              interface Closer { void closeAll(Collection<ExecutorService> executors); }
            }
            """)
        .addSourceLines(
            "Gathered.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            class Gathered implements AutoCloseable {
              private final List<ExecutorService> started = new ArrayList<>();
              private final List<ExecutorService> all = new ArrayList<>();
              void start() {
                started.add(Executors.newFixedThreadPool(2));
                all.addAll(started); // stopped through the other list
              }
              @Override
              public void close() {
                all.forEach(ExecutorService::shutdown);
              }
            }
            """)
        .doTest();
  }

  @Test
  void anExecutorTheClassesOwnBuilderMakesForIt() {
    // java-dataloader 3.2.2: Builder.build() made the default scheduler when the caller gave none,
    // the private constructor kept builder.scheduledExecutorService, and close() only set a flag;
    // every registry built with the default leaked a scheduler thread.
    helper
        .addSourceLines(
            "Registry.java",
            """
            import java.util.concurrent.*;
            public class Registry implements AutoCloseable {
              // BUG: Diagnostic contains: Executor field 'scheduler'
              private final ScheduledExecutorService scheduler;
              private volatile boolean closed;
              private Registry(Builder builder) {
                this.scheduler = builder.scheduler;
              }
              void dispatchLater(Runnable dispatch) {
                scheduler.schedule(dispatch, 10, TimeUnit.MILLISECONDS);
              }
              @Override public void close() { closed = true; }
              public static Builder newRegistry() { return new Builder(); }
              public static class Builder {
                private ScheduledExecutorService scheduler;
                public Builder scheduler(ScheduledExecutorService scheduler) {
                  this.scheduler = scheduler;
                  return this;
                }
                public Registry build() {
                  if (scheduler == null) {
                    scheduler = Executors.newSingleThreadScheduledExecutor();
                  }
                  return new Registry(this);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void buildersThatHandOverOnlyTheCallersExecutorOrStopTheirOwn() {
    helper
        .addSourceLines(
            "FixedRegistry.java",
            """
            import java.util.concurrent.*;
            // java-dataloader 3.3.0: close() stops the scheduler when the builder made it.
            public class FixedRegistry implements AutoCloseable {
              private final ScheduledExecutorService scheduler;
              private final boolean defaultSchedulerUsed;
              private FixedRegistry(Builder builder) {
                this.scheduler = builder.scheduler;
                this.defaultSchedulerUsed = builder.defaultSchedulerUsed;
              }
              void dispatchLater(Runnable dispatch) {
                scheduler.schedule(dispatch, 10, TimeUnit.MILLISECONDS);
              }
              @Override public void close() {
                if (defaultSchedulerUsed) {
                  scheduler.shutdown();
                }
              }
              public static class Builder {
                private ScheduledExecutorService scheduler;
                private boolean defaultSchedulerUsed;
                public FixedRegistry build() {
                  if (scheduler == null) {
                    scheduler = Executors.newSingleThreadScheduledExecutor();
                    defaultSchedulerUsed = true;
                  }
                  return new FixedRegistry(this);
                }
              }
            }
            """)
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.*;
            // The builder only passes on the caller's executor: the caller stops it.
            public class Poller {
              private final ExecutorService executor;
              private Poller(Builder builder) { this.executor = builder.executor; }
              void poll(Runnable task) { executor.execute(task); }
              public static class Builder {
                private ExecutorService executor;
                public Builder executor(ExecutorService executor) {
                  this.executor = executor;
                  return this;
                }
                public Poller build() { return new Poller(this); }
              }
            }
            """)
        .addSourceLines(
            "Pipeline.java",
            """
            import java.util.concurrent.*;
            // The shared settings object made the pool and stops it itself; each stage only uses it.
            public class Pipeline {
              private final ExecutorService workers;
              Pipeline(Settings settings) { this.workers = settings.workers; }
              void run(Runnable stage) { workers.execute(stage); }
              public static final class Settings implements AutoCloseable {
                private final ExecutorService workers = Executors.newFixedThreadPool(4);
                @Override public void close() { workers.shutdown(); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void shutDownOnlyInAFinalizer() {
    helper
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Poller {
              // BUG: Diagnostic contains: shut down only in finalize(), which the garbage collector runs late or never
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void poll(Runnable task) { pool.execute(task); }
              @Override
              @SuppressWarnings({"deprecation", "removal"}) // finalize() is deprecated for removal on newer JDKs
              protected void finalize() { pool.shutdown(); }
            }
            """)
        .doTest();
  }
}
