package dev.shutdowncheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import dev.shutdowncheck.findings.ConfigurationErrorTest;
import dev.shutdowncheck.model.ShutdownCheckOptions;
import dev.shutdowncheck.model.TypeMember;
import dev.shutdowncheck.TestJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreleasedResourceTest {

  /** A company pool that is not AutoCloseable and is released by drain(). */
  private static final String ACME_POOL =
      """
      package com.acme;
      public class Pool {
        public void drain() {}
      }
      """;

  private final CompilationTestHelper helper =
      LibraryStubs.addResourceLibraries(
          CompilationTestHelper.newInstance(UnreleasedResource.class, getClass()));

  @Test
  void poolCreatedInConstructorOfRepositoryWithNoShutdown() {
    // A DAO that builds its own Hikari pool and is never closed: the most common leak on redeploy.
    helper
        .addSourceLines(
            "UserRepository.java",
            """
            import com.zaxxer.hikari.HikariConfig;
            import com.zaxxer.hikari.HikariDataSource;
            class UserRepository {
              // BUG: Diagnostic contains: `dataSource` (HikariDataSource) is created and owned here
              private final HikariDataSource dataSource;
              UserRepository(String url) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                this.dataSource = new HikariDataSource(config);
              }
              int count() throws Exception {
                try (var connection = dataSource.getConnection()) {
                  return 1;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void clientsOfTheUsualLibrariesWithNoShutdown() {
    helper
        .addSourceLines(
            "Clients.java",
            """
            import io.grpc.ManagedChannel;
            import io.grpc.ManagedChannelBuilder;
            import io.lettuce.core.RedisClient;
            import okhttp3.OkHttpClient;
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            class Clients {
              // The shared Apache client in a static field of a utility class.
              // BUG: Diagnostic contains: no static shutdown path
              private static final CloseableHttpClient HTTP = HttpClients.createDefault();
              // A gRPC stub holder that builds its own channel.
              // BUG: Diagnostic contains: `channel` (ManagedChannel)
              private final ManagedChannel channel =
                  ManagedChannelBuilder.forAddress("inventory", 8080).usePlaintext().build();
              // Lettuce client made from a URI.
              // BUG: Diagnostic contains: `redis` (RedisClient)
              private final RedisClient redis = RedisClient.create("redis://cache");
              // OkHttp built from a fresh builder.
              // BUG: Diagnostic contains: `okHttp` (OkHttpClient)
              private final OkHttpClient okHttp = new OkHttpClient.Builder().build();
              Object use() { return channel.toString() + redis + okHttp + HTTP; }
            }
            """)
        .doTest();
  }

  @Test
  void jaxRsClientThatIsNeverClosed() {
    // GitLab4J before 4.14.19 (PR 520): the API client built a Jersey client per instance and
    // had no way to close it; JAX-RS 2.1's Client has close() but is not AutoCloseable.
    helper
        .addSourceLines(
            "GitLabApiClient.java",
            """
            import javax.ws.rs.client.Client;
            import javax.ws.rs.client.ClientBuilder;
            class GitLabApiClient {
              // BUG: Diagnostic contains: `apiClient` (Client) is created and owned here
              private final Client apiClient = ClientBuilder.newBuilder().register(Object.class).build();
              Object get(String path) { return apiClient.target(path); }
            }
            """)
        .addSourceLines(
            "GitLabApiClientFactory.java",
            """
            import javax.ws.rs.client.Client;
            import javax.ws.rs.client.ClientBuilder;
            // GitLab4J 4.14.17's own shape: a factory-named method that keeps what it makes in the
            // field, and whose every call in the class drops what it returns.
            class GitLabApiClientFactory {
              // BUG: Diagnostic contains: `apiClient` (Client) is created and owned here
              private Client apiClient;
              Object get(String path) {
                if (apiClient == null) {
                  createApiClient();
                }
                return apiClient.target(path);
              }
              protected Client createApiClient() {
                apiClient = ClientBuilder.newBuilder().build();
                return apiClient;
              }
            }
            """)
        .addSourceLines(
            "Factories.java",
            """
            import javax.ws.rs.client.Client;
            import javax.ws.rs.client.ClientBuilder;
            class Factories {
              // Public: its users may take what it returns.
              static class Public {
                private Client client;
                Object get(String path) {
                  createClient();
                  return client.target(path);
                }
                public Client createClient() {
                  client = ClientBuilder.newClient();
                  return client;
                }
              }
              // Never called here: the subclass that calls it takes what it returns.
              static class ForSubclasses {
                protected Client client;
                Object get(String path) { return client.target(path); }
                protected Client createClient() {
                  client = ClientBuilder.newClient();
                  return client;
                }
              }
              // A caller that takes the result.
              static class Taken {
                private Client client;
                Object get(String path) {
                  Client made = createClient();
                  return made.target(path);
                }
                private Client createClient() {
                  client = ClientBuilder.newClient();
                  return client;
                }
              }
            }
            """)
        .addSourceLines(
            "Clients.java",
            """
            import javax.inject.Inject;
            import javax.ws.rs.client.Client;
            import javax.ws.rs.client.ClientBuilder;
            import javax.ws.rs.core.Context;
            class Clients {
              // Given by whoever made this object, or by the container.
              static class Given {
                private final Client client;
                Given(Client client) { this.client = client; }
                Object get(String path) { return client.target(path); }
              }
              static class Injected {
                @Context private Client context;
                @Inject private Client injected;
                Object get(String path) { return context.target(path) + "" + injected.target(path); }
              }
              // Closed by the class's own close().
              static class Closed implements AutoCloseable {
                private final Client client = ClientBuilder.newClient();
                Object get(String path) { return client.target(path); }
                @Override public void close() { client.close(); }
              }
              // Made, used and closed in one method.
              static Object once(String path) {
                Client client = ClientBuilder.newClient();
                try {
                  return client.target(path);
                } finally {
                  client.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fileWritersAndWrappers() {
    helper
        .addSourceLines(
            "AuditLog.java",
            """
            import java.io.BufferedWriter;
            import java.io.FileWriter;
            import java.io.IOException;
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            class AuditLog {
              // An audit log opened once and appended to for the life of the service.
              // BUG: Diagnostic contains: `out` (BufferedWriter)
              private final Writer out;
              // A decorator over a new FileWriter owns the file.
              // BUG: Diagnostic contains: `errors` (BufferedWriter)
              private final BufferedWriter errors;
              AuditLog(Path dir) throws IOException {
                this.out = Files.newBufferedWriter(dir.resolve("audit.log"));
                this.errors = new BufferedWriter(new FileWriter(dir.resolve("errors.log").toFile()));
              }
              void write(String line) throws IOException {
                out.write(line);
                errors.flush();
              }
            }
            """)
        .doTest();
  }

  @Test
  void producerWithNewSerializers() {
    // A Kafka producer built with serializers it creates itself still owns all of them.
    helper
        .addSourceLines(
            "Events.java",
            """
            import java.util.Properties;
            import org.apache.kafka.clients.producer.KafkaProducer;
            import org.apache.kafka.common.serialization.StringSerializer;
            class Events {
              // BUG: Diagnostic contains: `producer` (KafkaProducer)
              private final KafkaProducer<String, String> producer =
                  new KafkaProducer<>(new Properties(), new StringSerializer(), new StringSerializer());
              void send() { producer.flush(); }
            }
            """)
        .doTest();
  }

  @Test
  void createdByAPrivateFactoryMethodOfTheClass() {
    // An "AppConfig" that wires its clients in private prepareX() helpers; one returns a shared one.
    helper
        .addSourceLines(
            "AppConfig.java",
            """
            import io.lettuce.core.RedisClient;
            class AppConfig {
              private static final RedisClient SHARED = RedisClient.create("redis://shared");
              // BUG: Diagnostic contains: `redisClient` (RedisClient)
              private final RedisClient redisClient;
              private final RedisClient sharedClient;
              AppConfig() {
                redisClient = prepareRedisClient();
                sharedClient = sharedRedisClient();
              }
              private RedisClient prepareRedisClient() {
                RedisClient client = RedisClient.create("redis://localhost:6379");
                return client;
              }
              // Named like a factory, but hands out the shared client, which is released below.
              private static RedisClient createRedisClient() { return SHARED; }
              private RedisClient sharedRedisClient() { return createRedisClient(); }
              static void shutdownShared() { SHARED.shutdown(); }
            }
            """)
        .doTest();
  }

  @Test
  void relocatedGrpcTypes() {
    // Libraries that shade gRPC (Apache Ratis, Ozone) use the same types under another prefix.
    helper
        .addSourceLines(
            "org/apache/ratis/thirdparty/io/grpc/ManagedChannel.java",
            """
            package org.apache.ratis.thirdparty.io.grpc;
            public abstract class ManagedChannel {
              public abstract ManagedChannel shutdown();
            }
            """)
        .addSourceLines(
            "org/apache/ratis/thirdparty/io/grpc/netty/NettyChannelBuilder.java",
            """
            package org.apache.ratis.thirdparty.io.grpc.netty;
            public abstract class NettyChannelBuilder {
              public static NettyChannelBuilder forAddress(String host, int port) { return null; }
              public abstract org.apache.ratis.thirdparty.io.grpc.ManagedChannel build();
            }
            """)
        .addSourceLines(
            "ReplicationClient.java",
            """
            import org.apache.ratis.thirdparty.io.grpc.ManagedChannel;
            import org.apache.ratis.thirdparty.io.grpc.netty.NettyChannelBuilder;
            class ReplicationClient {
              // BUG: Diagnostic contains: `channel` (ManagedChannel)
              private final ManagedChannel channel = NettyChannelBuilder.forAddress("dn", 9858).build();
            }
            """)
        .doTest();
  }

  @Test
  void lazilyInitialisedConnection() {
    // A private lazy getter: the class owns what it creates on first use.
    helper
        .addSourceLines(
            "LegacyDao.java",
            """
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.sql.SQLException;
            class LegacyDao {
              private final String url;
              // BUG: Diagnostic contains: `connection` (Connection)
              private Connection connection;
              LegacyDao(String url) { this.url = url; }
              private Connection connection() throws SQLException {
                if (connection == null) {
                  connection = DriverManager.getConnection(url);
                }
                return connection;
              }
              void ping() throws SQLException {
                connection().isValid(1);
              }
            }
            """)
        .doTest();
  }

  @Test
  void enumSingletonHoldingPool() {
    // The "enum singleton" that owns the process-wide Redis pool.
    helper
        .addSourceLines(
            "Cache.java",
            """
            import redis.clients.jedis.JedisPool;
            enum Cache {
              INSTANCE;
              // BUG: Diagnostic contains: `pool` (JedisPool)
              private final JedisPool pool = new JedisPool("localhost", 6379);
              String get(String key) {
                try (var jedis = pool.getResource()) {
                  return jedis.get(key);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void nestedAndAnonymousClassesHoldingResources() {
    helper
        .addSourceLines(
            "Telemetry.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            class Telemetry {
              // A static nested sender that opens its own socket.
              static final class Sender {
                // BUG: Diagnostic contains: `socket` (Socket)
                private final Socket socket;
                Sender(String host) throws IOException { this.socket = new Socket(host, 8125); }
                void send(byte[] data) throws IOException { socket.getOutputStream().write(data); }
              }
              // An anonymous task that opens a socket in a field and never closes it.
              final Runnable probe = new Runnable() {
                // BUG: Diagnostic contains: `probeSocket` (Socket)
                private Socket probeSocket;
                @Override public void run() {
                  try {
                    probeSocket = new Socket("localhost", 9000);
                  } catch (IOException e) {
                    throw new RuntimeException(e);
                  }
                }
              };
            }
            """)
        .doTest();
  }

  @Test
  void mustBeClosedFactory() {
    // A factory annotated @MustBeClosed hands its caller a resource to close.
    helper
        .addSourceLines(
            "Sessions.java",
            """
            import com.google.errorprone.annotations.MustBeClosed;
            final class Sessions {
              static final class Session implements AutoCloseable {
                @Override public void close() { System.out.println("session closed"); }
              }
              @MustBeClosed
              static Session session() { return new Session(); }
            }
            """)
        .addSourceLines(
            "Worker.java",
            """
            class Worker {
              // BUG: Diagnostic contains: `session` (Session)
              private final Sessions.Session session = Sessions.session();
              void work() { session.toString(); }
            }
            """)
        .doTest();
  }

  @Test
  void userResourceTypeFromFlag() {
    // A company pool that is not AutoCloseable; the user names it and its release call.
    CompilationTestHelper.newInstance(UnreleasedResource.class, getClass())
        .setArgs("-XepOpt:ShutdownCheck:ResourceTypes=com.acme.Pool#drain")
        .addSourceLines(
            "com/acme/Pool.java", ACME_POOL)
        .addSourceLines(
            "Service.java",
            """
            import com.acme.Pool;
            class Service {
              // BUG: Diagnostic contains: `pool` (Pool)
              private final Pool pool = new Pool();
              // Released with the named call: fine.
              private final Pool drained = new Pool();
              public void stopAll() { drained.drain(); }
            }
            """)
        .doTest();
  }

  @Test
  void userResourceTypeIsNoResourceWithoutTheFlag() {
    helper
        .addSourceLines(
            "com/acme/Pool.java", ACME_POOL)
        .addSourceLines(
            "Service.java",
            """
            class Service {
              private final com.acme.Pool pool = new com.acme.Pool();
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void malformedResourceTypesFlagFailsTheCompilationWithOnePlainError() {
    ConfigurationErrorTest.assertOnePlainError(
        "-XepOpt:ShutdownCheck:ResourceTypes=com.acme.Pool",
        "-XepOpt:ShutdownCheck:ResourceTypes has a malformed entry 'com.acme.Pool'; expected a"
            + " comma-separated list of Type#releaseMethod with a fully qualified type, e.g. com.acme.Pool#drain",
        UnreleasedResource.class);
  }

  @Test
  void resourceTypesNeedATypeAndAMethod() {
    for (String malformed : new String[] {"com.acme.Pool", "#drain", "com.acme.Pool#*", "a b#c"}) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  ShutdownCheckOptions.from(
                      ErrorProneFlags.fromMap(Map.of("ShutdownCheck:ResourceTypes", malformed))));
      assertTrue(error.getMessage().contains("com.acme.Pool#drain"), error.getMessage());
    }
    assertEquals(
        List.of(new TypeMember("com.acme.Pool", "drain"), new TypeMember("com.acme.Cache", "evictAll")),
        ShutdownCheckOptions.from(
                ErrorProneFlags.fromMap(
                    Map.of("ShutdownCheck:ResourceTypes", "com.acme.Pool#drain, com.acme.Cache#evictAll")))
            .resourceTypes());
  }

  @Test
  void jdkHttpClientIsAResourceWhereItIsAutoCloseable() {
    // JDK 21 made java.net.http.HttpClient AutoCloseable; on 17 it has nothing to release.
    boolean closeable = Runtime.version().feature() >= 21;
    helper
        .addSourceLines(
            "Gateway.java",
            "import java.net.http.HttpClient;",
            "class Gateway {",
            closeable ? "  // BUG: Diagnostic contains: `client` (HttpClient)" : "",
            "  private final HttpClient client = HttpClient.newHttpClient();",
            "}")
        .doTest();
  }

  // Negative cases: values the class does not own, or releases in a way the source shows.

  @Test
  void injectedAndBorrowedValuesAreNotOwned() {
    helper
        .addSourceLines(
            "OrderService.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import java.sql.Connection;
            import java.sql.SQLException;
            import javax.inject.Inject;
            import javax.sql.DataSource;
            import org.springframework.beans.factory.annotation.Autowired;
            import redis.clients.jedis.Jedis;
            import redis.clients.jedis.JedisPool;
            class OrderService {
              // Constructor injection: the container owns the pool.
              private final HikariDataSource dataSource;
              // Field injection (Spring, JSR-330).
              @Autowired private JedisPool pool;
              @Inject private java.io.Closeable closeable;
              // A connection borrowed from someone else's pool.
              private final Connection connection;
              // A resource taken from a pool we do not own.
              private final Jedis jedis;
              OrderService(HikariDataSource dataSource, DataSource other, JedisPool shared)
                  throws SQLException {
                this.dataSource = dataSource;
                this.connection = other.getConnection();
                this.jedis = shared.getResource();
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void nonReleasingCloseablesAndExecutorsAreNotResources() {
    helper
        .addSourceLines(
            "Report.java",
            """
            import java.io.BufferedReader;
            import java.io.ByteArrayOutputStream;
            import java.io.InputStreamReader;
            import java.io.PrintWriter;
            import java.io.PipedInputStream;
            import java.io.StringWriter;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.stream.Stream;
            class Report {
              // In-memory buffers: close() releases nothing.
              private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
              private final StringWriter text = new StringWriter();
              private final PrintWriter printer = new PrintWriter(new StringWriter());
              // The reading end of an in-memory pipe (Paho's WebSocket module): close() only drops
              // the buffer.
              private final PipedInputStream incoming = new PipedInputStream();
              // Wrappers over the process's own streams own nothing.
              private final PrintWriter console = new PrintWriter(System.out);
              private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
              // A stream over a collection.
              private final Stream<String> names = List.of("a", "b").stream();
              // Executors are ExecutorNeverShutdown's business.
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
            }
            """)
        .addSourceLines(
            "com/fasterxml/jackson/core/json/async/NonBlockingJsonParserBase.java",
            """
            package com.fasterxml.jackson.core.json.async;
            public abstract class NonBlockingJsonParserBase implements java.io.Closeable {
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """)
        .addSourceLines(
            "com/fasterxml/jackson/core/json/async/NonBlockingJsonParser.java",
            """
            package com.fasterxml.jackson.core.json.async;
            public class NonBlockingJsonParser extends NonBlockingJsonParserBase {}
            """)
        .addSourceLines(
            "ParserFactory.java",
            """
            // Like Jackson's JsonFactory: declared to return any parser.
            class ParserFactory {
              java.io.Closeable createNonBlockingByteArrayParser() {
                throw new UnsupportedOperationException("stub");
              }
            }
            """)
        .addSourceLines(
            "JsonParserImpl.java",
            """
            import com.fasterxml.jackson.core.json.async.NonBlockingJsonParser;
            // Vert.x's JsonParserImpl: fed chunk by chunk, its Jackson parser reads no stream; the
            // cast says which parser the factory made.
            class JsonParserImpl {
              private final NonBlockingJsonParser parser;
              JsonParserImpl(ParserFactory factory) {
                parser = (NonBlockingJsonParser) factory.createNonBlockingByteArrayParser();
              }
            }
            """)
        .addSourceLines(
            "okio/Buffer.java",
            """
            package okio;
            public final class Buffer implements java.io.Closeable {
              @Override public void close() {}
            }
            """)
        .addSourceLines(
            "WebSocketReader.java",
            """
            // OkHttp's WebSocketReader: Okio buffers are memory, and their close() does nothing.
            final class WebSocketReader {
              private final okio.Buffer controlFrameBuffer = new okio.Buffer();
              private final okio.Buffer messageFrameBuffer = new okio.Buffer();
            }
            """)
        .addSourceLines(
            "io/undertow/connector/ByteBufferPool.java",
            """
            package io.undertow.connector;
            public interface ByteBufferPool extends AutoCloseable {
              @Override void close();
            }
            """)
        .addSourceLines(
            "io/undertow/server/DefaultByteBufferPool.java",
            """
            package io.undertow.server;
            public class DefaultByteBufferPool implements io.undertow.connector.ByteBufferPool {
              public DefaultByteBufferPool(boolean direct, int bufferSize) {}
              @Override public void close() { /* drops the thread-local caches */ }
            }
            """)
        .addSourceLines(
            "SslConduit.java",
            """
            import io.undertow.server.DefaultByteBufferPool;
            // Undertow's SslConduit: a pool of heap buffers, which the garbage collector reclaims.
            class SslConduit {
              private static final DefaultByteBufferPool expandedBufferPool = new DefaultByteBufferPool(false, 17 * 1024);
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void servletThatNeverOverridesDestroy() {
    // A servlet's client: GenericServlet.destroy() is an empty hook meant to be overridden. The
    // servlet has a shutdown path, inherited, so this is IncompleteShutdown's finding.
    helper
        .addSourceLines(
            "MessagingServlet.java",
            """
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            class MessagingServlet extends javax.servlet.GenericServlet {
              // IncompleteShutdown reports it: the inherited destroy() cannot release it.
              private final CloseableHttpClient httpClient = HttpClients.createDefault();
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void locksAndInMemoryAdapterStreamsAreNotResources() {
    helper
        .addSourceLines(
            "org/eclipse/jetty/util/thread/AutoLock.java",
            """
            package org.eclipse.jetty.util.thread;
            public class AutoLock implements AutoCloseable {
              public AutoLock lock() { return this; }
              @Override public void close() { /* unlock */ }
            }
            """)
        .addSourceLines(
            "Framer.java",
            """
            import java.io.OutputStream;
            import org.eclipse.jetty.util.thread.AutoLock;
            class Framer {
              // Jetty's AutoLock: close() unlocks, as in try (AutoLock l = lock.lock()) { .. }.
              private final AutoLock lock = new AutoLock();
              // An adapter that writes into the framer's buffer (gRPC MessageFramer): its close() is
              // OutputStream's no-op.
              private final OutputStreamAdapter adapter = new OutputStreamAdapter();
              // A no-op closeable of this file.
              private final Noop noop = new Noop();
              private final class OutputStreamAdapter extends OutputStream {
                @Override public void write(int b) {}
              }
              private static final class Noop implements AutoCloseable {
                @Override public void close() {}
              }
              void frame() {
                try (AutoLock l = lock.lock()) {
                  adapter.write(1);
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void shutdownInheritedFromTheSuperclass() {
    // httpclient5's MinimalH2AsyncClient: close() comes from the base class, whose I/O reactor
    // shutdown closes the sessions that the subclass's pool holds.
    helper
        .addSourceLines(
            "AbstractAsyncClient.java",
            """
            public abstract class AbstractAsyncClient implements java.io.Closeable {
              @Override public void close() { /* stops the I/O reactor */ }
            }
            """)
        .addSourceLines(
            "H2Client.java",
            """
            import java.net.Socket;
            final class H2Client extends AbstractAsyncClient {
              private final Socket connPool = new Socket();
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void resourcesDerivedFromAnotherResource() {
    helper
        .addSourceLines(
            "Derived.java",
            """
            import java.sql.Connection;
            import java.sql.SQLException;
            import java.sql.Statement;
            import java.util.concurrent.TimeUnit;
            import okhttp3.OkHttpClient;
            class Derived {
              // OkHttp clients derived with newBuilder() share the base client's pool and threads.
              private final OkHttpClient slowClient;
              // A statement is released with the connection that created it.
              private final Statement statement;
              Derived(OkHttpClient base, Connection connection) throws SQLException {
                this.slowClient = base.newBuilder().readTimeout(30, TimeUnit.SECONDS).build();
                this.statement = connection.createStatement();
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void copyBuiltFromABuilderKeptInALocal() {
    // OkHttp's CacheStrategy.Factory: the builder copies a response it was given (body included),
    // so what it builds is that response again, whose owner is the caller.
    helper
        .addSourceLines(
            "ClientChoice.java",
            """
            import java.util.concurrent.TimeUnit;
            import okhttp3.OkHttpClient;
            final class ClientChoice {
              final OkHttpClient client;
              ClientChoice(OkHttpClient client) {
                this.client = client;
              }
              static final class Factory {
                private final OkHttpClient base;
                private final boolean slow;
                Factory(OkHttpClient base, boolean slow) {
                  this.base = base;
                  this.slow = slow;
                }
                ClientChoice get() {
                  OkHttpClient.Builder builder = base.newBuilder();
                  if (slow) {
                    builder.readTimeout(30, TimeUnit.SECONDS);
                  }
                  return new ClientChoice(builder.build());
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void newClientBuiltFromABuilderKeptInALocal() {
    // The same shape, but the builder starts empty: what it builds is new, and the field owns it.
    helper
        .addSourceLines(
            "Fetcher.java",
            """
            import java.util.concurrent.TimeUnit;
            import okhttp3.OkHttpClient;
            final class Fetcher {
              // BUG: Diagnostic contains: `client` (OkHttpClient)
              private final OkHttpClient client;
              Fetcher(boolean slow) {
                OkHttpClient.Builder builder = new OkHttpClient.Builder();
                if (slow) {
                  builder.readTimeout(30, TimeUnit.SECONDS);
                }
                this.client = builder.build();
              }
            }
            """)
        .doTest();
  }

  @Test
  void builderHandsWhatItMadeToTheComponentItBuilds() {
    // Vert.x's VertxBuilder: the file resolver it makes goes to the VertxImpl it builds, which
    // keeps it and releases it in a close() of its own.
    helper
        .addSourceLines(
            "Engine.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            class Engine {
              private final Closeable resolver;
              Engine(String name, Closeable resolver) {
                this.resolver = resolver;
              }
              public void close() throws IOException {
                resolver.close();
              }
            }
            """)
        .addSourceLines(
            "EngineBuilder.java",
            """
            import java.io.Closeable;
            import java.io.FileInputStream;
            import java.io.IOException;
            class EngineBuilder {
              private Closeable resolver;
              EngineBuilder init() throws IOException {
                resolver = new FileInputStream("cache");
                return this;
              }
              Engine build() {
                return new Engine("main", resolver);
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void handedToSomethingWithNoStopOfItsOwn() {
    // The object built keeps the stream but has no stop that could release it: still the builder's.
    helper
        .addSourceLines(
            "Settings.java",
            """
            import java.io.Closeable;
            final class Settings {
              final Closeable source;
              Settings(Closeable source) {
                this.source = source;
              }
            }
            """)
        .addSourceLines(
            "SettingsBuilder.java",
            """
            import java.io.Closeable;
            import java.io.FileInputStream;
            import java.io.IOException;
            class SettingsBuilder {
              // BUG: Diagnostic contains: `source` (FileInputStream)
              private Closeable source;
              SettingsBuilder open() throws IOException {
                source = new FileInputStream("settings");
                return this;
              }
              Settings build() {
                return new Settings(source);
              }
            }
            """)
        .addSourceLines(
            "ReportBuilder.java",
            """
            import java.io.Closeable;
            import java.io.FileInputStream;
            import java.io.IOException;
            class ReportBuilder {
              // The same, with the product kept in a local first: returning it hands on the
              // product, not what the product was given.
              // BUG: Diagnostic contains: `template` (FileInputStream)
              private Closeable template;
              ReportBuilder open() throws IOException {
                template = new FileInputStream("template");
                return this;
              }
              Settings build() {
                Settings settings = new Settings(template);
                return settings;
              }
            }
            """)
        .doTest();
  }

  @Test
  void releasedOutsideAnyLifecycleMethod() {
    // Reconnect logic closes the old socket: the class visibly releases it.
    helper
        .addSourceLines(
            "Reconnecting.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            class Reconnecting {
              private Socket socket;
              void connect(String host) throws IOException {
                socket = new Socket(host, 7000);
              }
              void reconnect(String host) throws IOException {
                socket.close();
                connect(host);
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void resourcesHandedToTheCallerOrTheContainer() {
    helper
        .addSourceLines(
            "Factories.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import io.grpc.ManagedChannel;
            import io.grpc.ManagedChannelBuilder;
            import org.springframework.context.annotation.Bean;
            import org.springframework.context.annotation.Configuration;
            // Spring @Bean methods hand the resource to the container, which closes it.
            @Configuration
            class DataConfig {
              private final HikariDataSource dataSource = new HikariDataSource();
              @Bean
              public HikariDataSource dataSource() { return dataSource; }
              @Bean
              public ManagedChannel channel() {
                return ManagedChannelBuilder.forTarget("dns:///svc").build();
              }
            }
            // A factory makes a new channel for its caller and keeps none.
            class Channels {
              private ManagedChannel last;
              ManagedChannel open(String target) {
                return last = ManagedChannelBuilder.forTarget(target).build();
              }
            }
            // Elasticsearch's RestClient: a per-request holder whose closeable producer the outer
            // class passes to the HTTP client, which consumes and closes it.
            class RestClient {
              interface AsyncClient { void execute(java.io.Closeable producer); }
              private static final class RequestContext {
                private final java.io.Closeable producer;
                RequestContext(String body) { this.producer = new java.io.FileInputStream(java.io.FileDescriptor.in); }
              }
              void perform(AsyncClient client) {
                RequestContext context = new RequestContext("{}");
                client.execute(context.producer);
              }
            }
            // OkHttp's RealConnection: the HTTP/2 connection is built over the connection's socket,
            // and closing it closes that socket; an anonymous stream's close() is that stream's.
            class Http2Connection implements java.io.Closeable {
              static class Builder {
                Builder socket(java.net.Socket socket) { return this; }
                Http2Connection build() { return new Http2Connection(); }
              }
              public void close() { System.out.println("goaway"); }
            }
            class RealConnection implements java.io.Closeable {
              private final java.net.Socket socket = new java.net.Socket();
              private Http2Connection http2Connection;
              void startHttp2() {
                http2Connection = new Http2Connection.Builder().socket(socket).build();
              }
              java.io.Closeable streams() {
                return new java.io.Closeable() {
                  @Override public void close() { /* completes the exchange */ }
                };
              }
              @Override public void close() { http2Connection.close(); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aGetterLendsTheResourceItDoesNotGiveItAway() {
    helper
        .addSourceLines(
            "Lending.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import io.grpc.ManagedChannel;
            import io.grpc.ManagedChannelBuilder;
            import java.util.function.Supplier;
            // A holder that lends its channel to callers: it still has to shut it down.
            class ChannelHolder {
              // BUG: Diagnostic contains: `channel` (ManagedChannel)
              private final ManagedChannel channel = ManagedChannelBuilder.forTarget("x").build();
              public ManagedChannel channel() { return channel; }
            }
            // Lent through a supplier.
            class SupplierHolder {
              // BUG: Diagnostic contains: `pool` (HikariDataSource)
              private final HikariDataSource pool = new HikariDataSource();
              Supplier<HikariDataSource> supplier() { return () -> pool; }
            }
            // log4j's context selectors: the default context is lent through a conditional.
            class DefaultContextSelector {
              private static final ThreadLocal<HikariDataSource> CURRENT = new ThreadLocal<>();
              // BUG: Diagnostic contains: `DEFAULT` (HikariDataSource)
              private static final HikariDataSource DEFAULT = new HikariDataSource();
              public HikariDataSource context(String name, boolean current) {
                HikariDataSource here = CURRENT.get();
                return here != null ? here : DEFAULT;
              }
            }
            // log4j's BasicAsyncLoggerContextSelector: its shutdown(..) stops what its getter,
            // one with arguments, returns.
            class StoppingContextSelector {
              private static final ThreadLocal<HikariDataSource> CURRENT = new ThreadLocal<>();
              private static final HikariDataSource DEFAULT = new HikariDataSource();
              public HikariDataSource context(String name, boolean current) {
                HikariDataSource here = CURRENT.get();
                return here != null ? here : DEFAULT;
              }
              public void shutdown(String name, boolean current) {
                HikariDataSource context = context(name, current);
                if (context != null) {
                  context.close();
                }
              }
            }
            // Visible to subclasses and other classes, but created here: this class's to release.
            abstract class BaseDao {
              // BUG: Diagnostic contains: `shared` (HikariDataSource)
              protected final HikariDataSource shared = new HikariDataSource();
              // BUG: Diagnostic contains: `packagePrivate` (HikariDataSource)
              final HikariDataSource packagePrivate = new HikariDataSource();
            }
            // A subclass compiled here that releases what its superclass created.
            abstract class PooledDao {
              protected final HikariDataSource pool = new HikariDataSource();
            }
            class UserDao extends PooledDao implements AutoCloseable {
              @Override public void close() { pool.close(); }
            }
            """)
        .doTest();
  }

  @Test
  void handedToRegistriesAndWrappers() {
    helper
        .addSourceLines(
            "Registry.java",
            """
            import com.google.common.io.Closer;
            import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
            import java.io.BufferedOutputStream;
            import java.io.Closeable;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.ArrayList;
            import java.util.List;
            import redis.clients.jedis.JedisPool;
            class Registry {
              // Guava Closer: the closer keeps the pool, and close() closes the closer.
              private final Closer closer = Closer.create();
              private final JedisPool pool = closer.register(new JedisPool("cache", 6379));
              // Kept in a list that something else drains.
              private final List<Closeable> resources = new ArrayList<>();
              private final JedisPool tracked = new JedisPool("other", 6379);
              // Wrapped by a resource that owns it from then on.
              private final FileOutputStream file;
              private final OutputStream out;
              Registry(LifecycleEnvironment lifecycle) throws IOException {
                resources.add(tracked);
                file = new FileOutputStream("data.bin");
                out = new BufferedOutputStream(file);
                lifecycle.manage(new io.dropwizard.lifecycle.Managed() {
                  @Override public void stop() throws IOException { out.close(); }
                });
              }
              public void close() throws IOException { closer.close(); }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void managedByTheFrameworkOrSuppressed() {
    helper
        .addSourceLines(
            "PostgresIT.java",
            """
            import org.testcontainers.containers.PostgreSQLContainer;
            import org.testcontainers.junit.jupiter.Container;
            class PostgresIT {
              // Testcontainers starts and stops @Container fields.
              @Container
              private static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16");
            }
            """)
        .addSourceLines(
            "Singleton.java",
            """
            import java.net.Socket;
            class Singleton {
              // Lives as long as the JVM, on purpose, and says so.
              @SuppressWarnings("UnreleasedResource")
              private static final Socket SOCKET = new Socket();
              static class Nested {
                @SuppressWarnings("UnreleasedResource")
                static class Deeper {
                  private final Socket socket = new Socket();
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void wrappersOverSomebodyElsesStreams() {
    // Writers built over the caller's stream: closing them would close the caller's stream.
    helper
        .addSourceLines(
            "CsvExport.java",
            """
            import com.fasterxml.jackson.core.JsonFactory;
            import com.fasterxml.jackson.core.JsonGenerator;
            import java.io.OutputStream;
            import java.io.Writer;
            import org.apache.commons.csv.CSVFormat;
            import org.apache.commons.csv.CSVPrinter;
            class CsvExport {
              private final CSVPrinter printer;
              private final JsonGenerator json;
              CsvExport(Writer writer, OutputStream out) {
                this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
                this.json = new JsonFactory().createGenerator(out);
              }
              void row(Object... values) {
                printer.printRecord(values);
                json.writeString("row");
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void decoratorsThatPassTheCloseOnToWhatTheyWereGiven() {
    // Undertow's Http2ServerConnection: xnio's ConduitStreamSourceChannel over a new empty conduit.
    // Its close() is conduit.terminateReads(): it releases what it was given, nothing of its own.
    helper
        .addSourceLines(
            "conduits/SourceConduit.java",
            """
            package conduits;
            public interface SourceConduit { void terminateReads(); }
            """)
        .addSourceLines(
            "conduits/EmptySourceConduit.java",
            """
            package conduits;
            public final class EmptySourceConduit implements SourceConduit {
              public EmptySourceConduit(Thread ioThread) {}
              @Override public void terminateReads() {}
            }
            """)
        .addSourceLines(
            "conduits/ConduitChannel.java",
            """
            package conduits;
            public final class ConduitChannel implements java.nio.channels.Channel {
              private final SourceConduit conduit;
              public ConduitChannel(Object configurable, SourceConduit conduit) { this.conduit = conduit; }
              @Override public boolean isOpen() { return true; }
              @Override public void close() { conduit.terminateReads(); }
            }
            """)
        .addSourceLines(
            "Connection.java",
            """
            import conduits.*;
            class Connection {
              private final ConduitChannel halfClosed =
                  new ConduitChannel(null, new EmptySourceConduit(Thread.currentThread()));
              private final ConduitChannel request;
              Connection(SourceConduit requestConduit) {
                this.request = new ConduitChannel(null, requestConduit);
              }
              boolean open() { return halfClosed.isOpen() && request.isOpen(); }
            }
            """)
        .addSourceLines(
            "Journal.java",
            """
            import java.io.IOException;
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            // Its close() passes the close on to a channel it opened itself, not one it was given.
            final class Journal implements AutoCloseable {
              private final FileChannel channel;
              Journal(Path file) throws IOException {
                this.channel = FileChannel.open(file, StandardOpenOption.APPEND);
              }
              @Override public void close() throws IOException { channel.close(); }
            }
            """)
        .addSourceLines(
            "Ledger.java",
            """
            import java.io.IOException;
            import java.nio.file.Path;
            class Ledger {
              // BUG: Diagnostic contains: `journal` (Journal)
              private final Journal journal;
              Ledger(Path dir) throws IOException { this.journal = new Journal(dir.resolve("ledger")); }
              Journal journal() { return journal; }
            }
            """)
        .doTest();
  }

  @Test
  void ownedWhenItWasCreatedHereOrHeldByTheClientBuiltFromIt() {
    helper
        .addSourceLines(
            "HttpGateway.java",
            """
            import org.apache.http.impl.client.CloseableHttpClient;
            import org.apache.http.impl.client.HttpClients;
            import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
            class HttpGateway {
              // "Use the caller's client, or make a default one": the default one is ours.
              // BUG: Diagnostic contains: `client` (CloseableHttpClient)
              private final CloseableHttpClient client;
              // The pool is handed to the client built from it, which closes it.
              private final PoolingHttpClientConnectionManager connections =
                  new PoolingHttpClientConnectionManager();
              private final CloseableHttpClient pooled;
              HttpGateway(CloseableHttpClient client) {
                this.client = client != null ? client : HttpClients.createDefault();
                connections.setMaxTotal(50);
                this.pooled = HttpClients.custom().setConnectionManager(connections).build();
              }
              void shutdown() throws java.io.IOException { pooled.close(); }
            }
            """)
        .doTest();
  }

  @Test
  void handedToAnInheritedSetterOrReleasedInATestTearDown() {
    helper
        .addSourceLines(
            "JdbcDaoSupport.java",
            """
            // A framework base class that keeps what its setter is given (Spring's JdbcDaoSupport).
            public abstract class JdbcDaoSupport {
              private javax.sql.DataSource dataSource;
              public final void setDataSource(javax.sql.DataSource dataSource) {
                this.dataSource = dataSource;
              }
            }
            """)
        .addSourceLines(
            "AccountDao.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            class AccountDao extends JdbcDaoSupport {
              private final HikariDataSource pool = new HikariDataSource();
              AccountDao() { setDataSource(pool); }
            }
            """)
        .addSourceLines(
            "ClientTest.java",
            """
            import java.util.Optional;
            import org.junit.jupiter.api.AfterEach;
            import redis.clients.jedis.JedisPool;
            // A JUnit test that releases its fixture in @AfterEach, through Optional.
            class ClientTest {
              private JedisPool pool = new JedisPool("localhost", 6379);
              @AfterEach
              void tearDown() {
                Optional.ofNullable(pool).ifPresent(JedisPool::close);
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void perConnectionHandlerOverAnAcceptedSocket() {
    // The classic blocking server: the handler gets the accepted socket and closes it in run();
    // its reader and writer wrap the socket's streams, which the socket releases.
    helper
        .addSourceLines(
            "Handler.java",
            """
            import java.io.BufferedReader;
            import java.io.IOException;
            import java.io.InputStreamReader;
            import java.io.PrintWriter;
            import java.net.ServerSocket;
            import java.net.Socket;
            class Handler implements Runnable {
              private final Socket socket;
              private final BufferedReader in;
              private final PrintWriter out;
              Handler(ServerSocket server) throws IOException {
                socket = server.accept();
                in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
                out = new PrintWriter(socket.getOutputStream(), true);
              }
              @Override
              public void run() {
                try (socket) {
                  out.println(in.readLine());
                } catch (IOException e) {
                  // connection dropped
                }
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void constructorChainingAndReleasesInOddPlaces() {
    helper
        .addSourceLines(
            "GreeterClient.java",
            """
            import io.grpc.ManagedChannel;
            import io.grpc.ManagedChannelBuilder;
            // The gRPC examples' client: the public constructor builds the channel and hands it to
            // the one that stores it, so the channel is this class's to shut down.
            class GreeterClient {
              // BUG: Diagnostic contains: `channel` (ManagedChannel)
              private final ManagedChannel channel;
              public GreeterClient(String host, int port) {
                this(ManagedChannelBuilder.forAddress(host, port).usePlaintext().build());
              }
              GreeterClient(ManagedChannel channel) { this.channel = channel; }
            }
            """)
        .addSourceLines(
            "Pools.java",
            """
            import redis.clients.jedis.JedisPool;
            // Enum constants each owning a pool, released in a loop over values().
            enum Pools {
              MAIN, BACKUP;
              private final JedisPool pool = new JedisPool("cache", 6379);
              static void releaseAll() {
                for (Pools p : values()) {
                  p.pool.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void localResourcesAreOutOfScope() {
    // Locals belong to MustBeClosedChecker and StreamResourceLeak.
    helper
        .addSourceLines(
            "Loader.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            class Loader {
              int firstByte(String path) throws IOException {
                FileInputStream in = new FileInputStream(path);
                return in.read();
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void recordsHoldTheirComponentsWithoutOwningThem() {
    // A record is built from its components: whoever built it owns them.
    helper
        .addSourceLines(
            "Connections.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            import redis.clients.jedis.JedisPool;
            record Connections(HikariDataSource db, JedisPool cache) {}
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aSingletonOfItsOwnCloseableClass() {
    // The singleton instance field is not a resource the class leaks.
    helper
        .addSourceLines(
            "Metrics.java",
            """
            final class Metrics implements AutoCloseable {
              private static final Metrics INSTANCE = new Metrics();
              static Metrics get() { return INSTANCE; }
              @Override public void close() {}
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @TempDir Path temp;

  @Test
  void libraryCloseablesWhoseCloseDoesNothingHoldNothing() throws IOException {
    // A serialization library: its serializers are Closeable only through an interface's empty
    // default close(); its client closes a real socket. The bodies are only in class files.
    Path library =
        TestJars.compile(
            temp,
            Map.of(
                "lib/Serializer.java",
                "package lib; public interface Serializer<T> extends java.io.Closeable {"
                    + " byte[] write(T value); @Override default void close() {} }",
                "lib/JsonSerializer.java",
                "package lib; public class JsonSerializer implements Serializer<Object> {"
                    + " public byte[] write(Object value) { return new byte[0]; } }",
                "lib/BufferedSerializer.java",
                "package lib; public class BufferedSerializer extends JsonSerializer {"
                    + " @Override public void close() { super.close(); } }",
                "lib/Client.java",
                "package lib; public class Client implements java.io.Closeable {"
                    + " private final java.net.Socket socket = new java.net.Socket();"
                    + " @Override public void close() throws java.io.IOException { socket.close(); } }"));
    CompilationTestHelper.newInstance(UnreleasedResource.class, getClass())
        .setArgs("-cp", library.toString())
        .addSourceLines(
            "Codec.java",
            """
            import lib.BufferedSerializer;
            import lib.Client;
            import lib.JsonSerializer;
            import lib.Serializer;
            class Codec {
              private final Serializer<Object> json = new JsonSerializer();
              private final JsonSerializer buffered = new BufferedSerializer();
              // BUG: Diagnostic contains: `client` (Client)
              private final Client client = new Client();
            }
            """)
        .doTest();
  }

  @Test
  void partsOfTheirMakerAndFactoriesThatGiveAway() {
    helper
        .addSourceLines(
            "Parts.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.net.InetAddress;
            import java.util.HashMap;
            import java.util.Map;
            // httpcore-nio's SSLIOSession: the byte channel is a view of the session itself (an
            // inner class); closing it closes the session.
            class SslSession {
              private final Channel channel = new Channel();
              final class Channel implements Closeable {
                @Override public void close() { SslSession.this.shutdown(); }
              }
              void shutdown() {}
            }
            // httpclient 4's BasicClientConnectionManager: the leased connection is made with the
            // manager itself, and comes back to it when released.
            class ConnectionManager {
              private Lease current;
              static final class Lease implements Closeable {
                private final ConnectionManager manager;
                Lease(ConnectionManager manager) { this.manager = manager; }
                @Override public void close() { manager.release(this); }
              }
              Lease lease() {
                current = new Lease(this);
                return current;
              }
              void release(Lease lease) { current = null; }
            }
            // httpclient 5's lease request: it makes the endpoint, remembers it to cancel, and hands
            // it to the caller, who releases it to the manager.
            class LeaseRequest {
              private Closeable endpoint;
              Closeable get(String entry) throws IOException {
                this.endpoint = new java.io.FileInputStream(entry);
                return this.endpoint;
              }
            }
            // ActiveMQ's JmDNSFactory: a reference-counted cache whose create() gives its callers the
            // instance they close when the last one is done.
            final class ServiceDiscoveryFactory {
              static final class Tracker { Closeable discovery; int users; }
              private static final Map<InetAddress, Tracker> REGISTRY = new HashMap<>();
              static synchronized Closeable create(InetAddress address) throws IOException {
                Tracker tracker = REGISTRY.computeIfAbsent(address, a -> new Tracker());
                if (tracker.discovery == null) {
                  tracker.discovery = new java.io.FileInputStream("/dev/null");
                }
                tracker.users++;
                return tracker.discovery;
              }
            }
            """)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aLocalThatAMethodAlsoReturnsIsOnlySharedWithTheObjectItBuilds() {
    // commons-dbcp2's LocalXAConnectionFactory: the XA resource built around the new connection
    // only refers to it; the connection itself goes to the caller.
    helper
        .addSourceLines(
            "XaConnections.java",
            """
            import java.sql.Connection;
            import java.sql.DriverManager;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            class XaConnections {
              static class XaResource {
                private final Connection connection;
                XaResource(Connection connection) { this.connection = connection; }
                void commit() throws java.sql.SQLException { connection.commit(); }
              }
              private final Map<Connection, XaResource> registry = new ConcurrentHashMap<>();
              Connection createConnection(String url) throws java.sql.SQLException {
                Connection connection = DriverManager.getConnection(url);
                XaResource resource = new XaResource(connection);
                registry.put(connection, resource);
                return connection;
              }
            }
            """)
        .addSourceLines(
            "Listeners.java",
            """
            import java.io.IOException;
            import java.net.ServerSocket;
            import java.util.ArrayList;
            import java.util.List;
            // Undertow's ListenerInfo: a description of a server socket that the class keeps, and
            // closes, in a list of its own.
            class Listeners implements AutoCloseable {
              static class Info {
                private final ServerSocket socket;
                Info(ServerSocket socket) { this.socket = socket; }
                int port() { return socket.getLocalPort(); }
              }
              private final List<ServerSocket> sockets = new ArrayList<>();
              private final List<Info> infos = new ArrayList<>();
              void start(int port) throws IOException {
                ServerSocket socket = new ServerSocket(port);
                sockets.add(socket);
                infos.add(new Info(socket));
              }
              @Override public void close() throws IOException {
                for (ServerSocket socket : sockets) {
                  socket.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void clientsPerTenantCachedInAMapWithNoShutdown() {
    helper
        .addSourceLines(
            "TenantClients.java",
            """
            import io.lettuce.core.RedisClient;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            class TenantClients {
              // BUG: Diagnostic contains: The RedisClient objects kept in `clients` are created and owned here
              private final Map<String, RedisClient> clients = new ConcurrentHashMap<>();
              RedisClient forTenant(String tenant) {
                return clients.computeIfAbsent(tenant, t -> RedisClient.create("redis://" + t));
              }
            }
            """)
        .doTest();
  }

  @Test
  void clientsPerTenantClosedOnRemovalOrSharedWithTheSuperclass() {
    // Each client closed when its tenant leaves; a field of the superclass is its own to release.
    helper
        .addSourceLines(
            "Tenants.java",
            """
            import io.lettuce.core.RedisClient;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            class Tenants {
              private final Map<String, RedisClient> clients = new ConcurrentHashMap<>();
              RedisClient forTenant(String tenant) {
                return clients.computeIfAbsent(tenant, t -> RedisClient.create("redis://" + t));
              }
              void leave(String tenant) {
                RedisClient gone = clients.remove(tenant);
                if (gone != null) {
                  gone.shutdown();
                }
              }
            }
            abstract class ClientHolder implements AutoCloseable {
              protected final List<RedisClient> held = new ArrayList<>();
            }
            class AuditClients extends ClientHolder {
              void add(String uri) {
                held.add(RedisClient.create(uri));
              }
              @Override
              public void close() {
                held.forEach(RedisClient::shutdown);
              }
            }
            """)
        .doTest();
  }

  @Test
  void registryOfTheClassesOwnInstancesThatCloseThemselves() {
    // log4j's AbstractManager: a static map of live managers by name, each removing and closing
    // itself when its last user stops it.
    helper
        .addSourceLines(
            "Manager.java",
            """
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.OutputStream;
            import java.io.UncheckedIOException;
            import java.util.HashMap;
            import java.util.Map;
            abstract class Manager implements AutoCloseable {
              private static final Map<String, Manager> MANAGERS = new HashMap<>();
              private final String name;
              Manager(String name) {
                this.name = name;
              }
              static synchronized Manager fileManager(String name) {
                return MANAGERS.computeIfAbsent(name, n -> new FileManager(n));
              }
              @Override
              public void close() {
                synchronized (Manager.class) {
                  MANAGERS.remove(name);
                }
                release();
              }
              abstract void release();
            }
            class FileManager extends Manager {
              private final OutputStream out;
              FileManager(String name) {
                super(name);
                try {
                  out = new FileOutputStream(name);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              @Override
              void release() {
                try {
                  out.close();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void resourceReplacedWithoutClosingTheOldOne() {
    // Apereo CAS 6.5 shipped the second: a watcher field replaced on every regeneration, the old
    // watch service and its thread left open.
    helper
        .addSourceLines(
            "Spool.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.nio.file.FileSystems;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.WatchService;
            class Spool implements AutoCloseable {
              private Writer out;
              Spool(Path file) throws IOException {
                out = Files.newBufferedWriter(file);
              }
              void rotate(Path next) throws IOException {
                out.flush();
                // BUG: Diagnostic contains: This replaces the resource in 'out' without releasing the old one
                out = Files.newBufferedWriter(next);
              }
              @Override
              public void close() throws IOException {
                out.close();
              }
            }
            class KeystoreWatcher implements AutoCloseable {
              private WatchService watcher;
              KeystoreWatcher() throws IOException {
                watcher = FileSystems.getDefault().newWatchService();
              }
              void regenerate() throws IOException {
                // BUG: Diagnostic contains: without releasing the old one
                watcher = FileSystems.getDefault().newWatchService();
              }
              @Override
              public void close() throws IOException {
                watcher.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void resourceReplacedAfterTheOldOneIsReleased() {
    // Reconnects that close first, directly or through the class's own methods; a rotation that
    // keeps the old writer and closes it after; lazy reopening; a resource made in start().
    helper
        .addSourceLines(
            "Reconnecting.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.net.Socket;
            import java.nio.file.Files;
            import java.nio.file.Path;
            class Reconnecting implements AutoCloseable {
              private final String host;
              private Socket socket;
              Reconnecting(String host) throws IOException {
                this.host = host;
                this.socket = new Socket(host, 9000);
              }
              void reconnect() throws IOException {
                disconnect();
                socket = new Socket(host, 9000);
              }
              void reconnectQuietly() throws IOException {
                closeQuietly();
                socket = new Socket(host, 9000);
              }
              void reopenIfClosed() throws IOException {
                if (socket == null || socket.isClosed()) {
                  socket = new Socket(host, 9000);
                }
              }
              private void disconnect() throws IOException {
                socket.close();
              }
              private void closeQuietly() {
                try {
                  close();
                } catch (IOException ignored) {
                  // reconnecting anyway
                }
              }
              @Override
              public void close() throws IOException {
                disconnect();
              }
            }
            class Rotating implements AutoCloseable {
              private Writer out;
              Rotating(Path file) throws IOException {
                out = Files.newBufferedWriter(file);
              }
              void rotate(Path next) throws IOException {
                out.close();
                out = Files.newBufferedWriter(next);
              }
              void rotateKeepingTheOld(Path next) throws IOException {
                Writer old = out;
                out = Files.newBufferedWriter(next);
                old.close();
              }
              @Override
              public void close() throws IOException {
                out.close();
              }
            }
            class Session implements AutoCloseable {
              private final Socket socket;
              Session(String host) throws IOException {
                this(new Socket(host, 9000));
              }
              private Session(Socket socket) {
                this.socket = socket;
              }
              static Session open(String host, int port) throws IOException {
                Socket socket = new Socket(host, port);
                return new Session(socket); // fills the new session's field, replaces nothing
              }
              @Override
              public void close() throws IOException {
                socket.close();
              }
            }
            class Started implements AutoCloseable {
              private Socket socket;
              void start(String host) throws IOException {
                socket = new Socket(host, 9000);
              }
              @Override
              public void close() throws IOException {
                socket.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aPoolTheClassesOwnBuilderMakesForIt() {
    helper
        .addSourceLines(
            "Notifier.java",
            """
            import com.zaxxer.hikari.HikariConfig;
            import com.zaxxer.hikari.HikariDataSource;
            // The builder makes the default pool; the notifier keeps it and never closes it.
            public class Notifier {
              // BUG: Diagnostic contains: `client` (HikariDataSource)
              private final HikariDataSource client;
              private Notifier(Builder builder) { this.client = builder.client; }
              public static class Builder {
                private HikariDataSource client;
                public Builder client(HikariDataSource client) {
                  this.client = client;
                  return this;
                }
                public Notifier build() {
                  if (client == null) {
                    client = new HikariDataSource(new HikariConfig());
                  }
                  return new Notifier(this);
                }
              }
            }
            """)
        .addSourceLines(
            "Publisher.java",
            """
            import com.zaxxer.hikari.HikariDataSource;
            // The builder only passes on the caller's pool: the caller closes it.
            public class Publisher {
              private final HikariDataSource client;
              private Publisher(Builder builder) { this.client = builder.client; }
              public static class Builder {
                private HikariDataSource client;
                public Builder client(HikariDataSource client) {
                  this.client = client;
                  return this;
                }
                public Publisher build() { return new Publisher(this); }
              }
            }
            """)
        .doTest();
  }

  @Test
  void releasedOnlyInAFinalizer() {
    // java-libpst's PSTFile before its PR 24: the file is closed only in finalize().
    helper
        .addSourceLines(
            "PstFile.java",
            """
            import java.io.IOException;
            import java.io.RandomAccessFile;
            class PstFile {
              // BUG: Diagnostic contains: released only in finalize(), which the garbage collector runs late or never
              private RandomAccessFile in;
              PstFile(String name) throws IOException {
                in = new RandomAccessFile(name, "r");
              }
              int readByte() throws IOException { return in.read(); }
              public RandomAccessFile getFileHandle() { return in; }
              @Override
              @SuppressWarnings({"deprecation", "removal"}) // finalize() is deprecated for removal on newer JDKs
              protected void finalize() throws IOException {
                in.close();
              }
            }
            """)
        .addSourceLines(
            "SafetyNet.java",
            """
            import java.io.IOException;
            import java.io.RandomAccessFile;
            class SafetyNet implements AutoCloseable {
              private final RandomAccessFile in;
              SafetyNet(String name) throws IOException { in = new RandomAccessFile(name, "r"); }
              int readByte() throws IOException { return in.read(); }
              @Override
              public void close() throws IOException { in.close(); }
              @Override
              @SuppressWarnings({"deprecation", "removal"}) // finalize() is deprecated for removal on newer JDKs
              protected void finalize() throws IOException {
                close(); // a safety net behind close(), which is the release
              }
            }
            """)
        .addSourceLines(
            "Both.java",
            """
            import java.io.IOException;
            import java.io.RandomAccessFile;
            class Both {
              private final RandomAccessFile in;
              Both(String name) throws IOException { in = new RandomAccessFile(name, "r"); }
              public void release() throws IOException { in.close(); } // released by the caller's call
              @Override
              @SuppressWarnings({"deprecation", "removal"}) // finalize() is deprecated for removal on newer JDKs
              protected void finalize() throws IOException { in.close(); }
            }
            """)
        .doTest();
  }
}
