package org.precond.neighbors;

import java.util.Arrays;

/**
 * One query's screening by {@link ExactIndex}'s approximate squared distances (its proxies):
 * keeps the k best proxies, and the few candidates within the proxies' error margin of them, so
 * that exact distances, computed for these survivors alone, give the exact k nearest.
 *
 * <p>Why the margin is enough: with every proxy within δ of its point's exact squared distance
 * (up to a shift common to the query), a point whose proxy exceeds the k-th best by more than 2δ
 * is exactly farther than k kept points, so it cannot be among the nearest, not even by a tie.
 */
final class Candidates {

  private final TopK best;
  /** Candidates within reach but not among the k best, packed as {@link TopK} packs pairs. */
  private long[] spill;
  private int spilled;
  /** The survivors' exact distances, packed as {@link TopK} packs pairs. */
  private long[] exact;
  private int measured;
  private float margin;
  private float bound;
  /** {@link #seed}'s scratch: the k smallest proxies so far, as {@link TopK#monotone} ints. */
  private final int[] smallest;

  Candidates(int k) {
    best = new TopK(k);
    smallest = new int[Math.min(k, TopK.SORTED)];
    spill = new long[k + 16];
    exact = new long[2 * k + 16];
  }

  /**
   * Starts a query whose proxies err by less than {@code margin / 2}, with slack for one more
   * float rounding: the bound {@code k-th best + margin} is summed in float.
   */
  void reset(float margin) {
    best.clear();
    spilled = 0;
    this.margin = margin;
    bound = Float.POSITIVE_INFINITY;
  }

  /**
   * Lowers the bound before any candidate is offered, from the proxies of at least k distinct
   * candidates (reordered in place): the k-th smallest of any of them is no smaller than the k-th
   * best overall. A good bound from the start saves offering most of the first candidates only to
   * drop them again. A NaN counts as infinite.
   */
  void seed(float[] proxies, int count) {
    int k = best.capacity();
    if (k > TopK.SORTED) {
      Arrays.sort(proxies, 0, count);
      bound = proxies[k - 1] + margin;
      return;
    }
    // Each proxy passed down a sorted run of the k smallest by minima and maxima, without a
    // branch; as order-preserving ints, whose minimum is one instruction.
    int[] smallest = this.smallest;
    Arrays.fill(smallest, Integer.MAX_VALUE);
    for (int i = 0; i < count; i++) {
      float proxy = proxies[i];
      int v = TopK.monotone(proxy == proxy ? proxy : Float.POSITIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        int t = smallest[j];
        smallest[j] = Math.min(t, v);
        v = Math.max(t, v);
      }
    }
    bound = TopK.fromMonotone(smallest[k - 1]) + margin;
  }

  /**
   * Offers, to a screen not yet offered any, the candidates {@code entries[0, count)} packed as
   * {@link TopK} packs pairs, sorting them in place: one sort costs less than a heap step for
   * each.
   */
  void offerAll(long[] entries, int count) {
    sort(entries, count);
    int kept = Math.min(count, best.capacity());
    best.fill(entries, kept);
    if (best.full()) {
      bound = best.worstKey() + margin;
    }
    for (int i = kept; i < count && TopK.key(entries[i]) < bound; i++) {
      spill(entries[i]);
    }
  }

  /** Sorts the first {@code count} entries: by insertion when they are as few as usual. */
  private static void sort(long[] entries, int count) {
    if (count > 32) {
      Arrays.sort(entries, 0, count);
      return;
    }
    for (int i = 1; i < count; i++) {
      long v = entries[i];
      int j = i;
      for (; j > 0 && entries[j - 1] > v; j--) {
        entries[j] = entries[j - 1];
      }
      entries[j] = v;
    }
  }

  /** Proxies at or above this are out of reach: they need not be offered. */
  float bound() {
    return bound;
  }

  /**
   * Offers a candidate, packed as {@link TopK} packs pairs; ignored when its proxy is at or above
   * {@link #bound}.
   */
  void offer(long candidate) {
    if (!(TopK.key(candidate) < bound)) {
      return;
    }
    long out = best.offer(candidate);
    if (best.full()) {
      bound = best.worstKey() + margin;
      if (out != Long.MAX_VALUE && TopK.key(out) < bound) {
        spill(out);
      }
    }
  }

  private void spill(long entry) {
    if (spilled == spill.length) {
      compact();
    }
    spill[spilled++] = entry;
  }

  /** Drops spilled candidates now out of reach, and grows the spill when that frees too little. */
  private void compact() {
    int kept = 0;
    for (int i = 0; i < spilled; i++) {
      if (TopK.key(spill[i]) < bound) {
        spill[kept++] = spill[i];
      }
    }
    spilled = kept;
    if (kept > spill.length / 2) {
      spill = Arrays.copyOf(spill, 2 * spill.length);
    }
  }

  /**
   * Loads the first and last coordinate of the best candidates' rows and returns their sum, for
   * the caller to keep: run over many queries before {@link #measure}, these independent loads
   * overlap their cache misses, which the longer dependent work of measuring row after row
   * leaves exposed.
   */
  float touch(IndexedPoints points) {
    float[] rows = points.rows;
    int d = points.dimension;
    float sum = 0f;
    for (int i = 0; i < best.size(); i++) {
      int at = best.id(i) * d;
      sum += rows[at] + rows[at + d - 1];
    }
    return sum;
  }

  /**
   * Computes the exact distances of the survivors. Kept apart from {@link #write} so that a
   * caller can measure many queries in one stretch.
   */
  void measure(IndexedPoints points, float[] queries, int q) {
    int count = 0;
    for (int i = 0; i < best.size(); i++) {
      exact[count++] = exact(points, queries, q, best.id(i));
    }
    for (int i = 0; i < spilled; i++) {
      if (TopK.key(spill[i]) < bound) {
        if (count == exact.length) {
          exact = Arrays.copyOf(exact, 2 * count);
        }
        exact[count++] = exact(points, queries, q, TopK.id(spill[i]));
      }
    }
    measured = count;
  }

  /**
   * Writes the k nearest survivors, in neighbour order, to query {@code q} of {@code out}; they
   * are few, so a sort of them beats a heap.
   */
  void write(int q, Neighbors out) {
    int k = out.k();
    sort(exact, measured);
    for (int r = 0; r < k; r++) {
      out.indices[q * k + r] = TopK.id(exact[r]);
      out.distances[q * k + r] = TopK.key(exact[r]);
    }
  }

  /** The exact distance to row {@code id}, packed with it as {@link TopK} packs pairs. */
  private static long exact(IndexedPoints points, float[] queries, int q, int id) {
    int d = points.dimension;
    float squared = points.squaredDistance(queries, q * d, points.rows, id * d);
    return TopK.pack((float) Math.sqrt(squared), id);
  }
}
