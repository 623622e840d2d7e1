package com.example.summarizer;

import java.io.IOException;
import java.nio.file.Path;

/** A local model server, run as a child process next to the service. */
final class ModelSidecar {

  private final Process process;

  private ModelSidecar(Process process) {
    this.process = process;
  }

  static ModelSidecar start(Path modelFile) throws IOException {
    return new ModelSidecar(
        new ProcessBuilder("model-server", "--weights", modelFile.toString()).inheritIO().start());
  }

  void stop() {
    process.destroyForcibly(); // expect: ForcedTermination
  }
}
