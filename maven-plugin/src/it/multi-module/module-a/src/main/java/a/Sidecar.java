package a;

/** Stops a child process. */
public final class Sidecar {
  private final Process process;

  public Sidecar(Process process) {
    this.process = process;
  }

  public void stop() {
	process.destroyForcibly(); // expect: ForcedTermination
  }
}
