package com.example.summarizer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A small embedding model whose weights are memory-mapped from a file. */
final class EmbeddingModel implements AutoCloseable {

  private static final int DIMENSIONS = 64;

  private final FileChannel weightsFile;
  private final MappedByteBuffer weights;

  private EmbeddingModel(FileChannel weightsFile) throws IOException {
    this.weightsFile = weightsFile;
    this.weights = weightsFile.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(weightsFile.size(), 1 << 20));
  }

  static EmbeddingModel load(Path file) throws IOException {
    return new EmbeddingModel(FileChannel.open(file, StandardOpenOption.READ));
  }

  float[] embed(String text) {
    float[] vector = new float[DIMENSIONS];
    for (int i = 0; i < text.length(); i++) {
      int slot = (text.charAt(i) * 31 + i) % DIMENSIONS;
      vector[slot] += weights.capacity() == 0 ? 1 : weights.get(i % weights.capacity());
    }
    return vector;
  }

  @Override
  public void close() throws IOException {
    weightsFile.close();
  }
}
