package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class ShutdownBudgetExceededTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ShutdownBudgetExceeded.class, getClass());

  @Test
  void twoPoolsOfTwentySecondsEach() {
    helper
        .addSourceLines(
            "Embeddings.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Embeddings implements AutoCloseable {
              private static final long DRAIN_SECONDS = 20;
              private ExecutorService embedders;
              private ExecutorService writers;
              @Override
              // BUG: Diagnostic contains: close() waits up to 40 s, one wait after another, longer than the 30 s grace period (-XepOpt:ShutdownCheck:GracePeriod): awaitTermination(..) 20 s (line 16, called at line 10), awaitTermination(..) 20 s (line 16, called at line 11)
              public void close() {
                drain(embedders);
                drain(writers);
              }
              private static void drain(ExecutorService pool) {
                pool.shutdown();
                try {
                  if (!pool.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                  }
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void oneWaitAloneLongerThanTheGracePeriod() {
    helper
        .addSourceLines(
            "Flusher.java",
            """
            import java.time.Duration;
            import java.util.concurrent.ExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            class Flusher {
              private static final Duration GRACE = Duration.ofMinutes(1);
              private ExecutorService pool;
              // BUG: Diagnostic contains: stop() waits up to 60 s in one wait, longer than the 30 s grace period
              public void stop() {
                MoreExecutors.shutdownAndAwaitTermination(pool, GRACE);
              }
            }
            """)
        .doTest();
  }

  @Test
  void shutdownHookAndAPlatformsGracePeriod() {
    helper
        .setArgs("-XepOpt:ShutdownCheck:GracePeriod=docker")
        .addSourceLines(
            "Main.java",
            """
            import com.sun.net.httpserver.HttpServer;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Main {
              static void run(HttpServer server, List<ExecutorService> pools) {
                // BUG: Diagnostic contains: This shutdown hook waits up to 13 s or more, one wait after another, longer than the 10 s grace period (-XepOpt:ShutdownCheck:GracePeriod): stop(..) 8 s (line 9), awaitTermination(..) 5 s per element (line 13); a wait in a loop runs once per element
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                  server.stop(8);
                  for (ExecutorService pool : pools) {
                    pool.shutdown();
                    try {
                      pool.awaitTermination(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsWithinTheBudget() {
    helper
        .addSourceLines(
            "Workers.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Workers implements AutoCloseable {
              private ExecutorService workers;
              private Thread reaper;
              @Override
              public void close() throws InterruptedException {
                workers.shutdown();
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                  workers.shutdownNow();
                  workers.awaitTermination(5, TimeUnit.SECONDS);
                }
                reaper.interrupt();
                reaper.join(2_000);
              }
            }
            """)
        .doTest();
  }

  @Test
  void sharedDeadlineIsNotSummed() {
    helper
        .addSourceLines(
            "Deadline.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Deadline implements AutoCloseable {
              private List<ExecutorService> pools;
              @Override
              public void close() throws InterruptedException {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
                for (ExecutorService pool : pools) {
                  pool.shutdown();
                }
                for (ExecutorService pool : pools) {
                  // each waits only for the time left of one 25 s budget
                  pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void onlyOneArmOfAChoiceRuns() {
    helper
        .addSourceLines(
            "Choice.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Choice implements AutoCloseable {
              private ExecutorService pool;
              private boolean graceful;
              @Override
              public void close() {
                try {
                  if (graceful) {
                    pool.shutdown();
                    pool.awaitTermination(25, TimeUnit.SECONDS);
                  } else {
                    pool.shutdownNow();
                    pool.awaitTermination(20, TimeUnit.SECONDS);
                  }
                } catch (InterruptedException e) {
                  // runs instead of the rest of the try block, not after all of it
                  pool.shutdownNow();
                  try {
                    pool.awaitTermination(20, TimeUnit.SECONDS);
                  } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void unboundedAndDeferredWaitsAndOtherMethodsAreNotCounted() {
    helper
        .addSourceLines(
            "Elsewhere.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Elsewhere implements AutoCloseable {
              private ExecutorService pool;
              private ExecutorService closer;
              private Future<?> pending;
              @Override
              public void close() throws Exception {
                pending.get(); // no deadline: UnboundedWait's business
                pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                closer.submit(() -> pool.awaitTermination(60, TimeUnit.SECONDS)); // on another thread
              }
              void reindex() throws InterruptedException {
                pool.awaitTermination(5, TimeUnit.MINUTES); // not a shutdown path
              }
            }
            """)
        .doTest();
  }

  @Test
  void aHookThatCallsCloseIsNotReportedTwice() {
    helper
        .addSourceLines(
            "App.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class App implements AutoCloseable {
              private ExecutorService first;
              private ExecutorService second;
              App() {
                Runtime.getRuntime().addShutdownHook(new Thread(this::close));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close()));
              }
              @Override
              // BUG: Diagnostic contains: close() waits up to 40 s
              public void close() {
                try {
                  first.awaitTermination(20, TimeUnit.SECONDS);
                  second.awaitTermination(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void aLongerGracePeriodFitsTheWaits() {
    helper
        .setArgs("-XepOpt:ShutdownCheck:GracePeriod=2m")
        .addSourceLines(
            "Batch.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Batch implements AutoCloseable {
              private ExecutorService first;
              private ExecutorService second;
              @Override
              public void close() throws InterruptedException {
                first.awaitTermination(45, TimeUnit.SECONDS);
                second.awaitTermination(45, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void testTeardownAndSuppression() {
    helper
        .addSourceLines(
            "PoolTest.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            import org.junit.jupiter.api.AfterEach;
            class PoolTest {
              private ExecutorService pool;
              @AfterEach
              public void close() throws InterruptedException {
                pool.awaitTermination(1, TimeUnit.MINUTES);
              }
            }
            """)
        .addSourceLines(
            "Archiver.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Archiver implements AutoCloseable {
              private ExecutorService pool;
              @SuppressWarnings("ShutdownBudgetExceeded") // runs as a batch job with no grace period
              @Override
              public void close() throws InterruptedException {
                pool.awaitTermination(5, TimeUnit.MINUTES);
              }
            }
            """)
        .doTest();
  }

  private static final String KAFKA_PRODUCER =
      """
      package org.apache.kafka.clients.producer;
      public class KafkaProducer<K, V> implements java.io.Closeable {
        public KafkaProducer(java.util.Properties properties) {}
        @Override public void close() {}
        public void close(java.time.Duration timeout) {}
      }
      """;

  @Test
  void aClientsTimedCloseCountsAsAWait() {
    helper
        .addSourceLines("KafkaProducer.java", KAFKA_PRODUCER)
        .addSourceLines(
            "Indexer.java",
            """
            import java.time.Duration;
            import java.util.Properties;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            import org.apache.kafka.clients.producer.KafkaProducer;
            class Indexer implements AutoCloseable {
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final KafkaProducer<String, String> producer = new KafkaProducer<>(new Properties());
              @Override
              // BUG: Diagnostic contains: awaitTermination(..) 20 s (line 14), close(..) 20 s (line 15)
              public void close() throws InterruptedException {
                workers.shutdown();
                workers.awaitTermination(20, TimeUnit.SECONDS);
                producer.close(Duration.ofSeconds(20));
              }
            }
            """)
        .addSourceLines(
            "Publisher.java",
            """
            import java.time.Duration;
            import java.util.Properties;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            import org.apache.kafka.clients.producer.KafkaProducer;
            class Publisher implements AutoCloseable {
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final KafkaProducer<String, String> producer = new KafkaProducer<>(new Properties());
              @Override
              public void close() throws InterruptedException {
                workers.shutdown();
                workers.awaitTermination(15, TimeUnit.SECONDS);
                producer.close(Duration.ofSeconds(10));
              }
            }
            """)
        .doTest();
  }

  @Test
  void waitsOfTheSuperclassShutdownCount() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            abstract class Service implements AutoCloseable {
              private final ExecutorService io = Executors.newFixedThreadPool(2);
              @Override
              public void close() throws InterruptedException {
                io.shutdown();
                io.awaitTermination(20, TimeUnit.SECONDS);
              }
            }
            """)
        .addSourceLines(
            "Ingest.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Ingest extends Service {
              private final ExecutorService parsers = Executors.newFixedThreadPool(2);
              @Override
              // BUG: Diagnostic contains: close() waits up to 40 s, one wait after another, longer than the 30 s grace period (-XepOpt:ShutdownCheck:GracePeriod): awaitTermination(..) 20 s (line 9 of Service.java, called at line 9), awaitTermination(..) 20 s (line 11)
              public void close() throws InterruptedException {
                super.close();
                parsers.shutdown();
                parsers.awaitTermination(20, TimeUnit.SECONDS);
              }
            }
            """)
        .addSourceLines(
            "Quick.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Quick extends Service {
              private final ExecutorService parsers = Executors.newFixedThreadPool(2);
              @Override
              public void close() throws InterruptedException {
                super.close(); // 20 s, and 5 s here: within the 30 s
                parsers.shutdown();
                parsers.awaitTermination(5, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }
}
