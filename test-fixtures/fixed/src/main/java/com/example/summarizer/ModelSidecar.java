package com.example.summarizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A local model server, run as a child process next to the service. */
final class ModelSidecar implements AutoCloseable {

  private final Process process;
  private final Thread heartbeat;

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
    while (!Thread.currentThread().isInterrupted()) {
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

  /**
   * Stops watching, then asks the server to stop (SIGTERM) and gives it time; kills it only if it
   * will not stop.
   */
  @Override
  public void close() {
    heartbeat.interrupt();
    process.destroy();
    try {
      heartbeat.join(1_000);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
