package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/** Guava: {@code MoreExecutors}, futures, {@code Service} and its waits. */
@AutoService(LifecycleLibraryModels.class)
public final class GuavaLifecycleModels implements LifecycleLibraryModels {

  private static final String CONCURRENT = "com.google.common.util.concurrent.";

  @Override
  public ImmutableList<TypeMember> unownedExecutorSources() {
    return TypeMember.parseAll(
        CONCURRENT + "MoreExecutors#directExecutor",
        CONCURRENT + "MoreExecutors#newDirectExecutorService",
        CONCURRENT + "MoreExecutors#getExitingExecutorService",
        CONCURRENT + "MoreExecutors#getExitingScheduledExecutorService");
  }

  @Override
  public ImmutableList<TypeMember> borrowers() {
    return TypeMember.parseAll(
        CONCURRENT + "Futures#*", CONCURRENT + "FluentFuture#*", CONCURRENT + "ListenableFuture#addListener");
  }

  @Override
  public ImmutableList<TypeMember> releaseHelpers() {
    return TypeMember.parseAll(
        CONCURRENT + "MoreExecutors#shutdownAndAwaitTermination",
        CONCURRENT + "MoreExecutors#addDelayedShutdownHook",
        "com.google.common.io.Closeables#close",
        "com.google.common.io.Closeables#closeQuietly");
  }

  /** propagate(e) wraps a checked exception in a RuntimeException and restores nothing. */
  @Override
  public ImmutableList<TypeMember> interruptDroppingWrappers() {
    return TypeMember.parseAll("com.google.common.base.Throwables#propagate");
  }

  @Override
  public ImmutableList<TypeMember> completionCallbacks() {
    return TypeMember.parseAll(CONCURRENT + "ListenableFuture#addListener", CONCURRENT + "Futures#addCallback");
  }

  @Override
  public ImmutableList<TypeMember> afterWorkStoppedCallbacks() {
    return TypeMember.parseAll(CONCURRENT + "Service$Listener#terminated", CONCURRENT + "Service$Listener#failed");
  }

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return TypeMember.parseAll(
        CONCURRENT + "AbstractService#doStop",
        CONCURRENT + "AbstractIdleService#shutDown",
        CONCURRENT + "AbstractExecutionThreadService#shutDown",
        CONCURRENT + "AbstractExecutionThreadService#triggerShutdown",
        CONCURRENT + "AbstractScheduledService#shutDown");
  }

  @Override
  public ImmutableList<TypeMember> blockingWaits() {
    return TypeMember.parseAll(
        CONCURRENT + "Uninterruptibles#getUninterruptibly",
        CONCURRENT + "Uninterruptibles#awaitUninterruptibly",
        CONCURRENT + "Uninterruptibles#joinUninterruptibly",
        CONCURRENT + "Uninterruptibles#takeUninterruptibly",
        CONCURRENT + "Uninterruptibles#acquireUninterruptibly",
        CONCURRENT + "Uninterruptibles#awaitTerminationUninterruptibly",
        CONCURRENT + "Futures#getUnchecked",
        CONCURRENT + "Service#awaitTerminated",
        CONCURRENT + "ServiceManager#awaitStopped");
  }

  @Override
  public ImmutableList<TypeMember> timedWaits() {
    return TypeMember.parseAll(
        CONCURRENT + "Uninterruptibles#sleepUninterruptibly",
        CONCURRENT + "Uninterruptibles#tryAcquireUninterruptibly");
  }

  @Override
  public ImmutableList<TypeMember> blockingPuts() {
    return TypeMember.parseAll(CONCURRENT + "Uninterruptibles#putUninterruptibly");
  }

  @Override
  public ImmutableList<TypeMember> taskMethods() {
    return TypeMember.parseAll(CONCURRENT + "AbstractExecutionThreadService#run");
  }
}
