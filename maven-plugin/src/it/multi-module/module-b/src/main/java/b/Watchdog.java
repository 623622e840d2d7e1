package b;

/** Gives up on a stuck process; the comment has a non-ASCII character: é. */
public final class Watchdog {
  public void giveUp() {
    /* é */ Runtime.getRuntime().halt(2); // expect: ForcedTermination
  }
}
