package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/** The user's {@code -XepOpt:ShutdownCheck:*} flags, as one more library model. */
final class UserLifecycleModels implements LifecycleLibraryModels {

  private final ShutdownCheckOptions options;

  UserLifecycleModels(ShutdownCheckOptions options) {
    this.options = options;
  }

  /** Whether the flags add no row to any table below (most builds give none). */
  boolean isEmpty() {
    return options.shutdownMethods().isEmpty()
        && options.shutdownAnnotations().isEmpty()
        && options.resourceTypes().isEmpty()
        && options.exitMethods().isEmpty();
  }

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return options.shutdownMethods();
  }

  @Override
  public ImmutableSet<String> shutdownAnnotations() {
    return ImmutableSet.copyOf(options.shutdownAnnotations());
  }

  @Override
  public ImmutableList<TypeMember> resourceReleases() {
    return options.resourceTypes();
  }

  @Override
  public ImmutableList<TypeMember> exitMethods() {
    return options.exitMethods();
  }
}
