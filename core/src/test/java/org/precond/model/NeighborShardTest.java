package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.precond.concurrent.Workers;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.neighbors.ExactIndex;
import org.precond.neighbors.Neighbors;
import org.precond.testing.RandomizedTest;

class NeighborShardTest extends RandomizedTest {

  /** Points on a coarse grid, so that many distances tie. */
  private static float[] points(Random random, int n, int d) {
    float[] p = new float[n * d];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextInt(5) * 0.5f;
    }
    return p;
  }

  /** Rows whose number modulo {@code shards} is {@code s}: every shard spans the whole range. */
  private static long[] rowsOf(int n, int shards, int s) {
    return java.util.stream.LongStream.range(0, n).filter(r -> r % shards == s).toArray();
  }

  private static float[] gather(float[] points, int d, long[] rows) {
    float[] out = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(points, (int) rows[i] * d, out, i * d, d);
    }
    return out;
  }

  @Test
  void mergedShardsFindWhatOneExactIndexFinds() {
    Random random = random();
    int n = 2000;
    int d = 3 + random.nextInt(6);
    int k = 1 + random.nextInt(20);
    float[] points = points(random, n, d);
    float[] queries = points(random, 300, d);
    Neighbors expected;
    try (Workers workers = new Workers(2)) {
      expected = new ExactIndex(points, d).search(queries, k, workers);
    }
    NeighborShard.Nearest merged = null;
    for (int s = 0; s < 4; s++) {
      long[] rows = rowsOf(n, 4, s);
      // Each row's value is its row number, which the answers must carry along.
      float[] values = new float[rows.length];
      for (int i = 0; i < rows.length; i++) {
        values[i] = rows[i];
      }
      NeighborShard.Nearest part = new NeighborShard(gather(points, d, rows), d, rows, values, 1)
          .search(queries, k);
      merged = merged == null ? part : NeighborShard.Nearest.merge(merged, part, k);
    }
    assertEquals(k, merged.k());
    for (int q = 0; q < 300; q++) {
      for (int r = 0; r < k; r++) {
        assertEquals(expected.index(q, r), merged.row(q, r), "query " + q + ", rank " + r);
        assertEquals(expected.distance(q, r), merged.distance(q, r));
        assertEquals(expected.index(q, r), merged.values()[q * k + r]);
      }
    }
  }

  @Test
  void aShardSmallerThanKGivesAllItsRowsAndRowNumbersMustAscend() {
    long[] rows = {4, 9};
    NeighborShard shard = new NeighborShard(new float[] {0, 0, 1, 1}, 2, rows, new float[2], 1);
    NeighborShard.Nearest n = shard.search(new float[] {1, 1}, 5);
    assertEquals(2, n.k());
    assertArrayEquals(new long[] {9, 4}, n.rows());
    assertThrows(IllegalArgumentException.class,
        () -> new NeighborShard(new float[] {0, 0, 1, 1}, 2, new long[] {9, 4}, new float[2], 1));
  }

  @Test
  void neighboursFoundElsewhereWeighAsTheInterpolantWeighsItsOwn() {
    Random random = random();
    int n = 500;
    int d = 4;
    float[] points = points(random, n, d);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat();
    }
    float[] queries = points(random, 50, d);
    for (InterpolantSpec spec : new InterpolantSpec[] {
        InterpolantSpec.of(Method.KNN).withK(7),
        InterpolantSpec.of(Method.SHEPARD).withK(5)}) {
      WeightedNeighbors own;
      try (Workers workers = new Workers(1)) {
        own = Interpolant.fit(spec, points, d, values, 1, workers).neighbors(queries, workers);
      }
      int k = spec.k();
      float[] distances = new float[50 * k];
      float[] found = new float[50 * k];
      for (int q = 0; q < 50; q++) {
        for (int r = 0; r < k; r++) {
          distances[q * k + r] = own.distance(q, r);
          found[q * k + r] = values[own.index(q, r)];
        }
      }
      WeightedNeighbors weighed = Interpolant.weigh(spec, 50, k, distances, found, 1);
      assertArrayEquals(own.means(), weighed.means(), spec.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> Interpolant.weigh(
        InterpolantSpec.of(Method.LINEAR_SHEPARD).withK(3), 1, 3, new float[3], new float[3], 1));
  }

  @Test
  void difficultyFromMergedShardsIsDifficultyOverEveryRow() {
    Random random = random();
    int n = 1500;
    int d = 4;
    float[] points = points(random, n, d);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat();
    }
    float[] queries = points(random, 100, d);
    double[][] expected;
    try (Workers workers = new Workers(2)) {
      expected = new DifficultyEstimator(points, d, values, 1).estimateAll(queries, workers);
    }
    int k = DifficultyEstimator.NEIGHBORS;
    NeighborShard.Nearest merged = null;
    for (int s = 0; s < 3; s++) {
      long[] rows = rowsOf(n, 3, s);
      float[] v = new float[rows.length];
      for (int i = 0; i < rows.length; i++) {
        v[i] = values[(int) rows[i]];
      }
      // More than difficulty needs, as a predictor with a larger k would search.
      NeighborShard.Nearest part =
          new NeighborShard(gather(points, d, rows), d, rows, v, 1).search(queries, k + 4);
      merged = merged == null ? part : NeighborShard.Nearest.merge(merged, part, k + 4);
    }
    NeighborShard.Nearest nearest = merged.first(k);
    double[][] found = DifficultyEstimator.estimateAll(
        100, nearest.k(), nearest.distances(), nearest.values(), 1);
    for (Difficulty kind : Difficulty.values()) {
      assertArrayEquals(expected[kind.ordinal()], found[kind.ordinal()], kind.label());
    }
  }
}
