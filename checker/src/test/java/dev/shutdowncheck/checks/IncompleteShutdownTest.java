package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class IncompleteShutdownTest {

  private final CompilationTestHelper helper =
      LibraryStubs.addResourceLibraries(
          CompilationTestHelper.newInstance(IncompleteShutdown.class, getClass()));

  @Test
  void closeReleasesThePoolButNotTheCacheClient() {
    // The half-done shutdown: the database pool is closed, the Redis client next to it is not.
    helper
        .addSourceLines(
            "Storage.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import io.lettuce.core.RedisClient;
            class Storage implements AutoCloseable {
              private final HikariDataSource dataSource = new HikariDataSource();
              // BUG: Diagnostic contains: close() releases dataSource but not `redis` (RedisClient)
              private final RedisClient redis = RedisClient.create("redis://cache");
              @Override
              public void close() {
                dataSource.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void preDestroyForgetsTheProducer() {
    // A Jakarta bean whose @PreDestroy shuts the gRPC channel and forgets the Kafka producer.
    helper
        .addSourceLines(
            "EventPublisher.java",
            """
            import io.grpc.ManagedChannel;
            import io.grpc.ManagedChannelBuilder;
            import jakarta.annotation.PreDestroy;
            import java.util.Properties;
            import org.apache.kafka.clients.producer.KafkaProducer;
            class EventPublisher {
              private final ManagedChannel channel = ManagedChannelBuilder.forTarget("audit").build();
              // BUG: Diagnostic contains: onShutdown() releases channel but not `producer`
              private final KafkaProducer<String, String> producer = new KafkaProducer<>(new Properties());
              @PreDestroy
              void onShutdown() {
                channel.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void disposableBeanForgetsOkHttpAndTheWriter() {
    // Spring DisposableBean.destroy() that stops one client of three.
    helper
        .addSourceLines(
            "Exporter.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import okhttp3.OkHttpClient;
            import org.springframework.beans.factory.DisposableBean;
            import redis.clients.jedis.JedisPool;
            class Exporter implements DisposableBean {
              private final JedisPool pool = new JedisPool("cache", 6379);
              // BUG: Diagnostic contains: destroy() releases pool but not `http` (OkHttpClient)
              private final OkHttpClient http = new OkHttpClient();
              // BUG: Diagnostic contains: but not `spool` (BufferedWriter)
              private final Writer spool;
              Exporter(Path dir) throws IOException {
                this.spool = Files.newBufferedWriter(dir.resolve("spool"));
              }
              @Override
              public void destroy() {
                pool.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void shutdownHookClosesOneOfTwo() {
    // A main class that registers a shutdown hook and forgets the server socket.
    helper
        .addSourceLines(
            "Main.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import java.io.IOException;
            import java.net.ServerSocket;
            class Main {
              private static final HikariDataSource DB = new HikariDataSource();
              // BUG: Diagnostic contains: the shutdown hook releases DB but not `SERVER` (ServerSocket)
              private static ServerSocket SERVER;
              public static void main(String[] args) throws IOException {
                SERVER = new ServerSocket(8080);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> DB.close()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void dropwizardManagedStopMissesTheGrpcServer() {
    // Dropwizard Managed: stop() stops the HTTP client but not the gRPC server it started.
    helper
        .addSourceLines(
            "GrpcBridge.java",
            """
            import io.dropwizard.lifecycle.Managed;
            import io.grpc.Server;
            import io.grpc.ServerBuilder;
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            class GrpcBridge implements Managed {
              private final CloseableHttpClient http = HttpClients.createDefault();
              // BUG: Diagnostic contains: stop() releases http but not `server` (Server)
              private Server server;
              @Override
              public void start() throws Exception {
                server = ServerBuilder.forPort(9090).addService(new Object()).build().start();
              }
              @Override
              public void stop() throws Exception {
                http.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void staticShutdownMethodMissesAStaticClient() {
    // A static facade with a static shutdown(): it closes the pool and forgets the HTTP client.
    helper
        .addSourceLines(
            "Backend.java",
            """
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            import redis.clients.jedis.JedisPool;
            final class Backend {
              private static final JedisPool POOL = new JedisPool("cache", 6379);
              // BUG: Diagnostic contains: shutdown() releases POOL but not `HTTP`
              private static final CloseableHttpClient HTTP = HttpClients.createDefault();
              public static void shutdown() {
                POOL.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void shutdownPathThatReleasesNothing() {
    // close() only logs: the connection stays open.
    helper
        .addSourceLines(
            "Session.java",
            """
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.sql.SQLException;
            class Session implements AutoCloseable {
              // BUG: Diagnostic contains: close() releases none of the class's resources: `connection` (Connection)
              private final Connection connection;
              Session(String url) throws SQLException {
                connection = DriverManager.getConnection(url);
              }
              @Override
              public void close() {
                System.out.println("closing");
              }
            }
            """)
        .doTest();
  }

  // Negative cases: every owned resource is released on the shutdown path, in the ways real code does it.

  @Test
  void releasedThroughThisAliasesAndNullGuards() {
    helper
        .addSourceLines(
            "Repository.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import io.lettuce.core.RedisClient;
            import jakarta.annotation.PreDestroy;
            import java.net.Socket;
            import javax.sql.DataSource;
            class Repository {
              private final HikariDataSource dataSource = new HikariDataSource();
              private RedisClient redis = RedisClient.create("redis://cache");
              private final Socket socket = new Socket();
              // Declared as an interface that is not AutoCloseable, released with a pattern match.
              private final DataSource reporting = new HikariDataSource();
              @PreDestroy
              void shutdown() throws Exception {
                // Through this.
                this.dataSource.close();
                // Null-guarded, then cleared.
                if (redis != null) {
                  redis.shutdown();
                  redis = null;
                }
                // Through a local alias.
                Socket s = socket;
                s.close();
                if (reporting instanceof AutoCloseable closeable) {
                  closeable.close();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedWithTryWithResourcesOverTheFields() {
    helper
        .addSourceLines(
            "Pipeline.java",
            """
            import java.io.OutputStream;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import redis.clients.jedis.JedisPool;
            class Pipeline implements AutoCloseable {
              private final OutputStream out;
              private final JedisPool pool = new JedisPool("cache", 6379);
              Pipeline(String file) throws IOException { out = new FileOutputStream(file); }
              @Override
              public void close() throws IOException {
                // Java 9 try-with-resources on effectively final fields, and on a local copy.
                try (out; var p = this.pool) {
                  out.flush();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedByQuietCloseHelpers() {
    helper
        .addSourceLines(
            "Gateway.java",
            """
            import com.google.common.io.Closeables;
            import java.io.Closeable;
            import java.io.IOException;
            import java.net.Socket;
            import okhttp3.OkHttpClient;
            import org.apache.commons.io.IOUtils;
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            import redis.clients.jedis.JedisPool;
            class Gateway implements Closeable {
              private final JedisPool pool = new JedisPool("cache", 6379);
              private final CloseableHttpClient http = HttpClients.createDefault();
              private final Socket socket = new Socket();
              private final Socket backup = new Socket();
              private final OkHttpClient okHttp = new OkHttpClient();
              @Override
              public void close() throws IOException {
                // A helper of the class that closes its parameter.
                closeQuietly(pool);
                // commons-io and Guava helpers.
                IOUtils.closeQuietly(http);
                Closeables.close(socket, true);
                safely(backup);
                // OkHttp's documented shutdown.
                okHttp.dispatcher().executorService().shutdown();
                okHttp.connectionPool().evictAll();
              }
              private void safely(Socket s) { closeQuietly(s); }
              private static void closeQuietly(Closeable closeable) {
                try {
                  closeable.close();
                } catch (IOException ignored) {
                  // best effort
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedInLoopsOverResources() {
    helper
        .addSourceLines(
            "Connectors.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.net.Socket;
            import java.util.List;
            import java.util.stream.Stream;
            import redis.clients.jedis.JedisPool;
            class Connectors implements Closeable {
              private final Socket a = new Socket();
              private final Socket b = new Socket();
              private final JedisPool c = new JedisPool("c", 1);
              private final JedisPool d = new JedisPool("d", 1);
              private final Socket e = new Socket();
              private final Socket f = new Socket();
              @Override
              public void close() throws IOException {
                // A loop over List.of(..).
                for (Closeable closeable : List.of(a, b)) {
                  closeable.close();
                }
                // A varargs closeAll helper.
                closeAll(c, d);
                // Streams with a method reference, and an array.
                Stream.of(e).forEach(Connectors::quietly);
                Closeable[] rest = {f};
                for (Closeable r : rest) {
                  quietly(r);
                }
              }
              private static void closeAll(Closeable... closeables) throws IOException {
                for (Closeable closeable : closeables) {
                  closeable.close();
                }
              }
              private static void quietly(Closeable closeable) {
                try { closeable.close(); } catch (IOException ignored) { }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedThroughSameClassMethodsAndGetters() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import io.grpc.ManagedChannel;
            import io.grpc.ManagedChannelBuilder;
            import java.util.concurrent.TimeUnit;
            import redis.clients.jedis.JedisPool;
            class Indexer implements AutoCloseable {
              private final ManagedChannel channel = ManagedChannelBuilder.forTarget("search").build();
              private JedisPool pool;
              private JedisPool pool() {
                if (pool == null) {
                  pool = new JedisPool("cache", 6379);
                }
                return pool;
              }
              @Override
              public void close() throws InterruptedException {
                stopChannel();
                pool().close();
              }
              private void stopChannel() throws InterruptedException {
                channel.shutdown();
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                  channel.shutdownNow();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedByShutdownHooksOfEveryShape() {
    helper
        .addSourceLines(
            "Daemon.java",
            """
            import io.lettuce.core.RedisClient;
            import java.net.ServerSocket;
            import java.io.IOException;
            import redis.clients.jedis.JedisPool;
            class Daemon {
              private static final RedisClient REDIS = RedisClient.create("redis://cache");
              private static final JedisPool POOL = new JedisPool("cache", 6379);
              private final ServerSocket server;
              Daemon() throws IOException {
                server = new ServerSocket(0);
                // A method reference given to new Thread(..).
                Runtime.getRuntime().addShutdownHook(new Thread(REDIS::shutdown));
                // An anonymous Thread subclass.
                Runtime.getRuntime().addShutdownHook(new Thread() {
                  @Override public void run() {
                    POOL.close();
                    try { server.close(); } catch (IOException ignored) { }
                  }
                });
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedByACloserThatTheShutdownPathCloses() {
    // Guava's Closer (and any registry): resources registered at creation are not owned by fields.
    helper
        .addSourceLines(
            "Resources.java",
            """
            import com.google.common.io.Closer;
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import redis.clients.jedis.JedisPool;
            class Resources implements java.io.Closeable {
              private final Closer closer = Closer.create();
              private final JedisPool pool = closer.register(new JedisPool("cache", 6379));
              private final InputStream in;
              Resources(String file) throws IOException {
                in = new FileInputStream(file);
                closer.register(in);
              }
              @Override public void close() throws IOException { closer.close(); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedByInnerAndAnonymousClasses() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import io.dropwizard.lifecycle.Managed;
            import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
            import java.io.IOException;
            import java.net.Socket;
            import okhttp3.OkHttpClient;
            import redis.clients.jedis.JedisPool;
            class Service implements AutoCloseable {
              private final JedisPool pool = new JedisPool("cache", 6379);
              private final Socket socket = new Socket();
              private final Worker worker = new Worker();
              Service(LifecycleEnvironment lifecycle) {
                // Dropwizard: an anonymous Managed stops the pool.
                lifecycle.manage(new Managed() {
                  @Override public void stop() { pool.close(); }
                });
              }
              @Override public void close() throws IOException {
                worker.shutdown();
              }
              // An inner class that closes a field of its outer class.
              private final class Worker {
                private final OkHttpClient client = new OkHttpClient();
                void shutdown() throws IOException {
                  socket.close();
                  client.dispatcher().executorService().shutdownNow();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void enumAndRecordThatReleaseTheirResources() {
    helper
        .addSourceLines(
            "Registry.java",
            """
            import io.lettuce.core.RedisClient;
            import io.lettuce.core.resource.ClientResources;
            import redis.clients.jedis.JedisPool;
            // An enum singleton that owns a pool and offers a close() for the application's shutdown.
            enum Registry implements AutoCloseable {
              INSTANCE;
              private final JedisPool pool = new JedisPool("cache", 6379);
              @Override public void close() { pool.close(); }
            }
            // A record that builds a Lettuce client from its resources and shuts both down.
            record Redis(String uri) implements AutoCloseable {
              private static final ClientResources RESOURCES = ClientResources.create();
              private static final RedisClient CLIENT = RedisClient.create(RESOURCES, "redis://x");
              public static void shutdown() {
                CLIENT.shutdownAsync();
                RESOURCES.shutdown();
              }
              @Override public void close() {}
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void injectedValuesNeedNoReleaseOnTheShutdownPath() {
    // A Spring component that closes what it created and leaves injected beans to the container.
    helper
        .addSourceLines(
            "Reporter.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import java.io.IOException;
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import org.springframework.beans.factory.DisposableBean;
            import org.springframework.stereotype.Component;
            import redis.clients.jedis.JedisPool;
            @Component
            class Reporter implements DisposableBean {
              private final HikariDataSource dataSource;
              private final JedisPool pool;
              private final Writer out;
              Reporter(HikariDataSource dataSource, JedisPool pool, Path dir) throws IOException {
                this.dataSource = dataSource;
                this.pool = pool;
                this.out = Files.newBufferedWriter(dir.resolve("report.csv"));
              }
              @Override
              public void destroy() throws IOException {
                out.close();
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aStaticSharedClientIsNotTheInstanceCloseJob() {
    // Instance close() must not close a client shared by every instance; that is
    // UnreleasedResource's finding, not an incomplete instance shutdown.
    helper
        .addSourceLines(
            "Uploader.java",
            """
            import java.io.FileOutputStream;
            import java.io.IOException;
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            class Uploader implements AutoCloseable {
              private static final CloseableHttpClient SHARED = HttpClients.createDefault();
              private final FileOutputStream out;
              Uploader(String file) throws IOException { out = new FileOutputStream(file); }
              @Override public void close() throws IOException { out.close(); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void closingTheOutermostDecoratorReleasesTheStreamsItWraps() {
    // A binary log: the raw file stream is wrapped twice and only the outer stream is closed.
    helper
        .addSourceLines(
            "BinaryLog.java",
            """
            import java.io.BufferedOutputStream;
            import java.io.DataOutputStream;
            import java.io.File;
            import java.io.FileOutputStream;
            import java.io.IOException;
            class BinaryLog implements AutoCloseable {
              private final FileOutputStream raw;
              private final DataOutputStream data;
              BinaryLog(File file) throws IOException {
                raw = new FileOutputStream(file);
                data = new DataOutputStream(new BufferedOutputStream(raw));
              }
              @Override public void close() throws IOException { data.close(); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void releasedThroughTheObjectItWasGivenTo() {
    // httpcore5's HttpServer: the server socket goes to a request listener, and stop() terminates
    // the listener, which closes the socket. A pool given to a JdbcTemplate is not released by it.
    helper
        .addSourceLines(
            "HttpServer.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import java.io.IOException;
            import java.net.ServerSocket;
            class HttpServer {
              static final class RequestListener implements Runnable {
                private final ServerSocket socket;
                RequestListener(ServerSocket socket) { this.socket = socket; }
                @Override public void run() {}
                void terminate() throws IOException { socket.close(); }
              }
              static final class JdbcTemplate {
                JdbcTemplate(javax.sql.DataSource dataSource) {}
              }
              private volatile ServerSocket serverSocket;
              private volatile RequestListener listener;
              // BUG: Diagnostic contains: stop() releases none of the class's resources: `pool`
              private final HikariDataSource pool = new HikariDataSource();
              private final JdbcTemplate jdbc = new JdbcTemplate(pool);
              public void start() throws IOException {
                serverSocket = new ServerSocket(8080);
                listener = new RequestListener(serverSocket);
              }
              public void stop() throws IOException {
                RequestListener local = listener;
                if (local != null) {
                  local.terminate();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void theCloseOfAnAnonymousObjectIsNotTheClasss() {
    // OkHttp's RealConnection hands out streams whose close() completes an exchange; it is not a
    // shutdown path of the connection (whether the connection leaks is UnreleasedResource's call).
    helper
        .addSourceLines(
            "Connection.java",
            """
            import java.io.Closeable;
            import java.io.FileOutputStream;
            import java.io.IOException;
            class Connection {
              private final FileOutputStream journal;
              Connection() throws IOException {
                journal = new FileOutputStream("journal.log");
              }
              Closeable exchange() {
                return new Closeable() {
                  @Override public void close() { System.out.println("exchange done"); }
                };
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void closeablesWhoseCloseDoesNothingInAnotherFile() {
    // Thrift's TFramedTransport: its read buffer is a memory transport whose empty close() is in
    // another file of the same compilation.
    helper
        .addSourceLines(
            "TMemoryInputTransport.java",
            """
            class TMemoryInputTransport implements java.io.Closeable {
              @Override public void close() {}
            }
            """)
        .addSourceLines(
            "TFramedTransport.java",
            """
            class TFramedTransport implements java.io.Closeable {
              private final java.net.Socket socket = new java.net.Socket();
              private final TMemoryInputTransport readBuffer = new TMemoryInputTransport();
              @Override public void close() throws java.io.IOException { socket.close(); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void suppressedOnTheField() {
    helper
        .addSourceLines(
            "Tolerated.java",
            """
            import java.net.Socket;
            class Tolerated implements AutoCloseable {
              @SuppressWarnings("IncompleteShutdown") // closed by the transport layer
              private final Socket socket = new Socket();
              @Override public void close() {}
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aShutdownInheritedFromASuperclassCannotReleaseTheSubclassesFields() {
    helper
        .addSourceLines(
            "Inherited.java",
            """
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.OutputStream;
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            // A servlet's client: GenericServlet.destroy() is an empty hook meant to be overridden.
            class MessagingServlet extends javax.servlet.GenericServlet {
              // BUG: Diagnostic contains: inherits its shutdown, GenericServlet.destroy()
              private final CloseableHttpClient httpClient = HttpClients.createDefault();
            }
            // An adapter stream that inherits OutputStream.close(), which closes nothing.
            class TeeStream extends OutputStream {
              // BUG: Diagnostic contains: OutputStream.close(), which was written without this field
              private final FileOutputStream copy;
              TeeStream(String file) throws IOException { copy = new FileOutputStream(file); }
              @Override public void write(int b) throws IOException { copy.write(b); }
            }
            // The same stream with a close() of its own that releases it: fine.
            class ClosingTeeStream extends OutputStream {
              private final FileOutputStream copy;
              ClosingTeeStream(String file) throws IOException { copy = new FileOutputStream(file); }
              @Override public void write(int b) throws IOException { copy.write(b); }
              @Override public void close() throws IOException { copy.close(); }
            }
            // Handed to the superclass, whose close() knows it.
            class Wrapper extends java.io.FilterOutputStream {
              Wrapper(String file) throws IOException { super(new FileOutputStream(file)); }
            }
            """)
        .doTest();
  }

  @Test
  void aFieldWiredToWhatTheSuperclassOwnsIsStoppedByTheInheritedShutdown() {
    // httpclient5's MinimalH2AsyncClient: the pool is built on the I/O reactor of its superclass,
    // whose close() shuts the reactor down and with it every session of the pool.
    helper
        .addSourceLines(
            "Clients.java",
            """
            import java.io.Closeable;
            class Reactor implements Closeable {
              @Override public void close() {}
            }
            abstract class AsyncClientBase implements Closeable {
              private final Reactor reactor = new Reactor();
              protected Reactor reactor() { return reactor; }
              @Override public void close() { reactor.close(); }
            }
            class ConnPool implements Closeable {
              ConnPool(Object initiator) {}
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            final class MinimalClient extends AsyncClientBase {
              private final Object initiator;
              private final ConnPool pool;
              MinimalClient() {
                this.initiator = new Object[] {reactor()};
                this.pool = new ConnPool(this.initiator);
              }
            }
            """)
        .doTest();
  }

  @Test
  void registeringAChannelWithASelectorDoesNotHandTheSelectorOver() {
    // KryoNet 2.21's Client: the channel is registered with the client's selector; close() closed
    // the channel and woke the selector, and never closed it.
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.io.IOException;
            import java.net.InetSocketAddress;
            import java.nio.channels.SelectionKey;
            import java.nio.channels.Selector;
            import java.nio.channels.SocketChannel;
            class Client implements AutoCloseable {
              // BUG: Diagnostic contains: `selector`
              private final Selector selector;
              private SocketChannel channel;
              Client() throws IOException { selector = Selector.open(); }
              void connect(InetSocketAddress address) throws IOException {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_CONNECT);
                channel.connect(address);
              }
              @Override public void close() throws IOException {
                channel.close();
                selector.wakeup();
              }
            }
            """)
        .addSourceLines(
            "DirectoryWatcher.java",
            """
            import java.io.IOException;
            import java.nio.file.*;
            class DirectoryWatcher implements AutoCloseable {
              // BUG: Diagnostic contains: `watcher`
              private final WatchService watcher;
              private final java.io.BufferedWriter log;
              DirectoryWatcher(Path dir, Path logFile) throws IOException {
                watcher = FileSystems.getDefault().newWatchService();
                dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
                log = Files.newBufferedWriter(logFile);
              }
              @Override public void close() throws IOException { log.close(); }
            }
            """)
        .addSourceLines(
            "FixedClient.java",
            """
            import java.io.IOException;
            import java.nio.channels.SelectionKey;
            import java.nio.channels.Selector;
            import java.nio.channels.SocketChannel;
            class FixedClient implements AutoCloseable {
              private final Selector selector;
              private final SocketChannel channel;
              FixedClient() throws IOException {
                selector = Selector.open();
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
              }
              @Override public void close() throws IOException {
                channel.close();
                selector.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void anObjectThatOnlyUsesAResourceDoesNotTakeItOver() {
    // Spring Data Redis 1.1's DefaultLettucePool: the pool only opened connections from the client
    // it was given; destroy() closed the pool, and the client was never shut down.
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            class Client implements AutoCloseable {
              private final Socket socket = new Socket();
              Connection connect() { return new Connection(); }
              @Override public void close() throws IOException { socket.close(); }
              static class Connection implements AutoCloseable {
                @Override public void close() {}
              }
            }
            """)
        .addSourceLines(
            "ConnectionPool.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class ConnectionPool implements AutoCloseable {
              private final List<Client.Connection> idle = new ArrayList<>();
              ConnectionPool(Client client, int size) {
                for (int i = 0; i < size; i++) {
                  idle.add(client.connect());
                }
              }
              @Override public void close() {
                idle.forEach(Client.Connection::close);
              }
            }
            """)
        .addSourceLines(
            "LettucePool.java",
            """
            class LettucePool {
              // BUG: Diagnostic contains: `client`
              private Client client;
              private ConnectionPool pool;
              void afterPropertiesSet() {
                client = new Client();
                pool = new ConnectionPool(client, 8);
              }
              public void destroy() { pool.close(); }
            }
            """)
        .addSourceLines(
            "OwningPool.java",
            """
            class OwningPool implements AutoCloseable {
              // The pool keeps the client and closes it with itself: handed over.
              private final Client client;
              OwningPool(Client client) { this.client = client; }
              @Override public void close() throws Exception { client.close(); }
            }
            """)
        .addSourceLines(
            "Pools.java",
            """
            class Pools {
              private Client client;
              private OwningPool pool;
              void start() {
                client = new Client();
                pool = new OwningPool(client);
              }
              public void destroy() throws Exception { pool.close(); }
            }
            """)
        .doTest();
  }

  @Test
  void connectionsOpenedIntoADequeThatShutdownNeverCloses() {
    // HikariCP 1.2 shipped this: the pool opens its connections into a deque, and shutdown() only
    // sets a flag, so every connection stays open.
    helper
        .addSourceLines(
            "ConnectionPool.java",
            """
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.sql.SQLException;
            import java.util.concurrent.LinkedBlockingDeque;
            class ConnectionPool {
              // BUG: Diagnostic contains: shutdown() releases none of the Connection objects kept in `idle`
              private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
              private volatile boolean shutDown;
              ConnectionPool(String url, int size) throws SQLException {
                for (int i = 0; i < size; i++) {
                  idle.add(DriverManager.getConnection(url));
                }
              }
              Connection borrow() throws InterruptedException {
                return idle.take();
              }
              void giveBack(Connection connection) {
                idle.offer(connection);
              }
              public void shutdown() {
                shutDown = true;
              }
            }
            """)
        .doTest();
  }

  @Test
  void socketsPerHostKeptInAMapThatCloseForgets() {
    helper
        .addSourceLines(
            "Links.java",
            """
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.net.Socket;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Links implements AutoCloseable {
              private final ExecutorService sender = Executors.newSingleThreadExecutor();
              // BUG: Diagnostic contains: close() releases sender but none of the Socket objects kept in `links`
              private final Map<String, Socket> links = new HashMap<>();
              Socket link(String host) {
                return links.computeIfAbsent(host, h -> {
                  try {
                    return new Socket(h, 7000);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
              }
              @Override
              public void close() {
                sender.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void resourcesKeptInCollectionsAndClosedOnTheWayOut() {
    // Each way a shutdown closes what a collection holds: a loop, forEach with a method reference,
    // draining with poll(), an iterator, the values of a map, a helper given the whole collection.
    helper
        .addSourceLines(
            "Pools.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.sql.SQLException;
            import java.util.ArrayDeque;
            import java.util.ArrayList;
            import java.util.Iterator;
            import java.util.List;
            import java.util.Map;
            import java.util.Queue;
            import java.util.concurrent.ConcurrentHashMap;
            class LoopPool implements AutoCloseable {
              private final List<Connection> connections = new ArrayList<>();
              void grow(String url) throws SQLException {
                connections.add(DriverManager.getConnection(url));
              }
              @Override
              public void close() throws SQLException {
                for (Connection connection : connections) {
                  connection.close();
                }
              }
            }
            class DrainingPool implements AutoCloseable {
              private final Queue<Socket> idle = new ArrayDeque<>();
              void open(String host) throws IOException {
                Socket socket = new Socket(host, 80);
                socket.setKeepAlive(true);
                idle.add(socket);
              }
              @Override
              public void close() throws IOException {
                Socket next;
                while ((next = idle.poll()) != null) {
                  next.close();
                }
              }
            }
            class IteratingPool implements AutoCloseable {
              private final List<Socket> sockets = new ArrayList<>();
              void open(String host) throws IOException {
                sockets.add(new Socket(host, 80));
              }
              @Override
              public void close() throws IOException {
                Iterator<Socket> it = sockets.iterator();
                while (it.hasNext()) {
                  it.next().close();
                  it.remove();
                }
              }
            }
            class ClientsByTenant implements AutoCloseable {
              private final Map<String, Socket> byTenant = new ConcurrentHashMap<>();
              void open(String tenant) throws IOException {
                byTenant.put(tenant, new Socket(tenant, 443));
              }
              @Override
              public void close() {
                byTenant.values().forEach(ClientsByTenant::closeQuietly);
              }
              private static void closeQuietly(Socket socket) {
                try {
                  socket.close();
                } catch (IOException ignored) {
                  // closing anyway
                }
              }
            }
            class HelperClosesThem implements AutoCloseable {
              private final List<Socket> opened = new ArrayList<>();
              void open(String host) throws IOException {
                opened.add(new Socket(host, 80));
              }
              @Override
              public void close() {
                Sockets.closeAll(opened);
              }
            }
            class Sockets {
              static void closeAll(List<Socket> sockets) {}
            }
            """)
        .doTest();
  }

  @Test
  void collectionsOfBorrowedOrLentResourcesAreNotReported() {
    // Given in from outside, lent to the caller, kept in a local list, or whose close() holds nothing.
    helper
        .addSourceLines(
            "Registry.java",
            """
            import java.io.ByteArrayOutputStream;
            import java.io.IOException;
            import java.net.Socket;
            import java.util.ArrayList;
            import java.util.List;
            class Registry implements AutoCloseable {
              private final List<Socket> registered = new ArrayList<>();
              private final List<Socket> handedOut = new ArrayList<>();
              private final List<ByteArrayOutputStream> buffers = new ArrayList<>();
              void register(Socket socket) {
                registered.add(socket); // the caller's socket
              }
              List<Socket> openAll(List<String> hosts) throws IOException {
                List<Socket> sockets = new ArrayList<>();
                for (String host : hosts) {
                  sockets.add(new Socket(host, 80));
                }
                return sockets;
              }
              List<Socket> handedOut() {
                return handedOut;
              }
              void openFor(String host) throws IOException {
                handedOut.add(new Socket(host, 80));
                buffers.add(new ByteArrayOutputStream());
              }
              @Override
              public void close() {}
            }
            """)
        .doTest();
  }

  @Test
  void oneFailedReleaseSkipsTheRestOfItsTry() {
    // Apache Pulsar's client (issue 10010, again in PR 26045): shutdown() released everything in
    // one try whose handler rethrew, so a lookup service that failed to close left the rest open.
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.util.Timer;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Client implements AutoCloseable {
              static final class Lookup implements AutoCloseable {
                private final Socket socket = new Socket();
                @Override public void close() throws IOException { socket.close(); }
              }
              static final class Pool implements AutoCloseable {
                private final Socket socket = new Socket();
                @Override public void close() throws IOException { socket.close(); }
              }
              private final Lookup lookup = new Lookup();
              private final Pool pool = new Pool();
              private final Timer timer = new Timer("client-timer", true);
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              public void shutdown() throws IOException {
                try {
                  // BUG: Diagnostic contains: If `lookup.close()` throws IOException, the catch at line 26 skips the rest of this try, and with it the release of `pool`, `timer` and `executor`
                  lookup.close();
                  pool.close();
                  timer.cancel();
                  executor.shutdownNow();
                } catch (Throwable t) {
                  throw new IOException("Failed to shutdown client", t);
                }
              }
              @Override public void close() throws IOException { shutdown(); }
            }
            """)
        .addSourceLines(
            "Composite.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.util.ArrayList;
            import java.util.List;
            class Composite implements AutoCloseable {
              static final class Memory implements AutoCloseable {
                void freeElements(int count) throws IOException {}
                @Override public void close() {}
              }
              private final Memory memory = new Memory();
              private final List<Socket> auxiliaries = new ArrayList<>();
              void add() { auxiliaries.add(new Socket()); }
              @Override
              public void close() {
                for (Socket auxiliary : auxiliaries) {
                  try {
                    // BUG: Diagnostic contains: If `memory.freeElements(..)` throws IOException, the catch at line 20 skips the rest of this try, and with it the release of that element of `auxiliaries`
                    memory.freeElements(10);
                    auxiliary.close();
                  } catch (IOException e) {
                    System.err.println(e);
                  }
                }
                memory.close();
              }
            }
            """)
        .addSourceLines(
            "Gateway.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Gateway {
              static final class Server {
                void start() {}
                void stop() throws Exception {}
              }
              private final Server server = new Server();
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              public void stop() {
                try {
                  // BUG: Diagnostic contains: If `server.stop()` throws Exception, the catch at line 15 skips the rest of this try, and with it the release of `workers`
                  server.stop();
                  workers.shutdown();
                } catch (Exception e) {
                  System.err.println("stop failed: " + e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void releasesThatAFailureCannotSkip() {
    helper
        .addSourceLines(
            "Releases.java",
            """
            import java.io.FileNotFoundException;
            import java.io.IOException;
            import java.net.Socket;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Releases {
              private final Socket first = new Socket();
              private final Socket second = new Socket();
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              // The fix: each release in its own try.
              public void close() {
                try {
                  first.close();
                } catch (IOException e) {
                  System.err.println(e);
                }
                try {
                  second.close();
                } catch (IOException e) {
                  System.err.println(e);
                }
                pool.shutdown();
              }
              // The rest is released in finally, or after the try.
              public void stop() {
                try {
                  first.close();
                } catch (IOException e) {
                  System.err.println(e);
                } finally {
                  pool.shutdownNow();
                }
                try {
                  second.close();
                } catch (IOException ignored) {
                  // closing anyway
                }
                pool.shutdown();
              }
              // The usual bounded wait: the handler stops the same pool.
              public void shutdown() {
                pool.shutdown();
                try {
                  if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                  }
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
              // Releases in sequence with no handler: a failure leaves the method on purpose.
              public void dispose() throws IOException {
                first.close();
                second.close();
                pool.shutdown();
              }
              // The handler releases what the failure skipped.
              public void terminate() throws IOException {
                try {
                  first.close();
                  pool.shutdown();
                } catch (IOException e) {
                  pool.shutdownNow();
                  throw e;
                }
                second.close();
              }
              // The last release is the only one that can fail.
              public void destroy() {
                try {
                  pool.shutdownNow();
                  first.close();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .addSourceLines(
            "Narrow.java",
            """
            import java.io.FileNotFoundException;
            import java.io.IOException;
            import java.net.Socket;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Narrow implements AutoCloseable {
              private final Socket socket = new Socket();
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              // The handler takes only some of what close() throws: the rest leaves the method.
              @Override
              public void close() throws IOException {
                try {
                  socket.close();
                  pool.shutdown();
                } catch (FileNotFoundException e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .addSourceLines(
            "Session.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Session implements AutoCloseable {
              private final Socket control = new Socket();
              private final Socket data = new Socket();
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              // The handler has a clean-up of its own for the failure (httpcore5's SSLIOSession
              // closes the whole session at once).
              @Override
              public void close() {
                try {
                  control.close();
                  data.close();
                } catch (IOException e) {
                  pool.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void anUncheckedFailureSkipsTheRestWhereTheOtherReleasesAreGuarded() {
    // Apache Pulsar's client 4.2.1 (PR 26045): shutdown() gave each release its own try/catch
    // but the address resolver's, whose close() declares nothing; when it threw, the outer catch
    // skipped the event loop, the pool, the timer and the executors.
    helper
        .addSourceLines(
            "PulsarClient.java",
            """
            import java.util.Timer;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class PulsarClient implements AutoCloseable {
              static final class Lookup implements AutoCloseable {
                @Override public void close() {}
              }
              static final class AddressResolverGroup implements AutoCloseable {
                @Override public void close() {}
              }
              private final Lookup lookup;
              private final AddressResolverGroup addressResolver;
              private final Timer timer = new Timer("pulsar-timer", true);
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              PulsarClient(Lookup lookup, AddressResolverGroup addressResolver) {
                this.lookup = lookup;
                this.addressResolver = addressResolver;
              }
              public void shutdown() {
                try {
                  Throwable throwable = null;
                  try {
                    lookup.close();
                  } catch (Throwable t) {
                    throwable = t;
                  }
                  // BUG: Diagnostic contains: `addressResolver.close()` has no try/catch of its own, unlike `lookup.close()` at line 23: if it throws, the catch at line 38 skips the rest of this try, and with it the release of `timer` and `executor`
                  addressResolver.close();
                  try {
                    timer.cancel();
                  } catch (Throwable t) {
                    throwable = t;
                  }
                  executor.shutdownNow();
                  if (throwable != null) {
                    throw throwable;
                  }
                } catch (Throwable t) {
                  throw new IllegalStateException("Failed to shutdown Pulsar client", t);
                }
              }
              @Override public void close() { shutdown(); }
            }
            """)
        .doTest();
  }

  @Test
  void uncheckedFailuresAreNotFollowedWithoutAGuardedReleaseBesideThem() {
    helper
        .addSourceLines(
            "Releases.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Releases {
              static final class Client implements AutoCloseable {
                @Override public void close() {}
              }
              private final Client first = new Client();
              private final Client second = new Client();
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              // Pulsar's fix: every release in its own try.
              public void close() {
                try {
                  try {
                    first.close();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                  try {
                    second.close();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                  pool.shutdown();
                } catch (Throwable t) {
                  System.err.println(t);
                }
              }
              // No release has a try of its own: nothing says that close() is expected to fail.
              public void stop() {
                try {
                  first.close();
                  second.close();
                  pool.shutdown();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }
              // The unguarded step is an executor's shutdown(), which does not fail.
              public void shutdown() {
                try {
                  pool.shutdown();
                  try {
                    first.close();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                  second.close();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }
              // The other release's try gives up too: its catch rethrows.
              public void dispose() {
                try {
                  try {
                    first.close();
                  } catch (RuntimeException e) {
                    throw new IllegalStateException(e);
                  }
                  second.close();
                  pool.shutdown();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }
              // The unguarded release is the last one: a failure skips nothing.
              public void terminate() {
                try {
                  try {
                    first.close();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                  pool.shutdown();
                  second.close();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .addSourceLines(
            "Narrow.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Narrow {
              static final class Client implements AutoCloseable {
                @Override public void close() {}
              }
              private final Client client = new Client();
              private final Client other = new Client();
              private final Socket socket = new Socket();
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              // The other release's try takes only what it declares; and the outer catch takes
              // no unchecked failure, which leaves the method on purpose.
              public void stop() {
                try {
                  try {
                    socket.close();
                  } catch (IOException e) {
                    System.err.println(e);
                  }
                  client.close();
                  pool.shutdown();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }
              public void close() throws IOException {
                try {
                  try {
                    client.close();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                  other.close();
                  socket.close();
                  pool.shutdown();
                } catch (java.io.FileNotFoundException e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  private static final String REGISTRY_BASE =
      """
      import java.util.concurrent.ConcurrentHashMap;
      public abstract class AbstractRegistry implements AutoCloseable {
        protected final ConcurrentHashMap<String, Long> meters = new ConcurrentHashMap<>();
        @Override public void close() { meters.clear(); }
      }
      """;

  @Test
  void inheritedCloseNeverCallsTheStopMethod() {
    // Netflix Spectator's StatelessRegistry (PR 1259): stop() shuts the scheduler down, the close()
    // it inherits only drops the meters, so try-with-resources leaves the thread running.
    helper
        .addSourceLines("AbstractRegistry.java", REGISTRY_BASE)
        .addSourceLines(
            "StatelessRegistry.java",
            """
            import java.util.concurrent.*;
            public class StatelessRegistry extends AbstractRegistry {
              // BUG: Diagnostic contains: `scheduler` (ScheduledExecutorService) is released only by stop(), and close(), inherited from AbstractRegistry, never calls it
              private ScheduledExecutorService scheduler;
              public void start() {
                scheduler = Executors.newSingleThreadScheduledExecutor();
                scheduler.scheduleWithFixedDelay(this::send, 5, 5, TimeUnit.SECONDS);
              }
              public void stop() {
                if (scheduler != null) {
                  scheduler.shutdown();
                  scheduler = null;
                }
                send();
              }
              private void send() {}
            }
            """)
        .addSourceLines(
            "Base.java",
            """
            import java.io.Closeable;
            public class Base implements Closeable {
              @Override public void close() {}
            }
            """)
        .addSourceLines(
            "Feed.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            public class Feed extends Base {
              // BUG: Diagnostic contains: leaves it open; override close() to call shutdown()
              private final Socket socket = new Socket();
              public void shutdown() throws IOException {
                release();
              }
              private void release() throws IOException {
                socket.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void inheritedCloseThatReachesTheStop() {
    helper
        .addSourceLines("AbstractRegistry.java", REGISTRY_BASE)
        .addSourceLines(
            "Lifecycle.java",
            """
            public interface Lifecycle { void stop(); }
            """)
        .addSourceLines(
            "Stoppable.java",
            """
            // The base's close() calls stop(), which subclasses override.
            public class Stoppable implements AutoCloseable {
              public void stop() {}
              @Override public void close() { stop(); }
            }
            """)
        .addSourceLines(
            "Templated.java",
            """
            // The base's close() calls a hook, which subclasses override.
            public abstract class Templated implements AutoCloseable {
              protected abstract void onClose();
              @Override public void close() { onClose(); }
            }
            """)
        .addSourceLines(
            "Registries.java",
            """
            import java.util.concurrent.*;
            // close() is the class's own, and calls stop().
            class Overriding extends AbstractRegistry {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              public void stop() { pool.shutdown(); }
              @Override public void close() {
                stop();
                super.close();
              }
            }
            // stop() overrides the base's, which the inherited close() calls.
            class Overridden extends Stoppable {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              @Override public void stop() { pool.shutdown(); }
            }
            // The overridden hook calls stop().
            class Hooked extends Templated {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              public void stop() { pool.shutdown(); }
              @Override protected void onClose() { stop(); }
            }
            // A framework calls stop() (Dropwizard's Managed, Spring's Lifecycle).
            class Managed extends AbstractRegistry implements Lifecycle {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              @Override public void stop() { pool.shutdown(); }
            }
            // A shutdown hook calls it too.
            class WithHook extends AbstractRegistry {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              WithHook() { Runtime.getRuntime().addShutdownHook(new Thread(this::stop)); }
              public void stop() { pool.shutdown(); }
            }
            // Abstract: a subclass decides what close() does.
            abstract class Partial extends AbstractRegistry {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              public void stop() { pool.shutdown(); }
            }
            """)
        .addSourceLines(
            "Bean.java",
            """
            import jakarta.annotation.PreDestroy;
            import java.util.concurrent.*;
            // The container calls the annotated stop().
            class Bean extends AbstractRegistry {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              @PreDestroy public void stop() { pool.shutdown(); }
            }
            """)
        .doTest();
  }
}
