package org.precond.prep;

import java.util.Arrays;
import org.precond.data.Dataset;

/**
 * The result of removing exact duplicate rows: the rows kept, and how many were dropped.
 *
 * <p>Duplicates are removed before splitting so that no row can be both trained on and tested on,
 * which would flatter any neighbour method (its nearest neighbour would be itself).
 *
 * @param dataset the rows kept, in their original order
 * @param removed how many rows were dropped
 */
public record Deduplication(Dataset dataset, int removed) {

  /**
   * Drops every row whose features and targets all equal those of an earlier row, keeping the
   * first occurrence. Values compare as numbers, so {@code -0.0} equals {@code 0.0}. When there is
   * nothing to drop the given dataset itself is returned.
   */
  public static Deduplication removeExactDuplicates(Dataset data) {
    int rows = data.rows();
    if (rows > 1 << 28) {
      throw new IllegalArgumentException(rows + " rows are too many to deduplicate in one table");
    }
    int d = data.featureCount();
    int m = data.targetCount();
    float[] features = data.features();
    float[] targets = data.targets();
    // Open addressing over row indices, at most half full; -1 marks an empty slot.
    int[] slots = new int[Integer.highestOneBit(Math.max(1, rows)) << 2];
    Arrays.fill(slots, -1);
    int mask = slots.length - 1;
    int[] kept = new int[rows];
    int keptCount = 0;
    for (int row = 0; row < rows; row++) {
      int slot = hash(features, row * d, d, hash(targets, row * m, m, 0)) & mask;
      boolean duplicate = false;
      while (slots[slot] >= 0) {
        int other = slots[slot];
        if (equal(features, row * d, other * d, d) && equal(targets, row * m, other * m, m)) {
          duplicate = true;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (!duplicate) {
        slots[slot] = row;
        kept[keptCount++] = row;
      }
    }
    if (keptCount == rows) {
      return new Deduplication(data, 0);
    }
    return new Deduplication(data.select(Arrays.copyOf(kept, keptCount)), rows - keptCount);
  }

  private static int hash(float[] values, int from, int length, int seed) {
    long h = seed;
    for (int i = from; i < from + length; i++) {
      float v = values[i];
      // +0.0f folds -0.0 into 0.0, so that equal values hash alike.
      h = (h + Float.floatToIntBits(v + 0.0f)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    return (int) (h ^ (h >>> 32));
  }

  private static boolean equal(float[] values, int a, int b, int length) {
    for (int i = 0; i < length; i++) {
      if (values[a + i] != values[b + i]) {
        return false;
      }
    }
    return true;
  }
}
