package extra;

/** Added after the baseline was made. */
public final class Reaper {
  public void reap(ProcessHandle child) {
    child.destroyForcibly(); // expect: ForcedTermination
  }
}
