package com.example.summarizer;

import java.io.IOException;
import java.nio.file.Path;

/** A local model server, run as a child process next to the service. */
final class ModelSidecar {

  private final Process process;
  private final Thread heartbeat; // expect: ThreadNeverStopped

  private ModelSidecar(Process process) {
    this.process = process;
    this.heartbeat = new Thread(this::watch, "sidecar-heartbeat");
    heartbeat.start();
  }

  static ModelSidecar start(Path modelFile) throws IOException {
    return new ModelSidecar(
        new ProcessBuilder("model-server", "--weights", modelFile.toString()).inheritIO().start());
  }

  /** Every ten seconds: warn when the model server has died. */
  private void watch() {
    while (true) {
      if (!process.isAlive()) {
        System.err.println("model sidecar is down");
      }
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void stop() {
    process.destroyForcibly(); // expect: ForcedTermination
  }
}
