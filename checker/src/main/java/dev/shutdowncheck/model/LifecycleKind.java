package dev.shutdowncheck.model;

/** The kinds of object that live until something stops or releases them. */
public enum LifecycleKind {
  /** An {@code ExecutorService}: its threads run until it is shut down. */
  EXECUTOR("executor"),
  /** A {@code Thread}: it runs until its work ends, or until it is interrupted or told to stop. */
  THREAD("thread"),
  /** A {@code java.util.Timer}: its thread waits for tasks until the timer is cancelled. */
  TIMER("timer"),
  /** Something that holds a connection, file, socket or pool until it is closed or shut down. */
  RESOURCE("resource");

  private final String noun;

  LifecycleKind(String noun) {
    this.noun = noun;
  }

  /** How messages name an object of this kind. */
  public String noun() {
    return noun;
  }
}
