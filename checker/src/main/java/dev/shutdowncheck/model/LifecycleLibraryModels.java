package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * What shutdown-check knows about one library's lifecycle types, as rows. A row names a member of
 * a type, {@code com.acme.Pool#drain} (see {@link TypeMember}): it matches that member of the type
 * and of its subtypes, by symbol, never by a name seen in the source. The built-in libraries (JDK,
 * Guava, Spring, Jakarta EE, Netty, gRPC, Dropwizard, Lettuce, OkHttp, ...) are implementations
 * of this interface; so are the user's {@code -XepOpt:ShutdownCheck:*} flags. More are found with
 * {@link java.util.ServiceLoader} on the compiler's processor path, next to the checker: a jar with
 * a class that implements this interface and a {@code
 * META-INF/services/dev.shutdowncheck.model.LifecycleLibraryModels} file that names it teaches the
 * rules a library without a release of shutdown-check.
 *
 * <p>Every table is empty by default; an implementation fills in the ones its library needs.
 */
public interface LifecycleLibraryModels {

  /** Types whose instances are executors, threads that run until stopped: {@code java.util.concurrent.ExecutorService}. */
  default ImmutableSet<String> executorTypes() {
    return ImmutableSet.of();
  }

  /** Types whose instances are threads: {@code java.lang.Thread}. */
  default ImmutableSet<String> threadTypes() {
    return ImmutableSet.of();
  }

  /** Types whose instances are timers, each with a thread of its own: {@code java.util.Timer}. */
  default ImmutableSet<String> timerTypes() {
    return ImmutableSet.of();
  }

  /**
   * Calls that stop the lifecycle object they are called on, where the name alone does not say so
   * (see {@link NamingConventions#isReleaseName}): {@code Thread#interrupt}, {@code Timer#cancel}.
   */
  default ImmutableList<TypeMember> stopMethods() {
    return ImmutableList.of();
  }

  /** Calls that return an executor nobody here owns: {@code ForkJoinPool#commonPool}. */
  default ImmutableList<TypeMember> unownedExecutorSources() {
    return ImmutableList.of();
  }

  /**
   * Calls that use a lifecycle object passed to them but neither keep nor stop it, so that passing
   * a local one there hands nothing on: {@code CompletableFuture#*}.
   */
  default ImmutableList<TypeMember> borrowers() {
    return ImmutableList.of();
  }

  /** Static helpers that stop or release what is passed to them: {@code IOUtils#closeQuietly}. */
  default ImmutableList<TypeMember> releaseHelpers() {
    return ImmutableList.of();
  }

  /**
   * Calls that run the lambda given to them when something completes, on the completing thread:
   * {@code CompletionStage#*}, {@code ListenableFuture#addListener}.
   */
  default ImmutableList<TypeMember> completionCallbacks() {
    return ImmutableList.of();
  }

  /**
   * Callbacks that run once a component's work has stopped, where stopping its executor only lets
   * idle threads go: Guava's {@code Service$Listener#terminated}.
   */
  default ImmutableList<TypeMember> afterWorkStoppedCallbacks() {
    return ImmutableList.of();
  }

  /** Methods that frameworks or the JDK call to stop a component: {@code AutoCloseable#close}. */
  default ImmutableList<TypeMember> shutdownCallbacks() {
    return ImmutableList.of();
  }

  /** Annotations that mark a method the framework calls to stop its object: {@code @PreDestroy}. */
  default ImmutableSet<String> shutdownAnnotations() {
    return ImmutableSet.of();
  }

  /** Event types whose listeners run when the application shuts down. */
  default ImmutableSet<String> shutdownEvents() {
    return ImmutableSet.of();
  }

  /** Annotations of factory methods whose results a container owns and stops: Spring's {@code @Bean}. */
  default ImmutableSet<String> containerFactoryAnnotations() {
    return ImmutableSet.of();
  }

  /** Annotations of fields whose value a framework injects or manages: {@code @Inject}. */
  default ImmutableSet<String> managedFieldAnnotations() {
    return ImmutableSet.of();
  }

  /** {@code AutoCloseable} types whose {@code close()} releases nothing worth a finding. */
  default ImmutableSet<String> nonReleasingTypes() {
    return ImmutableSet.of();
  }

  /**
   * Lifecycle types that are not {@code AutoCloseable}, each with a call that releases it: {@code
   * io.grpc.ManagedChannel#shutdown}.
   */
  default ImmutableList<TypeMember> resourceReleases() {
    return ImmutableList.of();
  }

  /** Factories, named unlike one, that open a new resource for their caller. */
  default ImmutableList<TypeMember> resourceFactories() {
    return ImmutableList.of();
  }

  /** Calls that block until something else happens; their overloads with a timeout are bounded. */
  default ImmutableList<TypeMember> blockingWaits() {
    return ImmutableList.of();
  }

  /**
   * Calls that block for at most the timeout they are given, and not at all without one: {@code
   * Thread#sleep}, {@code BlockingQueue#poll}, {@code Semaphore#tryAcquire}. Only the overloads that
   * take a timeout wait.
   */
  default ImmutableList<TypeMember> timedWaits() {
    return ImmutableList.of();
  }

  /**
   * Calls that make a server or consumer stop taking new work, while work already taken may still
   * run: {@code com.sun.net.httpserver.HttpServer#stop}, a Kafka consumer's {@code wakeup}.
   */
  default ImmutableList<TypeMember> intakeStops() {
    return ImmutableList.of();
  }

  /** Calls that return a future completing by a deadline of its own: {@code CompletableFuture#orTimeout}. */
  default ImmutableList<TypeMember> selfBoundedFutures() {
    return ImmutableList.of();
  }

  /**
   * Calls that start a watchdog which ends the waits of the code after it at a deadline of its own:
   * Okio's {@code AsyncTimeout#enter}, whose timer wakes or fails the waiting thread when the
   * timeout passes, until {@code exit()} stops it.
   */
  default ImmutableList<TypeMember> watchdogStarts() {
    return ImmutableList.of();
  }

  /** Puts that block only while a bounded queue is full: {@code BlockingQueue#put}. */
  default ImmutableList<TypeMember> blockingPuts() {
    return ImmutableList.of();
  }

  /** Calls that run the lambda given to them at once, on the calling thread: {@code Iterable#forEach}. */
  default ImmutableList<TypeMember> inPlaceRunners() {
    return ImmutableList.of();
  }

  /**
   * Calls that start the JVM's shutdown and wait for its hooks to finish: {@code System#exit}, and
   * the helpers of libraries that call it. A hook that makes one, or waits for a thread that does,
   * never ends.
   */
  default ImmutableList<TypeMember> exitMethods() {
    return ImmutableList.of();
  }

  /** Methods that are the whole body of a task or thread: {@code Runnable#run}. */
  default ImmutableList<TypeMember> taskMethods() {
    return ImmutableList.of();
  }

  /**
   * Helpers that turn an exception into another one to throw, and leave the thread's interrupt
   * status cleared when it was an {@code InterruptedException}: Guava's {@code
   * Throwables#propagate}.
   */
  default ImmutableList<TypeMember> interruptDroppingWrappers() {
    return ImmutableList.of();
  }
}
