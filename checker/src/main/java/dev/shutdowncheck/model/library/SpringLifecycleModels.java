package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/** Spring: its stop callbacks, the shutdown event, beans the container owns and injects. */
@AutoService(LifecycleLibraryModels.class)
public final class SpringLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return TypeMember.parseAll(
        "org.springframework.beans.factory.DisposableBean#destroy",
        "org.springframework.context.Lifecycle#stop");
  }

  @Override
  public ImmutableSet<String> shutdownEvents() {
    return ImmutableSet.of("org.springframework.context.event.ContextClosedEvent");
  }

  @Override
  public ImmutableSet<String> containerFactoryAnnotations() {
    // Spring calls a @Bean's close() or shutdown() when the context closes.
    return ImmutableSet.of("org.springframework.context.annotation.Bean");
  }

  @Override
  public ImmutableSet<String> managedFieldAnnotations() {
    return ImmutableSet.of(
        "org.springframework.beans.factory.annotation.Autowired",
        "org.springframework.beans.factory.annotation.Value",
        "org.springframework.boot.test.mock.mockito.MockBean",
        "org.springframework.boot.test.mock.mockito.SpyBean",
        "org.springframework.test.context.bean.override.mockito.MockitoBean");
  }
}
