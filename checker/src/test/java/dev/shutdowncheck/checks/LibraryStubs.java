package dev.shutdowncheck.checks;

import com.google.errorprone.CompilationTestHelper;

/**
 * Small stand-ins, with their real package and type names, for the libraries that the rules know
 * about but that are not on the test classpath. Their {@code close()} throws rather than
 * doing nothing: a {@code close()} with an empty body in the compilation releases nothing, while
 * the real classes' do.
 */
final class LibraryStubs {

  private LibraryStubs() {}

  /** TestNG's {@code @Test}, which marks a test method, or every public method of a class. */
  static CompilationTestHelper addTestNg(CompilationTestHelper helper) {
    return helper.addSourceLines(
        "org/testng/annotations/Test.java",
        """
        package org.testng.annotations;
        import java.lang.annotation.*;
        @Retention(RetentionPolicy.RUNTIME)
        @Target({ElementType.METHOD, ElementType.TYPE})
        public @interface Test {}
        """);
  }

  /** Hadoop's {@code ExitUtil}, whose {@code terminate} calls {@code System.exit}. */
  static CompilationTestHelper addHadoopExitUtil(CompilationTestHelper helper) {
    return helper.addSourceLines(
        "org/apache/hadoop/util/ExitUtil.java",
        """
        package org.apache.hadoop.util;
        public final class ExitUtil {
          public static void terminate(int status, String message) {}
        }
        """);
  }

