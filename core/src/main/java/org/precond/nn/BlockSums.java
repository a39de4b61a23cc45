package org.precond.nn;

import org.precond.concurrent.Workers;

/**
 * Adds up per-block gradients in block order, shared out over workers by chunks of parameters:
 * every parameter's sum is taken in the same order whatever the number of threads, so the total
 * is bit-identical.
 */
final class BlockSums {

  private static final int CHUNK = 4096;

  private BlockSums() {}

  /** {@code into = blocks[0] + blocks[1] + … + blocks[count − 1]}, element by element. */
  static void sum(Workers workers, float[][] blocks, int count, float[] into) {
    int n = into.length;
    int chunks = (n + CHUNK - 1) / CHUNK;
    workers.forEach(
        chunks,
        (worker, chunk) -> {
          int lo = chunk * CHUNK;
          int hi = Math.min(n, lo + CHUNK);
          System.arraycopy(blocks[0], lo, into, lo, hi - lo);
          for (int b = 1; b < count; b++) {
            float[] g = blocks[b];
            for (int i = lo; i < hi; i++) {
              into[i] += g[i];
            }
          }
        });
  }
}
