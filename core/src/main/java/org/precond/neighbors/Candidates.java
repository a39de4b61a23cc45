package org.precond.neighbors;

import java.util.Arrays;

/**
 * One query's screening by {@link ExactIndex}'s approximate squared distances (its proxies):
 * keeps the k best proxies and every candidate within the proxies' error margin of them, so that
 * exact distances, computed for these few survivors alone, give the exact k nearest.
 *
 * <p>Why the margin is enough: with every proxy within δ of its point's exact squared distance
 * (up to a shift common to the query), a point whose proxy exceeds the k-th best by more than 2δ
 * is exactly farther than k kept points, so it cannot be among the nearest, not even by a tie.
 */
final class Candidates {

  private final TopK best;
  private float[] spillProxies;
  private int[] spillIds;
  private int spilled;
  private double margin;
  private float bound;

  Candidates(int k) {
    best = new TopK(k);
    spillProxies = new float[4 * k + 64];
    spillIds = new int[spillProxies.length];
  }

  /** Starts a query whose proxies err by at most {@code margin / 2}. */
  void reset(double margin) {
    best.clear();
    spilled = 0;
    this.margin = margin;
    bound = Float.POSITIVE_INFINITY;
  }

  /** Proxies at or above this need not be offered: they are out of reach. */
  float bound() {
    return bound;
  }

  /** Offers a candidate whose proxy is below {@link #bound}. */
  void offer(float proxy, int id) {
    if (!best.admits(proxy, id)) {
      spill(proxy, id);
      return;
    }
    if (best.full()) {
      spill(best.worstKey(), best.worstId());
    }
    best.add(proxy, id);
    if (best.full()) {
      // Rounded up, so that the float compare against it never rejects a proxy within reach.
      bound = Math.nextUp((float) reach());
    }
  }

  /** The largest proxy that may still belong to one of the k nearest. */
  private double reach() {
    return best.worstKey() + margin;
  }

  private void spill(float proxy, int id) {
    if (spilled == spillProxies.length) {
      compact();
    }
    spillProxies[spilled] = proxy;
    spillIds[spilled] = id;
    spilled++;
  }

  /** Drops spilled candidates now out of reach, and grows the spill when that frees too little. */
  private void compact() {
    double reach = reach();
    int kept = 0;
    for (int i = 0; i < spilled; i++) {
      if (spillProxies[i] <= reach) {
        spillProxies[kept] = spillProxies[i];
        spillIds[kept] = spillIds[i];
        kept++;
      }
    }
    spilled = kept;
    if (kept > spillProxies.length / 2) {
      spillProxies = Arrays.copyOf(spillProxies, 2 * spillProxies.length);
      spillIds = Arrays.copyOf(spillIds, spillProxies.length);
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
      if (spillProxies[i] <= reach) {
        offerExact(points, queries, q, spillIds[i], exact);
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
