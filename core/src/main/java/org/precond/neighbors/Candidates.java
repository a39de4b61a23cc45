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
  /** Candidates within reach but not among the k best when offered, packed as {@link TopK}'s. */
  private long[] spill;
  private int spilled;
  private double margin;
  private float bound;

  Candidates(int k) {
    best = new TopK(k);
    spill = new long[k + 16];
  }

  /** Starts a query whose proxies err by at most {@code margin / 2}. */
  void reset(double margin) {
    best.clear();
    spilled = 0;
    this.margin = margin;
    bound = Float.POSITIVE_INFINITY;
  }

  /**
   * Lowers the bound before any candidate is offered, from the proxies of some distinct
   * candidates: the k-th smallest of any of them is no smaller than the k-th best overall. A good
   * bound from the start saves offering most of the first candidates only to drop them again.
   */
  void seed(float[] proxies, int count) {
    for (int i = 0; i < count; i++) {
      best.offer(proxies[i], i);
    }
    if (best.full()) {
      bound = Math.nextUp((float) reach());
    }
    best.clear();
  }

  /** Proxies at or above this are out of reach and need not be offered. */
  float bound() {
    return bound;
  }

  /** Offers a candidate; ignored when its proxy is at or above {@link #bound}. */
  void offer(float proxy, int id) {
    if (!(proxy < bound)) {
      return;
    }
    long out = best.offer(TopK.pack(proxy, id));
    if (best.full()) {
      double reach = reach();
      if (out != Long.MAX_VALUE && TopK.key(out) <= reach) {
        spill(out);
      }
      // Rounded up, so that the float compare against it never rejects a proxy within reach.
      bound = Math.nextUp((float) reach);
    }
  }

  /** The largest proxy that may still belong to one of the k nearest. */
  private double reach() {
    return best.worstKey() + margin;
  }

  private void spill(long entry) {
    if (spilled == spill.length) {
      compact();
    }
    spill[spilled++] = entry;
  }

  /** Drops spilled candidates now out of reach, and grows the spill when that frees too little. */
  private void compact() {
    double reach = reach();
    int kept = 0;
    for (int i = 0; i < spilled; i++) {
      if (TopK.key(spill[i]) <= reach) {
        spill[kept++] = spill[i];
      }
    }
    spilled = kept;
    if (kept > spill.length / 2) {
      spill = Arrays.copyOf(spill, 2 * spill.length);
    }
  }

  /**
   * Computes the exact distances of the survivors and writes the k nearest, in neighbour order,
   * to query {@code q} of {@code out}.
   */
  void finish(IndexedPoints points, float[] queries, int q, TopK exact, Neighbors out) {
    exact.clear();
    for (int i = 0; i < best.size(); i++) {
      offerExact(points, queries, q, best.id(i), exact);
    }
    double reach = reach();
    for (int i = 0; i < spilled; i++) {
      if (TopK.key(spill[i]) <= reach) {
        offerExact(points, queries, q, TopK.id(spill[i]), exact);
      }
    }
    exact.drainAscending(out.indices, out.distances, q * out.k());
  }

  private static void offerExact(
      IndexedPoints points, float[] queries, int q, int id, TopK exact) {
    int d = points.dimension;
    float squared = IndexedPoints.squaredDistance(queries, q * d, points.rows, id * d, d);
    exact.offer((float) Math.sqrt(squared), id);
  }
}