  static CompilationTestHelper addResourceLibraries(CompilationTestHelper helper) {
    return helper
        .addSourceLines(
            "com/zaxxer/hikari/HikariDataSource.java",
            """
            package com.zaxxer.hikari;
            public class HikariDataSource implements javax.sql.DataSource, java.io.Closeable {
              public HikariDataSource() {}
              public HikariDataSource(HikariConfig config) {}
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
              public java.sql.Connection getConnection() { return null; }
              public java.sql.Connection getConnection(String u, String p) { return null; }
              public java.io.PrintWriter getLogWriter() { return null; }
              public void setLogWriter(java.io.PrintWriter out) {}
              public void setLoginTimeout(int seconds) {}
              public int getLoginTimeout() { return 0; }
              public java.util.logging.Logger getParentLogger() { return null; }
              public <T> T unwrap(Class<T> iface) { return null; }
              public boolean isWrapperFor(Class<?> iface) { return false; }
            }
            """)
        .addSourceLines(
            "com/zaxxer/hikari/HikariConfig.java",
            """
            package com.zaxxer.hikari;
            public class HikariConfig {
              public void setJdbcUrl(String url) {}
            }
            """)
        .addSourceLines(
            "redis/clients/jedis/JedisPool.java",
            """
            package redis.clients.jedis;
            public class JedisPool implements java.io.Closeable {
              public JedisPool(String host, int port) {}
              public Jedis getResource() { return new Jedis(); }
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
              public void destroy() {}
            }
            """)
        .addSourceLines(
            "redis/clients/jedis/Jedis.java",
            """
            package redis.clients.jedis;
            public class Jedis implements java.io.Closeable {
              public String get(String key) { return null; }
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """)
        .addSourceLines(
            "io/grpc/ManagedChannel.java",
            """
            package io.grpc;
            public abstract class ManagedChannel {
              public abstract ManagedChannel shutdown();
              public abstract ManagedChannel shutdownNow();
              public abstract boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit)
                  throws InterruptedException;
            }
            """)
        .addSourceLines(
            "io/grpc/ManagedChannelBuilder.java",
            """
            package io.grpc;
            public abstract class ManagedChannelBuilder<T extends ManagedChannelBuilder<T>> {
              public static ManagedChannelBuilder<?> forAddress(String host, int port) { return null; }
              public static ManagedChannelBuilder<?> forTarget(String target) { return null; }
              public abstract T usePlaintext();
              public abstract ManagedChannel build();
            }
            """)
        .addSourceLines(
            "io/grpc/Server.java",
            """
            package io.grpc;
            public abstract class Server {
              public abstract Server start() throws java.io.IOException;
              public abstract Server shutdown();
              public abstract Server shutdownNow();
            }
            """)
        .addSourceLines(
            "io/grpc/ServerBuilder.java",
            """
            package io.grpc;
            public abstract class ServerBuilder<T extends ServerBuilder<T>> {
              public static ServerBuilder<?> forPort(int port) { return null; }
              public abstract T addService(Object service);
              public abstract Server build();
            }
            """)
        .addSourceLines(
            "io/lettuce/core/AbstractRedisClient.java",
            """
            package io.lettuce.core;
            public abstract class AbstractRedisClient {
              public void shutdown() {}
              public java.util.concurrent.CompletableFuture<Void> shutdownAsync() { return null; }
            }
            """)
        .addSourceLines(
            "io/lettuce/core/RedisClient.java",
            """
            package io.lettuce.core;
            public class RedisClient extends AbstractRedisClient {
              public static RedisClient create(String uri) { return new RedisClient(); }
              public static RedisClient create(io.lettuce.core.resource.ClientResources r, String uri) {
                return new RedisClient();
              }
              public io.lettuce.core.api.StatefulRedisConnection<String, String> connect() { return null; }
            }
            """)
        .addSourceLines(
            "io/lettuce/core/api/StatefulRedisConnection.java",
            """
            package io.lettuce.core.api;
            public interface StatefulRedisConnection<K, V> extends AutoCloseable {
              @Override void close();
            }
            """)
        .addSourceLines(
            "io/lettuce/core/resource/ClientResources.java",
            """
            package io.lettuce.core.resource;
            public interface ClientResources {
              static ClientResources create() { return new DefaultClientResources(); }
              java.util.concurrent.Future<Boolean> shutdown();
            }
            """)
        .addSourceLines(
            "io/lettuce/core/resource/DefaultClientResources.java",
            """
            package io.lettuce.core.resource;
            public class DefaultClientResources implements ClientResources {
              public java.util.concurrent.Future<Boolean> shutdown() { return null; }
            }
            """)
        .addSourceLines(
            "okhttp3/OkHttpClient.java",
            """
            package okhttp3;
            public class OkHttpClient {
              public OkHttpClient() {}
              public Dispatcher dispatcher() { return new Dispatcher(); }
              public ConnectionPool connectionPool() { return new ConnectionPool(); }
              public Builder newBuilder() { return new Builder(); }
              public static final class Builder {
                public Builder readTimeout(long t, java.util.concurrent.TimeUnit unit) { return this; }
                public OkHttpClient build() { return new OkHttpClient(); }
              }
            }
            """)
        .addSourceLines(
            "okhttp3/Dispatcher.java",
            """
            package okhttp3;
            public final class Dispatcher {
              public java.util.concurrent.ExecutorService executorService() { return null; }
            }
            """)
        .addSourceLines(
            "okhttp3/ConnectionPool.java",
            """
            package okhttp3;
            public final class ConnectionPool {
              public void evictAll() {}
            }
            """)
        .addSourceLines(
            "org/apache/http/impl/client/CloseableHttpClient.java",
            """
            package org.apache.http.impl.client;
            public abstract class CloseableHttpClient implements java.io.Closeable {}
            """)
        .addSourceLines(
            "org/apache/http/impl/client/HttpClients.java",
            """
            package org.apache.http.impl.client;
            public final class HttpClients {
              // A library's factory: its body, when the compilation reads it, makes a new client.
              public static CloseableHttpClient createDefault() { return new DefaultClient(); }
              private static final class DefaultClient extends CloseableHttpClient {
                @Override public void close() { throw new UnsupportedOperationException("stub"); }
              }
              public static HttpClientBuilder custom() { return new HttpClientBuilder(); }
            }
            """)
        .addSourceLines(
            "org/apache/http/impl/client/HttpClientBuilder.java",
            """
            package org.apache.http.impl.client;
            public class HttpClientBuilder {
              public HttpClientBuilder setConnectionManager(
                  org.apache.http.impl.conn.PoolingHttpClientConnectionManager manager) {
                return this;
              }
              public CloseableHttpClient build() { return null; }
            }
            """)
        .addSourceLines(
            "org/apache/http/impl/conn/PoolingHttpClientConnectionManager.java",
            """
            package org.apache.http.impl.conn;
            public class PoolingHttpClientConnectionManager implements java.io.Closeable {
              public void setMaxTotal(int max) {}
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """)
        .addSourceLines(
            "org/apache/commons/csv/CSVPrinter.java",
            """
            package org.apache.commons.csv;
            public final class CSVPrinter implements java.io.Closeable, java.io.Flushable {
              public CSVPrinter(Appendable out, CSVFormat format) {}
              public void printRecord(Object... values) {}
              @Override public void flush() {}
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """)
        .addSourceLines(
            "org/apache/commons/csv/CSVFormat.java",
            """
            package org.apache.commons.csv;
            public final class CSVFormat {
              public static final CSVFormat DEFAULT = new CSVFormat();
            }
            """)
        .addSourceLines(
            "com/fasterxml/jackson/core/JsonFactory.java",
            """
            package com.fasterxml.jackson.core;
            public class JsonFactory {
              public JsonGenerator createGenerator(java.io.OutputStream out) { return null; }
            }
            """)
        .addSourceLines(
            "com/fasterxml/jackson/core/JsonGenerator.java",
            """
            package com.fasterxml.jackson.core;
            public abstract class JsonGenerator implements java.io.Closeable, java.io.Flushable {
              public abstract void writeString(String text);
            }
            """)
        .addSourceLines(
            "org/apache/kafka/common/serialization/StringSerializer.java",
            """
            package org.apache.kafka.common.serialization;
            public class StringSerializer implements java.io.Closeable {
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """)
        .addSourceLines(
            "org/apache/kafka/clients/producer/KafkaProducer.java",
            """
            package org.apache.kafka.clients.producer;
            public class KafkaProducer<K, V> implements java.io.Closeable {
              public KafkaProducer(java.util.Properties properties) {}
              public KafkaProducer(java.util.Properties properties, java.io.Closeable keySerializer,
                  java.io.Closeable valueSerializer) {}
              public void flush() {}
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """)
        .addSourceLines(
            "javax/servlet/GenericServlet.java",
            """
            package javax.servlet;
            public abstract class GenericServlet {
              public void destroy() {}
            }
            """)
        .addSourceLines(
            "org/apache/commons/io/IOUtils.java",
            """
            package org.apache.commons.io;
            public final class IOUtils {
              public static void closeQuietly(java.io.Closeable... closeables) {}
            }
            """)
        .addSourceLines(
            "org/springframework/beans/factory/DisposableBean.java",
            """
            package org.springframework.beans.factory;
            public interface DisposableBean {
              void destroy() throws Exception;
            }
            """)
        .addSourceLines(
            "org/springframework/beans/factory/annotation/Autowired.java",
            """
            package org.springframework.beans.factory.annotation;
            public @interface Autowired {}
            """)
        .addSourceLines(
            "org/springframework/context/annotation/Bean.java",
            """
            package org.springframework.context.annotation;
            public @interface Bean {}
            """)
        .addSourceLines(
            "org/springframework/context/annotation/Configuration.java",
            """
            package org.springframework.context.annotation;
            public @interface Configuration {}
            """)
        .addSourceLines(
            "org/springframework/stereotype/Component.java",
            """
            package org.springframework.stereotype;
            public @interface Component {}
            """)
        .addSourceLines(
            "jakarta/annotation/PreDestroy.java",
            """
            package jakarta.annotation;
            public @interface PreDestroy {}
            """)
        .addSourceLines(
            "javax/ws/rs/client/Client.java",
            """
            package javax.ws.rs.client;
            // JAX-RS 2.1: a client has close() but is not AutoCloseable.
            public interface Client {
              void close();
              Object target(String uri);
            }
            """)
        .addSourceLines(
            "javax/ws/rs/client/ClientBuilder.java",
            """
            package javax.ws.rs.client;
            public abstract class ClientBuilder {
              public static ClientBuilder newBuilder() { throw new UnsupportedOperationException("stub"); }
              public static Client newClient() { return newBuilder().build(); }
              public abstract ClientBuilder register(Class<?> component);
              public abstract Client build();
            }
            """)
        .addSourceLines(
            "javax/ws/rs/core/Context.java",
            """
            package javax.ws.rs.core;
            public @interface Context {}
            """)
        .addSourceLines(
            "javax/inject/Inject.java",
            """
            package javax.inject;
            public @interface Inject {}
            """)
        .addSourceLines(
            "io/dropwizard/lifecycle/Managed.java",
            """
            package io.dropwizard.lifecycle;
            public interface Managed {
              default void start() throws Exception {}
              default void stop() throws Exception {}
            }
            """)
        .addSourceLines(
            "io/dropwizard/lifecycle/setup/LifecycleEnvironment.java",
            """
            package io.dropwizard.lifecycle.setup;
            public class LifecycleEnvironment {
              public void manage(io.dropwizard.lifecycle.Managed managed) {}
            }
            """)
        .addSourceLines(
            "org/testcontainers/junit/jupiter/Container.java",
            """
            package org.testcontainers.junit.jupiter;
            public @interface Container {}
            """)
        .addSourceLines(
            "org/testcontainers/containers/PostgreSQLContainer.java",
            """
            package org.testcontainers.containers;
            public class PostgreSQLContainer implements AutoCloseable {
              public PostgreSQLContainer(String image) {}
              @Override public void close() { throw new UnsupportedOperationException("stub"); }
            }
            """);
  }
}
