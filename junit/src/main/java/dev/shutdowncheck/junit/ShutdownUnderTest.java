package dev.shutdowncheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of the test instance that {@link VerifyShutdown} stops after each test: an {@link
 * AutoCloseable} is closed, an {@link java.util.concurrent.ExecutorService} is shut down and
 * awaited, a {@link Thread} is interrupted and joined, each within the budget. Fields are stopped
 * after what the test registered with {@link ShutdownVerifier}, in reverse order of declaration; a
 * field that is {@code null} is skipped. The executors such a component holds in its fields must
 * be terminated once it stopped.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ShutdownUnderTest {}
