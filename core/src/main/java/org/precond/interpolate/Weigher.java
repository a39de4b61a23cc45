package org.precond.interpolate;

import org.precond.neighbors.Neighbors;

/**
 * Turns one query's nearest nodes into normalised weights and values, by the rule of the method.
 * One per worker thread: it owns the scratch space of the Voronoi computation.
 */
final class Weigher {

  private final InterpolantSpec spec;
  private final float[] points;
  private final int d;
  private final float[] values;
  private final int m;
  private final NodeData nodes;
  private final double[] gram;
  private final double[] queryDots;

  Weigher(
      InterpolantSpec spec,
      float[] points,
      int dimension,
      float[] values,
      int outputs,
      NodeData nodes,
      int reach) {
    this.spec = spec;
    this.points = points;
    this.d = dimension;
    this.values = values;
    this.m = outputs;
    this.nodes = nodes;
    boolean voronoi = spec.method() == Method.VORONOI;
    this.gram = voronoi ? new double[reach * reach] : null;
    this.queryDots = voronoi ? new double[reach] : null;
  }

  /**
   * Weighs the first {@code reach} neighbours of row {@code row} of {@code found} for the query at
   * {@code query[qOff..qOff+d)}, writing row {@code outRow} of {@code out}.
   */
  void weigh(
      float[] query, int qOff, Neighbors found, int row, int reach, WeightedNeighbors out,
      int outRow) {
    int count = Math.min(reach, found.k());
    int base = outRow * out.width;
    out.count[outRow] = count;
    for (int r = 0; r < count; r++) {
      int j = found.index(row, r);
      out.index[base + r] = j;
      out.distance[base + r] = found.distance(row, r);
      for (int o = 0; o < m; o++) {
        out.value[(base + r) * m + o] = values[j * m + o];
      }
    }
    double[] w = out.weight;
    if (out.distance[base] == 0) {
      // On a node: its value (the mean over duplicates), whatever the method.
      int exact = 0;
      while (exact < count && out.distance[base + exact] == 0) {
        exact++;
      }
      for (int r = 0; r < count; r++) {
        w[base + r] = r < exact ? 1.0 / exact : 0;
      }
      return;
    }
    switch (spec.method()) {
      case KNN -> {
        for (int r = 0; r < count; r++) {
          w[base + r] =
              spec.distanceWeighted() ? inverseDistance(out, base, r) : 1;
        }
      }
      case SHEPARD -> {
        for (int r = 0; r < count; r++) {
          w[base + r] = inverseDistance(out, base, r);
        }
      }
      case MODIFIED_SHEPARD, LINEAR_SHEPARD -> {
        for (int r = 0; r < count; r++) {
          double radius = nodes.radii()[out.index[base + r]];
          double dist = out.distance[base + r];
          double reachLeft = Math.max(0, radius - dist) / (radius * dist);
          w[base + r] = reachLeft * reachLeft;
        }
        if (spec.method() == Method.LINEAR_SHEPARD) {
          addLinearTerms(query, qOff, out, base, count);
        }
      }
      case VORONOI -> voronoi(query, qOff, out, base, count);
      case SOFTMAX -> {
        // Shifted by the nearest, so that the largest weight is 1 and none overflows; strict, so
        // that the weights do not depend on whether this was compiled yet.
        for (int r = 0; r < count; r++) {
          w[base + r] = StrictMath.exp(out.distance[base] - (double) out.distance[base + r]);
        }
      }
    }
    normalize(w, base, count);
  }

  /** {@code (d₀ / d)ᵖ}: the inverse-distance weight scaled by the nearest one, never overflowing. */
  private double inverseDistance(WeightedNeighbors out, int base, int r) {
    return Math.pow(out.distance[base] / (double) out.distance[base + r], spec.power());
  }

  /** Linear Shepard: each node's value becomes its local linear function at the query. */
  private void addLinearTerms(float[] query, int qOff, WeightedNeighbors out, int base, int count) {
    float[] g = nodes.gradients();
    for (int r = 0; r < count; r++) {
      int j = out.index[base + r];
      for (int o = 0; o < m; o++) {
        double s = out.value[(base + r) * m + o];
        for (int c = 0; c < d; c++) {
          s += g[(j * d + c) * m + o] * (double) (query[qOff + c] - points[j * d + c]);
        }
        out.value[(base + r) * m + o] = (float) s;
      }
    }
  }

  /**
   * Voronoi-mesh weights: along the ray from node i through the query x, the cell boundary with
   * node j lies at {@code t = |pⱼ−pᵢ|² / (2 (x−pᵢ)·(pⱼ−pᵢ))} (x at t = 1); the weight is {@code
   * max(0, 1 − 1/(2 t*))} for the nearest boundary t*. Dot products come from one Gram matrix.
   */
  private void voronoi(float[] query, int qOff, WeightedNeighbors out, int base, int count) {
    for (int a = 0; a < count; a++) {
      int pa = out.index[base + a] * d;
      double xd = 0;
      for (int c = 0; c < d; c++) {
        xd += (double) query[qOff + c] * points[pa + c];
      }
      queryDots[a] = xd;
      for (int b = 0; b <= a; b++) {
        int pb = out.index[base + b] * d;
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += (double) points[pa + c] * points[pb + c];
        }
        gram[a * count + b] = s;
        gram[b * count + a] = s;
      }
    }
    for (int i = 0; i < count; i++) {
      double pii = gram[i * count + i];
      double nearest = Double.POSITIVE_INFINITY;
      for (int j = 0; j < count; j++) {
        if (j == i) {
          continue;
        }
        double pij = gram[i * count + j];
        double along = queryDots[j] - queryDots[i] - pij + pii;
        if (along > 0) {
          double span = gram[j * count + j] - 2 * pij + pii;
          nearest = Math.min(nearest, span / (2 * along));
        }
      }
      out.weight[base + i] = Math.max(0, 1 - 1 / (2 * nearest));
    }
  }

  /** Scales weights to sum 1; with none left (no node reaches the query), the nearest node. */
  private static void normalize(double[] w, int base, int count) {
    double sum = 0;
    for (int r = 0; r < count; r++) {
      sum += w[base + r];
    }
    if (!(sum > 0) || !Double.isFinite(sum)) {
      for (int r = 0; r < count; r++) {
        w[base + r] = r == 0 ? 1 : 0;
      }
      return;
    }
    for (int r = 0; r < count; r++) {
      w[base + r] /= sum;
    }
  }
}
