package dev.shutdowncheck.analyzer;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code partialFingerprints.primaryLocationLineHash} computed as GitHub's upload action computes
 * it (codeql-action, {@code fingerprints.ts}): a rolling hash over the next 100 characters from the
 * start of each line, ignoring spaces and tabs, with {@code :n} for the n-th repeat of a hash. An
 * alert keeps its identity when unrelated lines move.
 */
final class LineHashes {

  private static final int BLOCK_SIZE = 100;
  private static final long MOD = 37;
  private static final long FIRST_MOD = power(MOD, BLOCK_SIZE);
  private static final int EOF = 65535;

  private final long[] window = new long[BLOCK_SIZE];
  private final int[] lineNumbers = new int[BLOCK_SIZE];
  private final Map<String, Integer> hashCounts = new HashMap<>();
  private final Map<Integer, String> hashes = new HashMap<>();
  private long hash;
  private int index;
  private int lineNumber;
  private boolean lineStart = true;
  private boolean previousCr;

  private LineHashes() {
    java.util.Arrays.fill(lineNumbers, -1);
  }

  /** The hash of every line of {@code text}, by 1-based line number. */
  static Map<Integer, String> of(String text) {
    LineHashes hasher = new LineHashes();
    for (int i = 0; i < text.length(); i++) {
      hasher.process(text.charAt(i));
    }
    hasher.process(EOF);
    for (int i = 0; i < BLOCK_SIZE; i++) {
      if (hasher.lineNumbers[hasher.index] != -1) {
        hasher.output();
      }
      hasher.update(0);
    }
    return hasher.hashes;
  }

  private void process(int character) {
    int current = character;
    if (current == ' ' || current == '\t' || (previousCr && current == '\n')) {
      previousCr = false;
      return;
    }
    if (current == '\r') {
      current = '\n';
      previousCr = true;
    } else {
      previousCr = false;
    }
    if (lineNumbers[index] != -1) {
      output();
    }
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current == '\n') {
      lineStart = true;
    }
    update(current);
  }

  private void output() {
    String value = Long.toUnsignedString(hash, 16);
    int count = hashCounts.merge(value, 1, Integer::sum);
    hashes.put(lineNumbers[index], value + ":" + count);
    lineNumbers[index] = -1;
  }

  private void update(long current) {
    long begin = window[index];
    window[index] = current;
    hash = MOD * hash + current - FIRST_MOD * begin;
    index = (index + 1) % BLOCK_SIZE;
  }

  private static long power(long base, int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= base;
    }
    return result;
  }
}
