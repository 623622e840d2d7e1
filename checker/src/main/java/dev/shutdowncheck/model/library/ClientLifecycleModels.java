package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/**
 * Clients and servers that are not {@code AutoCloseable} but hold connections and threads until
 * released (gRPC, Lettuce, OkHttp), clients whose {@code close()} waits with no deadline (Kafka),
 * and closeables of common libraries that hold nothing (Jetty's lock, Jackson's non-blocking
 * parser).
 */
@AutoService(LifecycleLibraryModels.class)
public final class ClientLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableList<TypeMember> resourceReleases() {
    return TypeMember.parseAll(
        "io.grpc.ManagedChannel#shutdown",
        "io.grpc.ManagedChannel#shutdownNow",
        "io.grpc.Server#shutdown",
        "io.grpc.Server#shutdownNow",
        "io.lettuce.core.AbstractRedisClient#shutdown",
        "io.lettuce.core.AbstractRedisClient#shutdownAsync",
        "io.lettuce.core.RedisClient#shutdown",
        "io.lettuce.core.RedisClient#shutdownAsync",
        "io.lettuce.core.cluster.RedisClusterClient#shutdown",
        "io.lettuce.core.cluster.RedisClusterClient#shutdownAsync",
        "io.lettuce.core.resource.ClientResources#shutdown",
        // OkHttp is released through these: client.dispatcher().executorService().shutdown()
        // and client.connectionPool().evictAll() (release calls on the client's chain)
        "okhttp3.OkHttpClient#dispatcher",
        "okhttp3.OkHttpClient#connectionPool");
  }

  @Override
  public ImmutableList<TypeMember> blockingWaits() {
    return TypeMember.parseAll(
        "io.grpc.Server#awaitTermination",
        "io.grpc.ManagedChannel#awaitTermination",
        // Kafka's clients: close() is close(Long.MAX_VALUE ms), waiting for what is in flight with
        // no deadline (KafkaConsumer.close() waits 30 s); close(Duration) bounds it.
        "org.apache.kafka.clients.producer.Producer#close",
        "org.apache.kafka.clients.producer.KafkaProducer#close",
        "org.apache.kafka.clients.admin.Admin#close",
        "org.apache.kafka.clients.admin.AdminClient#close",
        "org.apache.kafka.streams.KafkaStreams#close");
  }

  @Override
  public ImmutableList<TypeMember> watchdogStarts() {
    // OkHttp brackets each blocking read and write with timeout.enter() .. exit(): the
    // AsyncTimeout's watchdog thread fails the stream when the timeout passes, which ends the wait.
    return TypeMember.parseAll("okio.AsyncTimeout#enter");
  }

  @Override
  public ImmutableList<TypeMember> releaseHelpers() {
    return TypeMember.parseAll("org.apache.commons.io.IOUtils#closeQuietly");
  }

  @Override
  public ImmutableSet<String> nonReleasingTypes() {
    return ImmutableSet.of(
        "org.eclipse.jetty.util.thread.AutoLock",
        // Jackson's parser for input fed to it chunk by chunk: no stream under it to close.
        "com.fasterxml.jackson.core.json.async.NonBlockingJsonParserBase");
  }
}
