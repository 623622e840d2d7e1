package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/**
 * Servers and consumers, which take work from outside (requests, connections, messages) and hand
 * it to handlers: the calls that stop their intake. A graceful shutdown makes them first, so that
 * no new work starts while the work in flight finishes.
 */
@AutoService(LifecycleLibraryModels.class)
public final class ServerLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableList<TypeMember> intakeStops() {
    return TypeMember.parseAll(
        "com.sun.net.httpserver.HttpServer#stop",
        "java.net.ServerSocket#close",
        "java.nio.channels.ServerSocketChannel#close",
        "io.grpc.Server#shutdown",
        "io.grpc.Server#shutdownNow",
        "org.eclipse.jetty.server.Server#stop",
        "org.apache.catalina.startup.Tomcat#stop",
        "io.undertow.Undertow#stop",
        "io.vertx.core.http.HttpServer#close",
        "org.apache.kafka.clients.consumer.Consumer#wakeup",
        "org.apache.kafka.clients.consumer.Consumer#unsubscribe",
        "org.apache.kafka.clients.consumer.Consumer#close",
        "javax.jms.MessageConsumer#close",
        "jakarta.jms.MessageConsumer#close",
        "javax.jms.Connection#stop",
        "jakarta.jms.Connection#stop",
        "rx.Subscription#unsubscribe",
        "io.reactivex.disposables.Disposable#dispose",
        "io.reactivex.rxjava3.disposables.Disposable#dispose",
        "reactor.core.Disposable#dispose");
  }
}
