package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ShutdownOrderTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ShutdownOrder.class, getClass());

  @Test
  void resourceClosedWhileTheExecutorsTasksStillUseIt() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Indexer implements Closeable {
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final Closeable vectors;
              Indexer(Closeable vectors) { this.vectors = vectors; }
              void index(String text) {
                workers.submit(() -> upsert(text));
              }
              private void upsert(String text) { vectors.toString(); }
              @Override
              public void close() throws IOException {
                // BUG: Diagnostic contains: close() releases `vectors` while `workers`, whose tasks use `vectors`, is stopped only later (line 18)
                vectors.close();
                workers.shutdown();
                try {
                  workers.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void methodReferencesAnonymousAndInnerTasksAndHelpers() {
    helper
        .addSourceLines(
            "Pipeline.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Pipeline implements Closeable {
              private final ExecutorService pool;
              private final ExecutorService scheduler;
              private final ExecutorService inner;
              private final Closeable store;
              private final Closeable cache;
              private final Closeable journal;
              Pipeline(ExecutorService pool, ExecutorService scheduler, ExecutorService inner,
                  Closeable store, Closeable cache, Closeable journal) {
                this.pool = pool;
                this.scheduler = scheduler;
                this.inner = inner;
                this.store = store;
                this.cache = cache;
                this.journal = journal;
              }
              void start() {
                pool.execute(this::process);
                scheduler.execute(new Runnable() {
                  @Override public void run() { cache.toString(); }
                });
                inner.execute(new Flush());
              }
              private void process() { store().toString(); }
              private Closeable store() { return store; }
              private final class Flush implements Runnable {
                @Override public void run() { journal.toString(); }
              }
              @Override
              public void close() throws IOException {
                closeResources();
                stop(pool);
                stop(scheduler);
                stop(inner);
              }
              private void closeResources() throws IOException {
                // BUG: Diagnostic contains: releases `store` while `pool`, whose tasks use `store`, is stopped only later (line 49, through the call at line 36)
                store.close();
                // BUG: Diagnostic contains: `scheduler`, whose tasks use `cache`
                cache.close();
                // BUG: Diagnostic contains: `inner`, whose tasks use `journal`
                journal.close();
              }
              private static void stop(ExecutorService executor) {
                executor.shutdown();
                try {
                  executor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void serverHandlersAndThreadsUseTheResource() {
    helper
        .addSourceLines(
            "Gateway.java",
            """
            import com.sun.net.httpserver.HttpExchange;
            import com.sun.net.httpserver.HttpHandler;
            import com.sun.net.httpserver.HttpServer;
            import java.io.Closeable;
            import java.io.IOException;
            class Gateway implements Closeable {
              private final HttpServer server;
              private final Closeable cache;
              private final Closeable sessions;
              private final Closeable queue;
              private final Thread pump;
              Gateway(HttpServer server, Closeable cache, Closeable sessions, Closeable queue) {
                this.server = server;
                this.cache = cache;
                this.sessions = sessions;
                this.queue = queue;
                server.createContext("/lookup", new Lookup(cache));
                server.createContext("/login", exchange -> sessions.toString());
                pump = new Thread(this::drain);
                pump.start();
              }
              private void drain() { queue.toString(); }
              @Override
              public void close() throws IOException {
                // BUG: Diagnostic contains: `server`, whose handlers use `cache`, stops taking work only later
                cache.close();
                // BUG: Diagnostic contains: `server`, whose handlers use `sessions`
                sessions.close();
                // BUG: Diagnostic contains: the thread `pump`, which uses `queue`, is stopped only later
                queue.close();
                server.stop(5);
                pump.interrupt();
              }
              static final class Lookup implements HttpHandler {
                private final Closeable cache;
                Lookup(Closeable cache) { this.cache = cache; }
                @Override public void handle(HttpExchange exchange) {}
              }
            }
            """)
        .doTest();
  }

  @Test
  void stoppedButWaitedForOnlyAfterTheRelease() {
    helper
        .addSourceLines(
            "Loader.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Loader implements Closeable {
              private ExecutorService pool;
              private Closeable source;
              void load() { pool.submit(() -> source.toString()); }
              @Override
              public void close() throws IOException {
                pool.shutdown();
                // BUG: Diagnostic contains: `pool`, whose tasks use `source`, is waited for only later
                source.close();
                try {
                  pool.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void rightOrderIsNotReported() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Indexer implements Closeable {
              private ExecutorService workers;
              private Closeable vectors;
              void index(String text) { workers.submit(() -> vectors.toString()); }
              @Override
              public void close() throws IOException {
                workers.shutdown();
                try {
                  if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                  }
                } catch (InterruptedException e) {
                  workers.shutdownNow();
                  Thread.currentThread().interrupt();
                }
                vectors.close();
                workers.shutdownNow(); // a last stop after the release: the tasks have finished
              }
            }
            """)
        .doTest();
  }

  @Test
  void resourcesNoTaskTouchesMayBeReleasedAnyTime() {
    helper
        .addSourceLines(
            "Metrics.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Metrics implements Closeable {
              private ExecutorService pool;
              private ExecutorService other;
              private Closeable reporter;
              private Closeable database;
              private Closeable registry;
              void work() {
                pool.submit(() -> database.toString());
                other.submit(() -> registry.toString());
              }
              @Override
              public void close() throws IOException {
                reporter.close(); // no task reads it
                registry.close(); // read by the tasks of `other`, which is never stopped here
                pool.shutdown();
                try {
                  pool.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                database.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void helpersCalledInTheRightOrder() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import java.io.Closeable;
            import java.time.Duration;
            import java.util.concurrent.ExecutorService;
            class Service implements AutoCloseable {
              private ExecutorService pool;
              private Closeable client;
              private Thread poller;
              void start() {
                pool.execute(() -> client.toString());
                poller = new Thread(() -> client.toString());
                poller.start();
              }
              @Override
              public void close() throws Exception {
                stopWorkers();
                closeClients();
              }
              private void stopWorkers() throws InterruptedException {
                MoreExecutors.shutdownAndAwaitTermination(pool, Duration.ofSeconds(10));
                poller.interrupt();
                poller.join(1000);
              }
              private void closeClients() throws Exception {
                client.close();
                pool.shutdownNow(); // after the drain: nothing is left to use the client
              }
            }
            """)
        .doTest();
  }

  @Test
  void otherArmsDeferredReleasesAndTestsAreNotReported() {
    helper
        .addSourceLines(
            "Branches.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Branches implements Closeable {
              private ExecutorService pool;
              private ExecutorService closer;
              private Closeable store;
              private boolean aborted;
              void work() { pool.submit(() -> store.toString()); }
              @Override
              public void close() throws IOException {
                if (aborted) {
                  store.close(); // and the pool is left to the JVM's exit
                } else {
                  pool.shutdownNow();
                }
              }
              public void stop() {
                // runs later, on another thread: not a step of this shutdown
                closer.submit(() -> { store.close(); return null; });
                pool.shutdown();
              }
            }
            """)
        .addSourceLines(
            "IndexerTest.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ExecutorService;
            import org.junit.jupiter.api.AfterEach;
            class IndexerTest {
              private ExecutorService pool;
              private Closeable store;
              void run() { pool.submit(() -> store.toString()); }
              @AfterEach
              public void close() throws Exception {
                store.close(); // a test's teardown is not a service's shutdown
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadsJoinedFirstAndStopsOnOtherEntryPoints() {
    helper
        .addSourceLines(
            "Consumer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Consumer implements Closeable {
              private final Closeable connection;
              private final Closeable sink;
              private final ExecutorService pool;
              private final Thread loop;
              private volatile boolean running = true;
              Consumer(Closeable connection, Closeable sink, ExecutorService pool) {
                this.connection = connection;
                this.sink = sink;
                this.pool = pool;
                this.loop = new Thread(() -> {
                  while (running) {
                    connection.toString();
                  }
                });
                pool.submit(() -> sink.toString());
              }
              @Override
              public void close() throws IOException {
                running = false;
                try {
                  loop.join(5_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                connection.close(); // the loop has ended: the join came first
                loop.interrupt();
              }
              // Another entry point: its steps are not the steps of close().
              public void stop() {
                pool.shutdownNow();
              }
              public void dispose() throws IOException {
                sink.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void closingTheSocketAReaderBlocksOnIsHowItStops() {
    helper
        .addSourceLines(
            "Reader.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            class Reader implements AutoCloseable {
              private final Socket socket;
              private final Thread reader;
              private volatile boolean running = true;
              Reader(Socket socket) {
                this.socket = socket;
                this.reader = new Thread(this::readLoop);
                reader.start();
              }
              private void readLoop() {
                try {
                  while (running) {
                    socket.getInputStream().read();
                  }
                } catch (IOException e) {
                  // closed: done
                }
              }
              @Override
              public void close() throws Exception {
                running = false;
                socket.close(); // wakes the reader, which no interrupt reaches
                reader.join(1_000);
              }
            }
            """)
        .doTest();
  }

  @Test
  void closingTheWatchServiceAWatcherBlocksOnIsHowItStops() {
    // Apereo CAS's file watcher: take() ends with ClosedWatchServiceException once it is closed.
    helper
        .addSourceLines(
            "FileWatcher.java",
            """
            import java.io.IOException;
            import java.nio.file.*;
            class FileWatcher implements AutoCloseable {
              private final WatchService watcher;
              private final Thread thread;
              FileWatcher(Path dir, Runnable onChange) throws IOException {
                watcher = FileSystems.getDefault().newWatchService();
                dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
                thread = new Thread(() -> {
                  try {
                    while (true) {
                      WatchKey key = watcher.take();
                      key.pollEvents();
                      onChange.run();
                      key.reset();
                    }
                  } catch (InterruptedException | ClosedWatchServiceException e) {
                    // closed or interrupted: done
                  }
                });
                thread.start();
              }
              @Override public void close() throws Exception {
                watcher.close(); // wakes take()
                thread.interrupt();
                thread.join(1_000);
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressedOnTheShutdownMethod() {
    helper
        .addSourceLines(
            "Cache.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Cache implements Closeable {
              private ExecutorService refresher;
              private Closeable backend;
              void refresh() { refresher.submit(() -> backend.toString()); }
              @SuppressWarnings("ShutdownOrder") // refresh tasks tolerate a closed backend
              @Override
              public void close() throws IOException {
                backend.close();
                refresher.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void clientHeldInAnAtomicReferenceOrReadIntoALocalFirst() {
    // Azure's Service Bus processor 7.0 shipped the first: close() closed the receiver client, kept
    // in an AtomicReference, before stopping the scheduler whose monitor task re-created it.
    helper
        .addSourceLines(
            "Processor.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicReference;
            class Processor implements Closeable {
              private final AtomicReference<Closeable> receiver;
              private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
              Processor(Closeable first) {
                receiver = new AtomicReference<>(first);
                monitor.scheduleWithFixedDelay(() -> receiver.get().toString(), 2, 2, TimeUnit.SECONDS);
              }
              @Override
              public void close() throws IOException {
                Closeable client = receiver.get();
                if (client != null) {
                  // BUG: Diagnostic contains: close() releases `receiver` while `monitor`, whose tasks use `receiver`
                  client.close();
                }
                monitor.shutdown();
              }
            }
            class Loader implements Closeable {
              private final Closeable store;
              private final ExecutorService workers = Executors.newFixedThreadPool(2);
              Loader(Closeable store) { this.store = store; }
              void load(String key) {
                workers.execute(() -> store.toString());
              }
              @Override
              public void close() throws IOException {
                Closeable current = this.store;
                // BUG: Diagnostic contains: close() releases `store` while `workers`
                current.close();
                workers.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void heldClientsReleasedInTheRightOrderOrUnusedByTheTasks() {
    helper
        .addSourceLines(
            "Holders.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicReference;
            class Holders implements Closeable {
              private final AtomicReference<Closeable> used;
              private final AtomicReference<Closeable> other;
              private final ExecutorService workers = Executors.newFixedThreadPool(2);
              Holders(Closeable used, Closeable other) {
                this.used = new AtomicReference<>(used);
                this.other = new AtomicReference<>(other);
                workers.execute(() -> this.used.get().toString());
              }
              @Override
              public void close() throws IOException {
                other.get().close(); // no task uses it
                workers.shutdown();
                try {
                  workers.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                Closeable client = used.get();
                client.close(); // after the tasks are done
              }
            }
            """)
        .doTest();
  }

  /** The superclass's source is compiled here: {@code super.shutDown()} runs its body in place. */
  private static final String CLIENT_BASE =
      """
      import java.io.Closeable;
      import java.io.IOException;
      abstract class ClientBase implements Closeable {
        private final Closeable client;
        private final Closeable journal;
        protected ClientBase(Closeable client, Closeable journal) {
          this.client = client;
          this.journal = journal;
        }
        protected Closeable getClient() { return client; }
        protected Closeable journal() { return journal; }
        protected abstract void drain();
        @Override
        public void close() throws IOException {
          client.close();
        }
        protected void closeJournal() throws IOException {
          journal.close();
        }
      }
      """;

  @Test
  void superclassShutdownReleasesWhatTheSubclassTasksStillUse() {
    helper
        .addSourceLines("ClientBase.java", CLIENT_BASE)
        .addSourceLines(
            "Consumer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Consumer extends ClientBase {
              private final ExecutorService consumption = Executors.newFixedThreadPool(4);
              Consumer(Closeable client, Closeable journal) { super(client, journal); }
              void consume(String message) {
                consumption.submit(() -> getClient().toString()); // acks through the client
              }
              @Override
              protected void drain() {}
              @Override
              public void close() throws IOException {
                // BUG: Diagnostic contains: close() releases `client` (line 15 of ClientBase.java) while `consumption`, whose tasks use `client`, is stopped only later (line 18)
                super.close();
                consumption.shutdown();
                try {
                  consumption.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .addSourceLines(
            "Recorder.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Recorder extends ClientBase {
              private final ExecutorService writers = Executors.newSingleThreadExecutor();
              Recorder(Closeable client, Closeable journal) { super(client, journal); }
              void record(String entry) { writers.execute(() -> journal().toString()); }
              @Override
              protected void drain() {}
              @Override
              public void close() throws IOException {
                // BUG: Diagnostic contains: close() releases `journal` (line 18 of ClientBase.java) while `writers`, whose tasks use `journal`, is stopped only later (line 15)
                closeJournal(); // inherited, not overridden: its body runs
                writers.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void superclassShutdownInTheRightOrderOrOfWhatNoTaskUses() {
    helper
        .addSourceLines("ClientBase.java", CLIENT_BASE)
        .addSourceLines(
            "Ordered.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Ordered extends ClientBase {
              private final ExecutorService consumption = Executors.newFixedThreadPool(4);
              Ordered(Closeable client, Closeable journal) { super(client, journal); }
              void consume(String message) { consumption.submit(() -> getClient().toString()); }
              @Override
              protected void drain() {}
              @Override
              public void close() throws IOException {
                consumption.shutdown();
                try {
                  consumption.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                super.close(); // the tasks are done
              }
            }
            """)
        .addSourceLines(
            "JournalOnly.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class JournalOnly extends ClientBase {
              private final ExecutorService writers = Executors.newSingleThreadExecutor();
              JournalOnly(Closeable client, Closeable journal) { super(client, journal); }
              void record(String entry) { writers.execute(() -> journal().toString()); }
              @Override
              protected void drain() {}
              @Override
              public void close() throws IOException {
                super.close(); // releases the client, which no task here uses
                writers.shutdownNow();
              }
            }
            """)
        .addSourceLines(
            "Peer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Peer extends ClientBase {
              private final ExecutorService consumption = Executors.newFixedThreadPool(2);
              private final ClientBase upstream;
              Peer(Closeable client, Closeable journal, ClientBase upstream) {
                super(client, journal);
                this.upstream = upstream;
              }
              void consume(String message) { consumption.submit(() -> getClient().toString()); }
              @Override
              protected void drain() {}
              @Override
              public void close() throws IOException {
                upstream.close(); // another object's client, not the one the tasks use
                drain(); // abstract in the superclass, overridden here
                consumption.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void taskMadeInALocalBeforeItIsSubmitted() {
    // Consultant 2016 (PR 14 to PR 24): the poller, made with the client, kept in a local first.
    helper
        .addSourceLines(
            "Poller.java",
            """
            import java.io.Closeable;
            class Poller implements Runnable {
              private final Closeable http;
              Poller(Closeable http) { this.http = http; }
              @Override public void run() { http.toString(); }
            }
            """)
        .addSourceLines(
            "Consultant.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Consultant {
              private final ScheduledExecutorService executor;
              private final Closeable http;
              private final Closeable audit;
              Consultant(ScheduledExecutorService executor, Closeable http, Closeable audit) {
                this.executor = executor;
                this.http = http;
                this.audit = audit;
              }
              void start() {
                Poller poller = new Poller(http);
                executor.submit(poller);
              }
              public void shutdown() throws IOException, InterruptedException {
                audit.close(); // the poller does not use it
                // BUG: Diagnostic contains: close() releases `http` while `executor`, whose tasks use `http`
                http.close();
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }
}
