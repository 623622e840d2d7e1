package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/**
 * Application frameworks other than Spring and Jakarta EE (Dropwizard, Quarkus, Micronaut), test
 * frameworks whose fields they manage (Mockito, JUnit, Testcontainers, Spock), Lombok's
 * delegation, which gives a class the {@code close()} of the field it delegates to, and the
 * process-exit helpers of Hadoop and Kafka.
 */
@AutoService(LifecycleLibraryModels.class)
public final class FrameworkLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return TypeMember.parseAll("io.dropwizard.lifecycle.Managed#stop");
  }

  @Override
  public ImmutableList<TypeMember> exitMethods() {
    // Each calls System.exit, unless a test has turned that off.
    return TypeMember.parseAll(
        "org.apache.hadoop.util.ExitUtil#terminate", "org.apache.kafka.common.utils.Exit#exit");
  }

  @Override
  public ImmutableList<TypeMember> unownedExecutorSources() {
    // Dropwizard's environment builds these and stops them with the application.
    return TypeMember.parseAll(
        "io.dropwizard.lifecycle.setup.ExecutorServiceBuilder#build",
        "io.dropwizard.lifecycle.setup.ScheduledExecutorServiceBuilder#build");
  }

  @Override
  public ImmutableSet<String> shutdownEvents() {
    return ImmutableSet.of("io.quarkus.runtime.ShutdownEvent", "io.micronaut.context.event.ShutdownEvent");
  }

  @Override
  public ImmutableSet<String> managedFieldAnnotations() {
    return ImmutableSet.of(
        "org.mockito.Mock",
        "org.mockito.Spy",
        "org.mockito.InjectMocks",
        "org.testcontainers.junit.jupiter.Container",
        "org.junit.Rule",
        "org.junit.ClassRule",
        "org.junit.jupiter.api.extension.RegisterExtension",
        "org.junit.jupiter.api.io.TempDir",
        "spock.lang.Shared",
        "lombok.experimental.Delegate");
  }
}
