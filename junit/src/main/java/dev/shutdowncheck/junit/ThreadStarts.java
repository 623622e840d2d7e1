package dev.shutdowncheck.junit;

import java.util.Set;

/** Where threads were started from: the stack of the thread that started each, where known. */
interface ThreadStarts {

  /** Waits, a few seconds at most, until the starts of the threads alive now have been recorded. */
  void catchUp() throws InterruptedException;

  /** {@code started by "main" at:} and frames, or why that is not known. */
  String describe(Thread thread);

  /** Forgets the starts of threads that ended, so that a long run does not keep them all. */
  void forgetAllBut(Set<Thread> alive);

  /** Records from now on with JFR where this JVM has it; else says, for every thread, why not. */
  static ThreadStarts record() {
    if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
      return new Unknown("this JVM has no JFR (module jdk.jfr) to record thread starts");
    }
    try {
      return JfrThreadStarts.start();
    } catch (RuntimeException | LinkageError e) {
      return new Unknown("JFR could not record thread starts: " + e);
    }
  }

  /** Where nothing is recorded. */
  record Unknown(String reason) implements ThreadStarts {

    @Override
    public void catchUp() {}

    @Override
    public String describe(Thread thread) {
      return "where it was started is unknown: " + reason;
    }

    @Override
    public void forgetAllBut(Set<Thread> alive) {}
  }
}
