package dev.shutdowncheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Verifies, after each test of the class, that what the test started shuts down in time and
 * leaves nothing behind: it stops the test's {@link ShutdownUnderTest} fields and what the test
 * registered with {@link ShutdownVerifier}, in reverse order, each within the {@link #budget()},
 * then fails the test with one message that lists every thread still alive after the {@link
 * #linger()} time, every executor not terminated, every file descriptor left open and an interrupt
 * status left set.
 *
 * <p>Threads and file descriptors belong to the whole JVM, so the class runs {@link Isolated}: no
 * other test runs at the same time when JUnit runs tests in parallel.
 *
 * <p>System properties set what a class does not: {@code shutdowncheck.budget}, {@code
 * shutdowncheck.linger}, and {@code shutdowncheck.warnOnly=true}, which prints the problems
 * instead of failing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ShutdownVerifier.class)
@Isolated("shutdown-check watches the JVM's threads and open files")
public @interface VerifyShutdown {

  /**
   * How long each shutdown may take, such as {@code "30s"}, {@code "1500ms"} or {@code "2m"}.
   * Empty means the system property {@code shutdowncheck.budget}, else 30 s, the grace period
   * Kubernetes gives a pod between SIGTERM and SIGKILL.
   */
  String budget() default "";

  /**
   * How long threads started by the test, and executors, may take to end after the shutdown
   * returned, all against one deadline. Empty means {@code shutdowncheck.linger}, else 2 s.
   */
  String linger() default "";

  /** Names of threads that are never reported, as regular expressions over the whole name. */
  String[] ignoreThreads() default {};

  /**
   * Open files that are never reported, as regular expressions over what {@code /proc/self/fd}
   * shows for them: a path, or a kind such as {@code anon_inode:\[eventpoll\]}.
   */
  String[] ignoreFiles() default {};

  /** How many more file descriptors than before the test may stay open without a failure. */
  int fileDescriptorTolerance() default 0;
}
