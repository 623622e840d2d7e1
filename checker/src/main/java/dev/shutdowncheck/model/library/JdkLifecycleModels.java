package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/** The JDK: executors, closeables, blocking waits, and what runs lambdas at once or later. */
@AutoService(LifecycleLibraryModels.class)
public final class JdkLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableSet<String> executorTypes() {
    return ImmutableSet.of("java.util.concurrent.ExecutorService");
  }

  @Override
  public ImmutableSet<String> threadTypes() {
    return ImmutableSet.of("java.lang.Thread");
  }

  @Override
  public ImmutableSet<String> timerTypes() {
    return ImmutableSet.of("java.util.Timer");
  }

  @Override
  public ImmutableList<TypeMember> stopMethods() {
    // join() stops nothing, but whoever joins a thread makes sure it has ended.
    return TypeMember.parseAll("java.lang.Thread#interrupt", "java.lang.Thread#join", "java.util.Timer#cancel");
  }

  @Override
  public ImmutableList<TypeMember> exitMethods() {
    return TypeMember.parseAll("java.lang.System#exit", "java.lang.Runtime#exit");
  }

  @Override
  public ImmutableList<TypeMember> unownedExecutorSources() {
    return TypeMember.parseAll("java.util.concurrent.ForkJoinPool#commonPool");
  }

  @Override
  public ImmutableList<TypeMember> borrowers() {
    return TypeMember.parseAll(
        "java.util.concurrent.CompletableFuture#*",
        "java.util.concurrent.CompletionStage#*",
        "java.util.concurrent.ExecutorCompletionService#<init>",
        // Register the receiver with the argument, which they neither keep to stop nor close.
        "java.nio.channels.SelectableChannel#register",
        "java.nio.file.Watchable#register");
  }

  @Override
  public ImmutableList<TypeMember> completionCallbacks() {
    return TypeMember.parseAll("java.util.concurrent.CompletionStage#*");
  }

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return TypeMember.parseAll("java.lang.AutoCloseable#close");
  }

  @Override
  public ImmutableSet<String> nonReleasingTypes() {
    return ImmutableSet.of(
        "java.io.ByteArrayOutputStream",
        "java.io.ByteArrayInputStream",
        "java.io.StringWriter",
        "java.io.StringReader",
        "java.io.CharArrayWriter",
        "java.io.CharArrayReader",
        // The reading end of an in-memory pipe: close() drops its buffer. (The writing end's
        // close() tells the reader the stream has ended, so it is still a resource.)
        "java.io.PipedInputStream",
        "java.io.PipedReader",
        "java.util.stream.BaseStream", // streams over collections; file streams are locals
        "java.util.Formatter"); // almost always over a StringBuilder
  }

  @Override
  public ImmutableList<TypeMember> resourceFactories() {
    return TypeMember.parseAll("java.sql.DriverManager#getConnection");
  }

  @Override
  public ImmutableList<TypeMember> blockingWaits() {
    return TypeMember.parseAll(
        "java.util.concurrent.Future#get",
        "java.util.concurrent.CompletableFuture#join",
        "java.lang.Thread#join",
        "java.lang.Object#wait",
        "java.lang.Process#waitFor",
        "java.util.concurrent.CountDownLatch#await",
        "java.util.concurrent.CyclicBarrier#await",
        "java.util.concurrent.Semaphore#acquire",
        "java.util.concurrent.Semaphore#acquireUninterruptibly",
        "java.util.concurrent.BlockingQueue#take",
        "java.util.concurrent.BlockingDeque#takeFirst",
        "java.util.concurrent.BlockingDeque#takeLast",
        "java.util.concurrent.locks.Condition#await",
        "java.util.concurrent.locks.Condition#awaitUninterruptibly",
        "java.util.concurrent.ExecutorService#invokeAll",
        "java.util.concurrent.ExecutorService#invokeAny",
        "java.util.concurrent.ExecutorService#awaitTermination",
        // JDK 21+: close() waits for every request in flight, with no deadline.
        "java.net.http.HttpClient#close");
  }

  @Override
  public ImmutableList<TypeMember> timedWaits() {
    return TypeMember.parseAll(
        "java.lang.Thread#sleep",
        "java.util.concurrent.TimeUnit#sleep",
        "java.util.concurrent.TimeUnit#timedJoin",
        "java.util.concurrent.TimeUnit#timedWait",
        "java.util.concurrent.BlockingQueue#poll",
        "java.util.concurrent.BlockingQueue#offer",
        "java.util.concurrent.BlockingDeque#pollFirst",
        "java.util.concurrent.BlockingDeque#pollLast",
        "java.util.concurrent.BlockingDeque#offerFirst",
        "java.util.concurrent.BlockingDeque#offerLast",
        "java.util.concurrent.Semaphore#tryAcquire",
        "java.util.concurrent.locks.Lock#tryLock",
        "java.util.concurrent.Phaser#awaitAdvanceInterruptibly");
  }

  @Override
  public ImmutableList<TypeMember> selfBoundedFutures() {
    return TypeMember.parseAll(
        "java.util.concurrent.CompletableFuture#orTimeout",
        "java.util.concurrent.CompletableFuture#completeOnTimeout");
  }

  @Override
  public ImmutableList<TypeMember> blockingPuts() {
    return TypeMember.parseAll(
        "java.util.concurrent.BlockingQueue#put",
        "java.util.concurrent.BlockingDeque#putFirst",
        "java.util.concurrent.BlockingDeque#putLast");
  }

  @Override
  public ImmutableList<TypeMember> inPlaceRunners() {
    return TypeMember.parseAll(
        "java.lang.Iterable#forEach",
        "java.util.Iterator#forEachRemaining",
        "java.util.Map#forEach",
        "java.util.Collection#removeIf",
        "java.util.stream.BaseStream#*",
        "java.util.Optional#*");
  }

  @Override
  public ImmutableList<TypeMember> taskMethods() {
    return TypeMember.parseAll("java.lang.Runnable#run", "java.util.concurrent.Callable#call");
  }
}
