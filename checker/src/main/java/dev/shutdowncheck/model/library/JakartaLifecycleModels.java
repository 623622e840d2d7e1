package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;
import java.util.stream.Stream;

/**
 * Java EE and Jakarta EE, in both namespaces, and the injection annotations of CDI, Guice, JAX-RS,
 * MicroProfile and OSGi: {@code @PreDestroy}, servlet stop callbacks, injected fields, and the JAX-RS
 * client.
 */
@AutoService(LifecycleLibraryModels.class)
public final class JakartaLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableSet<String> shutdownAnnotations() {
    return bothNamespaces("annotation.PreDestroy");
  }

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return TypeMember.parseAll(
        "javax.servlet.ServletContextListener#contextDestroyed",
        "jakarta.servlet.ServletContextListener#contextDestroyed",
        "javax.servlet.Servlet#destroy",
        "jakarta.servlet.Servlet#destroy",
        "javax.servlet.Filter#destroy",
        "jakarta.servlet.Filter#destroy");
  }

  /**
   * A JAX-RS client holds its connector and connection pool, and its contract asks for close()
   * before it is dropped; before JAX-RS 3.1 it is not AutoCloseable.
   */
  @Override
  public ImmutableList<TypeMember> resourceReleases() {
    return TypeMember.parseAll("javax.ws.rs.client.Client#close", "jakarta.ws.rs.client.Client#close");
  }

  @Override
  public ImmutableSet<String> managedFieldAnnotations() {
    return ImmutableSet.<String>builder()
        .addAll(bothNamespaces("inject.Inject"))
        .addAll(bothNamespaces("annotation.Resource"))
        .addAll(bothNamespaces("persistence.PersistenceContext"))
        .addAll(bothNamespaces("persistence.PersistenceUnit"))
        .addAll(bothNamespaces("ejb.EJB"))
        .addAll(bothNamespaces("ws.rs.core.Context"))
        .addAll(bothNamespaces("enterprise.inject.Produces"))
        .add("com.google.inject.Inject")
        .add("org.eclipse.microprofile.config.inject.ConfigProperty")
        .add("org.osgi.service.component.annotations.Reference")
        .build();
  }

  private static ImmutableSet<String> bothNamespaces(String name) {
    return Stream.of("javax.", "jakarta.").map(prefix -> prefix + name).collect(ImmutableSet.toImmutableSet());
  }
}
