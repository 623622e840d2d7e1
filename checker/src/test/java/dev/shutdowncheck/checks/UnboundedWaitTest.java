package dev.shutdowncheck.checks;

import dev.shutdowncheck.findings.ConfigurationErrorTest;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

class UnboundedWaitTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnboundedWait.class, getClass());

  private static final String PRE_DESTROY =
      """
      package javax.annotation;
      import java.lang.annotation.*;
      @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
      public @interface PreDestroy {}
      """;

  private static final String DISPOSABLE_BEAN =
      """
      package org.springframework.beans.factory;
      public interface DisposableBean { void destroy() throws Exception; }
      """;

  private static final String MANAGED =
      """
      package io.dropwizard.lifecycle;
      public interface Managed { void start() throws Exception; void stop() throws Exception; }
      """;

  private static final String NETTY_FUTURE =
      """
      package io.netty.util.concurrent;
      import java.util.concurrent.TimeUnit;
      public interface Future<V> extends java.util.concurrent.Future<V> {
        Future<V> sync() throws InterruptedException;
        Future<V> syncUninterruptibly();
        Future<V> await() throws InterruptedException;
        boolean await(long timeout, TimeUnit unit) throws InterruptedException;
        boolean awaitUninterruptibly(long timeoutMillis);
      }
      """;

  private static final String KAFKA_PRODUCER =
      """
      package org.apache.kafka.clients.producer;
      public class KafkaProducer<K, V> implements java.io.Closeable {
        public KafkaProducer(java.util.Properties properties) {}
        public void send(Object record) {}
        @Override public void close() {}
        public void close(java.time.Duration timeout) {}
      }
      """;

  private static final String KAFKA_CONSUMER =
      """
      package org.apache.kafka.clients.consumer;
      public class KafkaConsumer<K, V> implements java.io.Closeable {
        public KafkaConsumer(java.util.Properties properties) {}
        public void wakeup() {}
        @Override public void close() {}
        public void close(java.time.Duration timeout) {}
      }
      """;

  @Test
  void futureAndThreadWaitsInClose() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.Future;
            class Worker implements AutoCloseable {
              private Future<?> pending;
              private Thread thread;
              @Override
              public void close() throws Exception {
                // BUG: Diagnostic contains: Future.get(..) waits with no deadline on a shutdown path
                pending.get();
                thread.interrupt();
                // BUG: Diagnostic contains: use join(millis) and check isAlive()
                thread.join();
                // BUG: Diagnostic contains: Thread.join(..) waits with a practically infinite timeout
                thread.join(0);
              }
            }
            """)
        .doTest();
  }

  @Test
  void frameworkCallbacksAndShutdownHooks() {
    helper
        .addSourceLines("javax/annotation/PreDestroy.java", PRE_DESTROY)
        .addSourceLines("org/springframework/beans/factory/DisposableBean.java", DISPOSABLE_BEAN)
        .addSourceLines("io/dropwizard/lifecycle/Managed.java", MANAGED)
        .addSourceLines(
            "Services.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            import javax.annotation.PreDestroy;
            import org.springframework.beans.factory.DisposableBean;
            import io.dropwizard.lifecycle.Managed;
            class Flusher {
              private final CompletableFuture<Void> flushed = new CompletableFuture<>();
              @PreDestroy
              void onShutdown() {
                // BUG: Diagnostic contains: CompletableFuture.join(..) waits with no deadline
                flushed.join();
              }
            }
            class Consumer implements DisposableBean {
              private final CountDownLatch done = new CountDownLatch(1);
              private final Semaphore inFlight = new Semaphore(10);
              @Override
              public void destroy() throws Exception {
                // BUG: Diagnostic contains: use tryAcquire(timeout, unit)
                inFlight.acquire(10);
                // BUG: Diagnostic contains: CountDownLatch.await(..)
                done.await();
              }
            }
            class Batcher implements Managed {
              private final Lock lock = new ReentrantLock();
              private final Condition drained = lock.newCondition();
              private final CyclicBarrier barrier = new CyclicBarrier(2);
              private final BlockingQueue<String> acks = new LinkedBlockingQueue<>();
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              @Override public void start() {}
              @Override
              public void stop() throws Exception {
                // BUG: Diagnostic contains: Condition.await(..)
                drained.await();
                // BUG: Diagnostic contains: CyclicBarrier.await(..)
                barrier.await();
                // BUG: Diagnostic contains: use poll(timeout, unit)
                acks.take();
                // BUG: Diagnostic contains: use invokeAll(tasks, timeout, unit)
                pool.invokeAll(java.util.List.of(() -> 1));
                pool.shutdown();
                // BUG: Diagnostic contains: waits with a practically infinite timeout
                pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                // BUG: Diagnostic contains: awaitTermination
                pool.awaitTermination(7, TimeUnit.DAYS);
              }
            }
            class Main {
              public static void main(String[] args) {
                CountDownLatch stopped = new CountDownLatch(1);
                Object monitor = new Object();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  try {
                    // BUG: Diagnostic contains: CountDownLatch.await(..) waits with no deadline
                    stopped.await();
                    synchronized (monitor) {
                      // BUG: Diagnostic contains: use wait(millis) in a loop
                      monitor.wait();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void helperMethodCalledFromShutdown() {
    helper
        .addSourceLines(
            "Pipeline.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;
            class Pipeline {
              private List<CompletableFuture<Void>> batches;
              public void shutdown() {
                drainAll();
              }
              // A private helper is on the shutdown path because shutdown() calls it.
              private void drainAll() {
                // BUG: Diagnostic contains: CompletableFuture.join(..)
                batches.forEach(batch -> batch.join());
                // BUG: Diagnostic contains: CompletableFuture.join(..)
                batches.stream().map(CompletableFuture::join).count();
              }
            }
            """)
        .doTest();
  }

  private static final String NETTY_GROUP =
      """
      package io.netty.util.concurrent;
      public interface EventExecutorGroup {
        Future<?> shutdownGracefully();
        Future<?> terminationFuture();
      }
      """;

  private static final String NETTY_CHANNEL =
      """
      package io.netty.channel;
      public interface Channel extends ChannelOutboundInvoker {
        io.netty.util.concurrent.Future<Void> closeFuture();
      }
      """;

  private static final String NETTY_OUTBOUND_INVOKER =
      """
      package io.netty.channel;
      public interface ChannelOutboundInvoker {
        io.netty.util.concurrent.Future<Void> close();
      }
      """;

  @Test
  void librariesWaits() {
    helper
        .addSourceLines("io/netty/util/concurrent/Future.java", NETTY_FUTURE)
        .addSourceLines(
            "NettyServer.java",
            """
            import io.netty.util.concurrent.Future;
            import com.google.common.util.concurrent.Uninterruptibles;
            import java.util.concurrent.TimeUnit;
            class NettyServer implements AutoCloseable {
              private Future<?> closeFuture;
              private java.util.concurrent.Future<?> task;
              @Override
              public void close() throws Exception {
                // BUG: Diagnostic contains: Future.sync(..) waits with no deadline
                closeFuture.sync();
                // BUG: Diagnostic contains: Uninterruptibles.getUninterruptibly(..)
                Uninterruptibles.getUninterruptibly(task);
                // Bounded Netty and Guava waits are fine.
                closeFuture.await(5, TimeUnit.SECONDS);
                closeFuture.awaitUninterruptibly(5000);
                Uninterruptibles.getUninterruptibly(task, 5, TimeUnit.SECONDS);
              }
            }
            """)
        .addSourceLines(
            "GuavaStop.java",
            """
            import com.google.common.util.concurrent.Service;
            class GuavaStop implements AutoCloseable {
              private Service service;
              @Override
              public void close() {
                // BUG: Diagnostic contains: Service.awaitTerminated(..) waits with no deadline
                service.stopAsync().awaitTerminated();
              }
            }
            """)
        .doTest();
  }

  @Test
  void methodsHandedToAnExecutorFromCloseRunElsewhere() {
    helper
        .addSourceLines(
            "Drainer.java",
            """
            import java.util.List;
            import java.util.concurrent.*;
            class Drainer implements AutoCloseable {
              private final ExecutorService background = Executors.newSingleThreadExecutor();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
              private final List<Future<?>> pending = new java.util.ArrayList<>();
              // close() hands drain() to another thread: its wait does not hold up the shutdown.
              @Override public void close() throws Exception {
                background.submit(this::drain);
                background.submit(() -> drainAgain());
                pending.forEach(this::finish);
              }
              private String drain() throws InterruptedException {
                return queue.take();
              }
              private String drainAgain() throws InterruptedException {
                return queue.take();
              }
              // Run at once by forEach, on the shutdown thread: a wait there does hold it up.
              private void finish(Future<?> future) {
                try {
                  // BUG: Diagnostic contains: UnboundedWait
                  future.get();
                } catch (Exception e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void synchronousFacadeOverTheClassesOwnAsyncClose() {
    helper
        .addSourceLines(
            "Connection.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Connection implements AutoCloseable {
              // Lettuce's RedisChannelHandler: close() is the blocking twin of closeAsync().
              @Override public void close() {
                closeAsync().join();
              }
              public CompletableFuture<Void> closeAsync() { return CompletableFuture.completedFuture(null); }
              public void shutdown() throws Exception {
                this.shutdownAsync().get();
              }
              public CompletableFuture<Void> shutdownAsync() { return CompletableFuture.completedFuture(null); }
              // Another object's async close is still a wait with no deadline.
              private final Connection peer = null;
              public void stop() {
                // BUG: Diagnostic contains: UnboundedWait
                peer.closeAsync().join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void nettyShutdownFuturesCarryTheirOwnDeadline() {
    helper
        .addSourceLines("io/netty/util/concurrent/Future.java", NETTY_FUTURE)
        .addSourceLines("io/netty/util/concurrent/EventExecutorGroup.java", NETTY_GROUP)
        .addSourceLines("io/netty/channel/Channel.java", NETTY_CHANNEL)
        .addSourceLines("io/netty/channel/ChannelOutboundInvoker.java", NETTY_OUTBOUND_INVOKER)
        .addSourceLines(
            "Server.java",
            """
            import io.netty.channel.Channel;
            import io.netty.util.concurrent.EventExecutorGroup;
            class Server implements AutoCloseable {
              private Channel channel;
              private EventExecutorGroup boss;
              private EventExecutorGroup workers;
              // The usual Netty stop(): shutdownGracefully() completes within its own timeout
              // (15 s by default), and closing a channel does not wait on the peer.
              @Override
              public void close() throws InterruptedException {
                channel.close().sync();
                boss.shutdownGracefully().sync();
                workers.shutdownGracefully();
                workers.terminationFuture().syncUninterruptibly();
              }
              // Waiting for the channel to be closed by someone else is the server's main loop.
              void serve() throws InterruptedException {
                channel.closeFuture().sync();
              }
            }
            """)
        .doTest();
  }

  @Test
  void putOnBoundedQueueWithPoisonPill() {
    helper
        .addSourceLines(
            "Writer.java",
            """
            import java.util.concurrent.*;
            class Writer implements AutoCloseable {
              private static final String POISON = "";
              private final BlockingQueue<String> bounded;
              private final SynchronousQueue<String> handoff = new SynchronousQueue<>();
              Writer() {
                bounded = new ArrayBlockingQueue<>(100);
              }
              @Override
              public void close() throws InterruptedException {
                // BUG: Diagnostic contains: use offer(element, timeout, unit)
                bounded.put(POISON);
                // BUG: Diagnostic contains: SynchronousQueue.put(..)
                handoff.put(POISON);
              }
            }
            """)
        .doTest();
  }

  @Test
  void boundedWaitsAreFine() {
    helper
        .addSourceLines(
            "Bounded.java",
            """
            import java.util.concurrent.*;
            class Bounded implements AutoCloseable {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
              private Future<?> pending;
              private CompletableFuture<Void> flushed;
              private Thread worker;
              private CountDownLatch done;
              @Override
              public void close() throws Exception {
                // The canonical shutdown sequence from the ExecutorService javadoc.
                pool.shutdown();
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                  pool.shutdownNow();
                }
                // Exactly one day is long, but not "more than a day".
                pool.awaitTermination(1, TimeUnit.DAYS);
                pending.get(5, TimeUnit.SECONDS);
                // Draining what is left with poll, not take.
                Runnable r;
                while ((r = work.poll(100, TimeUnit.MILLISECONDS)) != null) {
                  r.run();
                }
                flushed.orTimeout(10, TimeUnit.SECONDS).join();
                // A future from a call given a deadline completes by it (Lettuce's client.shutdown()).
                shutdownAsync(2, 15, TimeUnit.SECONDS).get();
                CompletableFuture.allOf(flushed).completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
                worker.join(5_000);
                done.await(10, TimeUnit.SECONDS);
              }
              private CompletableFuture<Void> shutdownAsync(long quietPeriod, long timeout, TimeUnit unit) {
                return CompletableFuture.completedFuture(null);
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsAlreadySettledInTheSameMethod() {
    helper
        .addSourceLines(
            "Settled.java",
            """
            import java.util.concurrent.*;
            class Settled implements AutoCloseable {
              private Future<?> scheduled;
              private CompletableFuture<Void> pending;
              private Future<?> result;
              @Override
              public void close() throws Exception {
                // Cancelled first: get() throws CancellationException or returns at once.
                scheduled.cancel(true);
                try {
                  scheduled.get();
                } catch (CancellationException expected) {
                }
                // orTimeout() bounds the future itself, not only the copy it returns.
                pending.orTimeout(5, TimeUnit.SECONDS);
                pending.join();
                // Only read when it is already done.
                if (result.isDone()) {
                  result.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsOutsideShutdownPathsAreLeftAlone() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.*;
            class Service {
              private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(10);
              private final CountDownLatch started = new CountDownLatch(1);
              // The worker loop blocks on take(): that is its job, and it is not a shutdown path.
              void runLoop() throws InterruptedException {
                while (!Thread.currentThread().isInterrupted()) {
                  tasks.take().run();
                }
              }
              public void start() throws InterruptedException {
                started.await();
              }
              void submit(Runnable task) throws InterruptedException {
                tasks.put(task);
              }
              // A main method waiting for the server is the program, not its shutdown.
              public static void main(String[] args) throws Exception {
                Thread server = new Thread(() -> {});
                server.start();
                server.join();
              }
              // A stop(..) that takes arguments is not a lifecycle callback by convention.
              public void stop(Future<?> f) throws Exception {
                f.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void tasksHandedOffFromShutdownRunElsewhere() {
    helper
        .addSourceLines(
            "Reporter.java",
            """
            import java.util.concurrent.*;
            class Reporter implements AutoCloseable {
              private final ExecutorService background = Executors.newSingleThreadExecutor();
              private final CountDownLatch uploaded = new CountDownLatch(1);
              @Override
              public void close() {
                // The wait runs on the executor's thread, not on the thread that shuts down.
                background.submit(() -> {
                  uploaded.await();
                  return null;
                });
                new Thread(() -> {
                  try {
                    uploaded.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }).start();
                CompletableFuture.runAsync(() -> {
                  try {
                    uploaded.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
                background.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void putOnUnboundedOrUnknownQueue() {
    helper
        .addSourceLines(
            "Dispatcher.java",
            """
            import java.util.concurrent.*;
            class Dispatcher implements AutoCloseable {
              private static final Runnable POISON = () -> {};
              // A LinkedBlockingQueue made without a capacity never fills: put() never blocks.
              private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
              private final BlockingQueue<Runnable> injected;
              private final LinkedTransferQueue<Runnable> transfers = new LinkedTransferQueue<>();
              Dispatcher(BlockingQueue<Runnable> injected) {
                this.injected = injected;
              }
              @Override
              public void close() throws InterruptedException {
                events.put(POISON);
                transfers.put(POISON);
                // Injected: its capacity is not visible here, so no finding.
                injected.put(POISON);
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressedOnTheMethod() {
    helper
        .addSourceLines(
            "Legacy.java",
            """
            class Legacy implements AutoCloseable {
              private Thread worker;
              @Override
              @SuppressWarnings("UnboundedWait") // the worker is known to exit on interrupt
              public void close() throws InterruptedException {
                worker.interrupt();
                worker.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressedOnTheClassOrANestedClass() {
    helper
        .addSourceLines(
            "Outer.java",
            """
            @SuppressWarnings("UnboundedWait")
            class Outer implements AutoCloseable {
              private Thread worker;
              @Override
              public void close() throws InterruptedException {
                worker.join();
              }
            }
            """)
        .addSourceLines(
            "Holder.java",
            """
            class Holder {
              @SuppressWarnings("UnboundedWait")
              static class Quiet implements AutoCloseable {
                private Thread worker;
                @Override
                public void close() throws InterruptedException {
                  worker.join();
                }
              }
              static class Loud implements AutoCloseable {
                private Thread worker;
                @Override
                public void close() throws InterruptedException {
                  // BUG: Diagnostic contains: Thread.join(..)
                  worker.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void testTeardownIsNotAShutdownPath() {
    helper
        .addSourceLines(
            "ServerTest.java",
            """
            import org.junit.jupiter.api.AfterAll;
            import org.junit.jupiter.api.AfterEach;
            import org.junit.jupiter.api.Test;
            class ServerTest {
              private static Thread server;
              private java.util.concurrent.Future<?> call;
              @Test
              void answers() {}
              // A public close()/shutdown() in a test class is named like a lifecycle method,
              // but it is the test's teardown, not a service's shutdown.
              @AfterEach
              public void close() throws Exception {
                call.get();
              }
              @AfterAll
              public static void shutdown() throws InterruptedException {
                server.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void scopeAllReportsEveryWait() {
    helper
        .setArgs("-XepOpt:UnboundedWait:Scope=all")
        .addSourceLines(
            "Client.java",
            """
            import java.util.concurrent.*;
            class Client {
              String fetch(Future<String> response) throws Exception {
                // BUG: Diagnostic contains: Future.get(..) waits with no deadline: if it never returns, this thread hangs
                return response.get();
              }
              String fetchBounded(Future<String> response) throws Exception {
                return response.get(2, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void malformedScopeFailsTheCompilationNamingTheFlagAndTheValues() {
    ConfigurationErrorTest.assertOnePlainError(
        "-XepOpt:UnboundedWait:Scope=shutdwn",
        "-XepOpt:UnboundedWait:Scope has a malformed value 'shutdwn'; expected one of: shutdown (the"
            + " default: only code on shutdown paths), all (every wait in the code)",
        UnboundedWait.class);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_19)
  void executorCloseWaitsForTasks() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            import java.util.concurrent.*;
            class Jobs implements AutoCloseable {
              private final ExecutorService pool = Executors.newFixedThreadPool(4);
              private final ExecutorService bounded = Executors.newFixedThreadPool(4);
              @Override
              public void close() throws InterruptedException {
                // BUG: Diagnostic contains: ExecutorService.close(..) waits with no deadline
                pool.close();
                // After a bounded wait the close has nothing left to wait for.
                bounded.shutdown();
                bounded.awaitTermination(10, TimeUnit.SECONDS);
                bounded.close();
                // commonPool().close() does nothing.
                ForkJoinPool.commonPool().close();
                // BUG: Diagnostic contains: try-with-resources closes this executor
                try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
                  perTask.submit(() -> {});
                }
              }
              // Structured use of an executor in ordinary code is not a shutdown path.
              void fanOut() {
                try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
                  perTask.submit(() -> {});
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_19)
  void executorWithItsOwnBoundedCloseIsFine() {
    helper
        .addSourceLines(
            "BoundedPool.java",
            """
            import java.util.concurrent.*;
            class BoundedPool extends ThreadPoolExecutor {
              BoundedPool() { super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); }
              @Override
              public void close() {
                shutdown();
                try {
                  awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                shutdownNow();
              }
            }
            class Owner implements AutoCloseable {
              @Override
              public void close() {
                try (BoundedPool pool = new BoundedPool()) {
                  pool.execute(() -> {});
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsReachedOnlyThroughAGuardThatRulesThemOut() {
    helper
        .addSourceLines(
            "LazyClient.java",
            """
            import java.util.concurrent.CountDownLatch;
            class LazyClient implements AutoCloseable {
              private final CountDownLatch connected = new CountDownLatch(1);
              private volatile boolean initialized;
              private Object connection;
              // The lazy-connect getter: it waits only while the client is not initialized yet.
              private Object connection() throws InterruptedException {
                if (!initialized) {
                  connected.await();
                }
                return connection;
              }
              // close() calls it only once initialized, so the wait never runs on the way out.
              @Override public void close() throws Exception {
                if (initialized) {
                  System.out.println(connection());
                }
              }
              // The same getter, after an early return on the same flag.
              public void stop() throws Exception {
                if (!initialized) {
                  return;
                }
                System.out.println(connection());
              }
            }
            """)
        .addSourceLines(
            "EagerClient.java",
            """
            import java.util.concurrent.CountDownLatch;
            class EagerClient implements AutoCloseable {
              private final CountDownLatch connected = new CountDownLatch(1);
              private volatile boolean initialized;
              private Object connection() throws InterruptedException {
                if (!initialized) {
                  // BUG: Diagnostic contains: UnboundedWait
                  connected.await();
                }
                return null;
              }
              // No guard: close() may wait for a connection that never comes.
              @Override public void close() throws Exception {
                System.out.println(connection());
              }
            }
            """)
        .doTest();
  }

  private static final String ASYNC_TIMEOUT =
      """
      package okio;
      public class AsyncTimeout {
        public final void enter() {}
        public final boolean exit() { return false; }
        public final void exitAndThrowIfTimedOut() throws java.io.IOException {}
      }
      """;

  @Test
  void waitsEndedByAWatchdog() {
    // OkHttp's Http2Stream: each wait for the peer runs inside timeout.enter() .. exit(), whose
    // watchdog fails the stream when the timeout passes, which wakes the waiting thread.
    helper
        .addSourceLines("okio/AsyncTimeout.java", ASYNC_TIMEOUT)
        .addSourceLines(
            "Stream.java",
            """
            import java.io.IOException;
            import java.io.InterruptedIOException;
            import okio.AsyncTimeout;
            class Stream implements AutoCloseable {
              private final AsyncTimeout writeTimeout = new AsyncTimeout();
              private long window;
              private boolean closed;
              private synchronized void emitFrame() throws IOException {
                writeTimeout.enter();
                try {
                  while (window <= 0 && !closed) {
                    waitForIo();
                  }
                } finally {
                  writeTimeout.exitAndThrowIfTimedOut();
                }
              }
              private void waitForIo() throws InterruptedIOException {
                try {
                  wait();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new InterruptedIOException();
                }
              }
              @Override public synchronized void close() throws Exception {
                emitFrame();
                writeTimeout.enter();
                try {
                  while (!closed) {
                    wait();
                  }
                } finally {
                  writeTimeout.exit();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsTheWatchdogDoesNotCover() {
    helper
        .addSourceLines("okio/AsyncTimeout.java", ASYNC_TIMEOUT)
        .addSourceLines(
            "Stream.java",
            """
            import okio.AsyncTimeout;
            class Stream implements AutoCloseable {
              private final AsyncTimeout timeout = new AsyncTimeout();
              private boolean closed;
              private synchronized void awaitClosed() throws InterruptedException {
                while (!closed) {
                  // BUG: Diagnostic contains: UnboundedWait
                  wait();
                }
              }
              // One call of the helper is inside the watchdog, the other is not.
              @Override public synchronized void close() throws Exception {
                timeout.enter();
                try {
                  awaitClosed();
                } finally {
                  timeout.exit();
                }
                awaitClosed();
              }
            }
            """)
        .addSourceLines(
            "Drain.java",
            """
            import okio.AsyncTimeout;
            class Drain implements AutoCloseable {
              private final AsyncTimeout timeout = new AsyncTimeout();
              private boolean drained;
              // The watchdog is stopped again before the wait.
              @Override public synchronized void close() throws Exception {
                timeout.enter();
                try {
                  notifyAll();
                } finally {
                  timeout.exit();
                }
                while (!drained) {
                  // BUG: Diagnostic contains: UnboundedWait
                  wait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void boundedWaitsBehindAnIndirection() {
    helper
        .addSourceLines("io/netty/util/concurrent/Future.java", NETTY_FUTURE)
        .addSourceLines("io/netty/util/concurrent/EventExecutorGroup.java", NETTY_GROUP)
        .addSourceLines(
            "Server.java",
            """
            import io.netty.util.concurrent.EventExecutorGroup;
            import io.netty.util.concurrent.Future;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            class Server implements AutoCloseable {
              private EventExecutorGroup workers;
              // The graceful-shutdown future is kept in a local, then waited on: still bounded.
              @Override
              public void close() throws InterruptedException {
                Future<?> terminated = workers.shutdownGracefully();
                terminated.sync();
              }
              // The class's own asynchronous stop, through toCompletableFuture().
              public void shutdown() {
                shutdownAsync().toCompletableFuture().join();
              }
              public CompletionStage<Void> shutdownAsync() { return CompletableFuture.completedFuture(null); }
            }
            """)
        .doTest();
  }

  @Test
  void aWaitAfterAStopFlagOrAnInterruptIsStillAWait() {
    helper
        .addSourceLines(
            "Pump.java",
            """
            class Pump implements AutoCloseable {
              private volatile boolean running = true;
              private Thread thread;
              // A thread blocked in a socket read or on a monitor hears neither.
              @Override public void close() throws InterruptedException {
                running = false;
                thread.interrupt();
                // BUG: Diagnostic contains: does not bound this wait
                thread.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void timeoutPassedInByTheShutdownPathThatMeansForever() {
    helper
        .addSourceLines(
            "Sender.java",
            """
            import java.time.Duration;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Sender implements AutoCloseable {
              private final Thread io = new Thread(() -> {});
              @Override
              public void close() throws InterruptedException {
                // BUG: Diagnostic contains: leads to Thread.join(..) (line 13) and gives it a timeout of 0, which join(..) takes as no deadline
                close(0, TimeUnit.MILLISECONDS);
              }
              public void close(long timeout, TimeUnit unit) throws InterruptedException {
                io.interrupt();
                io.join(unit.toMillis(timeout));
              }
            }
            """)
        .addSourceLines(
            "Producer.java",
            """
            import java.time.Duration;
            class Producer implements AutoCloseable {
              private final Thread io = new Thread(() -> {});
              @Override
              public void close() throws InterruptedException {
                // BUG: Diagnostic contains: a practically infinite timeout (more than a day)
                close(Duration.ofMillis(Long.MAX_VALUE));
              }
              public void close(Duration timeout) throws InterruptedException {
                stopIo(timeout.toMillis());
              }
              private void stopIo(long timeoutMs) throws InterruptedException {
                io.join(timeoutMs);
              }
            }
            """)
        .addSourceLines(
            "Pools.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Pools implements AutoCloseable {
              private static final long FOREVER = Long.MAX_VALUE;
              private final ExecutorService workers = Executors.newFixedThreadPool(2);
              @Override
              public void close() throws InterruptedException {
                workers.shutdown();
                // BUG: Diagnostic contains: ExecutorService.awaitTermination(..) (line 14)
                drain(workers, FOREVER);
              }
              private static void drain(ExecutorService pool, long seconds) throws InterruptedException {
                pool.awaitTermination(seconds, TimeUnit.SECONDS);
              }
            }
            """)
        .addSourceLines(
            "Flusher.java",
            """
            class Flusher implements AutoCloseable {
              private final Thread flusher = new Thread(() -> {});
              @Override
              public void close() throws InterruptedException {
                long timeoutMs = 0;
                // BUG: Diagnostic contains: Thread.join(..) is given a timeout of 0, which join(..) takes as no deadline here
                flusher.join(timeoutMs);
              }
            }
            """)
        .doTest();
  }

  @Test
  void timeoutsPassedInThatBoundTheWaitOrThatTheCodeChecks() {
    helper
        .addSourceLines(
            "Sender.java",
            """
            import java.time.Duration;
            import java.util.concurrent.TimeUnit;
            class Sender implements AutoCloseable {
              private final Thread io = new Thread(() -> {});
              private final long closeTimeoutMs;
              Sender(long closeTimeoutMs) { this.closeTimeoutMs = closeTimeoutMs; }
              @Override
              public void close() throws InterruptedException {
                close(5, TimeUnit.SECONDS);
                close(closeTimeoutMs, TimeUnit.MILLISECONDS); // a setting: not a constant
              }
              public void close(long timeout, TimeUnit unit) throws InterruptedException {
                io.join(unit.toMillis(timeout));
              }
            }
            """)
        .addSourceLines(
            "Producer.java",
            """
            import java.time.Duration;
            class Producer implements AutoCloseable {
              private final Thread io = new Thread(() -> {});
              @Override
              public void close() throws InterruptedException {
                close(Duration.ZERO); // close without waiting: the code checks for it
              }
              public void close(Duration timeout) throws InterruptedException {
                long timeoutMs = timeout.toMillis();
                if (timeoutMs > 0) {
                  io.join(timeoutMs);
                }
              }
            }
            """)
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Poller implements AutoCloseable {
              private final BlockingQueue<Runnable> pending = new LinkedBlockingQueue<>();
              @Override
              public void close() throws InterruptedException {
                drainFor(0); // poll(0, ..) returns at once: 0 means forever only to join and wait
                pause(0);
              }
              private void drainFor(long millis) throws InterruptedException {
                Runnable task;
                while ((task = pending.poll(millis, TimeUnit.MILLISECONDS)) != null) {
                  task.run();
                }
              }
              private static void pause(long millis) throws InterruptedException {
                Thread.sleep(millis);
              }
            }
            """)
        .addSourceLines(
            "Reconnector.java",
            """
            class Reconnector {
              private final Thread io = new Thread(() -> {});
              // Not a shutdown path: waiting here is the caller's choice.
              void restart() throws InterruptedException {
                awaitIo(0);
              }
              private void awaitIo(long timeoutMs) throws InterruptedException {
                io.join(timeoutMs);
              }
            }
            """)
        .doTest();
  }

  @Test
  void kafkaClientClosedWithNoDeadline() {
    helper
        .addSourceLines("KafkaProducer.java", KAFKA_PRODUCER)
        .addSourceLines(
            "EventSink.java",
            """
            import java.time.Duration;
            import java.util.Properties;
            import org.apache.kafka.clients.producer.KafkaProducer;
            class EventSink implements AutoCloseable {
              private final KafkaProducer<String, String> producer = new KafkaProducer<>(new Properties());
              private final KafkaProducer<String, String> audit = new KafkaProducer<>(new Properties());
              @Override
              public void close() {
                // BUG: Diagnostic contains: KafkaProducer.close(..) waits with no deadline on a shutdown path
                producer.close();
                // BUG: Diagnostic contains: KafkaProducer.close(..) is given a practically infinite timeout
                audit.close(Duration.ofMillis(Long.MAX_VALUE));
              }
            }
            """)
        .doTest();
  }

  @Test
  void kafkaClientsClosedWithADeadlineOrOffTheShutdownPath() {
    helper
        .addSourceLines("KafkaProducer.java", KAFKA_PRODUCER)
        .addSourceLines("KafkaConsumer.java", KAFKA_CONSUMER)
        .addSourceLines(
            "EventSink.java",
            """
            import java.time.Duration;
            import java.util.Properties;
            import org.apache.kafka.clients.consumer.KafkaConsumer;
            import org.apache.kafka.clients.producer.KafkaProducer;
            class EventSink implements AutoCloseable {
              private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
              private final KafkaProducer<String, String> producer = new KafkaProducer<>(new Properties());
              private final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(new Properties());
              private KafkaProducer<String, String> retries = new KafkaProducer<>(new Properties());
              @Override
              public void close() {
                producer.close(CLOSE_TIMEOUT);
                consumer.close(); // a consumer's close() waits 30 s at most
              }
              void reconnect() { // not a shutdown path
                retries.close();
                retries = new KafkaProducer<>(new Properties());
              }
            }
            """)
        .doTest();
  }
}
