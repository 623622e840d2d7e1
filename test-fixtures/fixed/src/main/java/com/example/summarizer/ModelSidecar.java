package com.example.summarizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A local model server, run as a child process next to the service. */
final class ModelSidecar implements AutoCloseable {

  private final Process process;

  private ModelSidecar(Process process) {
    this.process = process;
  }

  static ModelSidecar start(Path modelFile) throws IOException {
    return new ModelSidecar(
        new ProcessBuilder("model-server", "--weights", modelFile.toString()).inheritIO().start());
  }

  /** Asks the server to stop (SIGTERM) and gives it time; kills it only if it will not stop. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
