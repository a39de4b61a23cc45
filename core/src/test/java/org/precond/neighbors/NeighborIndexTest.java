package org.precond.neighbors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.precond.concurrent.Workers;
import org.precond.kernel.ScalarKernels;
import org.precond.testing.RandomizedTest;

/**
 * Both indexes against a naive double-precision search, against each other (bit for bit), and
 * across thread counts.
 */
class NeighborIndexTest extends RandomizedTest {

  private static final Workers TWO = new Workers(2);

  @AfterAll
  static void closeWorkers() {
    TWO.close();
  }

  private float[] gaussian(int n, int d, double offset, double scale) {
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (offset + scale * random().nextGaussian());
    }
    return x;
  }

  /** Small integers: every float computation on them is exact, so ties are exact ties. */
  private float[] grid(int n, int d, int levels) {
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random().nextInt(levels) - levels / 2;
    }
    return x;
  }

  private static NeighborIndex[] both(float[] points, int d) {
    return new NeighborIndex[] {
      NeighborIndex.build(points, d, IndexType.EXACT),
      NeighborIndex.build(points, d, IndexType.TREE)
    };
  }

  /** Per query, all rows in neighbour order by double-precision distance (self left out). */
  private static int[][] reference(float[] points, float[] queries, int d, boolean excludeSelf) {
    int n = points.length / d;
    int count = queries.length / d;
    int[][] order = new int[count][];
    for (int q = 0; q < count; q++) {
      double[] dist = new double[n];
      for (int i = 0; i < n; i++) {
        dist[i] = referenceDistance(points, i, queries, q, d);
      }
      int self = excludeSelf ? q : -1;
      order[q] =
          java.util.stream.IntStream.range(0, n)
              .filter(i -> i != self)
              .boxed()
              .sorted((a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : a - b)
              .mapToInt(Integer::intValue)
              .toArray();
    }
    return order;
  }

  private static double referenceDistance(float[] points, int i, float[] queries, int q, int d) {
    double sum = 0;
    for (int k = 0; k < d; k++) {
      double t = (double) queries[q * d + k] - points[i * d + k];
      sum += t * t;
    }
    return Math.sqrt(sum);
  }

  /**
   * Distances must match the reference rank by rank (to float accuracy), each reported distance
   * must be that of its reported row, and the order must be the neighbour order. Rows may differ
   * from the reference only between distances too close for float32 to tell apart.
   */
  private void assertMatchesReference(
      Neighbors found, float[] points, float[] queries, int d, boolean excludeSelf, String what) {
    assertMatchesReference(
        found, reference(points, queries, d, excludeSelf), points, queries, d, excludeSelf, what);
  }

  private void assertMatchesReference(
      Neighbors found,
      int[][] expected,
      float[] points,
      float[] queries,
      int d,
      boolean excludeSelf,
      String what) {
    for (int q = 0; q < found.queries(); q++) {
      for (int r = 0; r < found.k(); r++) {
        String where = what + ", query " + q + ", rank " + r;
        double want = referenceDistance(points, expected[q][r], queries, q, d);
        int row = found.index(q, r);
        double actual = referenceDistance(points, row, queries, q, d);
        double tolerance = 1e-5 * (1 + want);
        assertEquals(want, found.distance(q, r), tolerance, where);
        assertEquals(actual, found.distance(q, r), tolerance, where);
        if (excludeSelf) {
          assertTrue(row != q, where + ": found itself");
        }
        if (r > 0) {
          float previous = found.distance(q, r - 1);
          float distance = found.distance(q, r);
          assertTrue(
              previous < distance || (previous == distance && found.index(q, r - 1) < row),
              where + ": out of order");
        }
      }
    }
  }

  private void assertIdentical(Neighbors expected, Neighbors actual, String what) {
    assertEquals(expected.queries(), actual.queries(), what);
    assertEquals(expected.k(), actual.k(), what);
    for (int q = 0; q < expected.queries(); q++) {
      for (int r = 0; r < expected.k(); r++) {
        String where = what + ", query " + q + ", rank " + r;
        assertEquals(expected.index(q, r), actual.index(q, r), where);
        assertEquals(expected.distance(q, r), actual.distance(q, r), where);
      }
    }
  }

  @Test
  void bothIndexesMatchTheReferenceOnRandomData() {
    for (int n : new int[] {1, 7, 63, 64, 65, 300, 1100}) {
      for (int d : new int[] {1, 2, 3, 7, 16, 33}) {
        float[] points = gaussian(n, d, 0, 1);
        float[] queries = gaussian(1 + random().nextInt(70), d, 0, 1.2);
        int[][] expected = reference(points, queries, d, false);
        for (int k : new int[] {1, Math.min(n, 5), n}) {
          Neighbors[] results = new Neighbors[2];
          NeighborIndex[] indexes = both(points, d);
          for (int t = 0; t < 2; t++) {
            String what = indexes[t].getClass().getSimpleName() + " n=" + n + " d=" + d + " k=" + k;
            results[t] = indexes[t].search(queries, k, TWO);
            assertMatchesReference(results[t], expected, points, queries, d, false, what);
          }
          assertIdentical(results[0], results[1], "exact vs tree n=" + n + " d=" + d + " k=" + k);
        }
      }
    }
  }

  @Test
  void bothIndexesMatchTheReferenceBeyondTheSeedPoints() {
    // Past the first few thousand points the brute force finds candidates another way.
    for (int d : new int[] {3, 20}) {
      float[] points = gaussian(6000, d, 0, 1);
      float[] queries = gaussian(50, d, 0, 1);
      int[][] expected = reference(points, queries, d, false);
      for (int k : new int[] {1, 10, 100}) {
        for (NeighborIndex index : both(points, d)) {
          String what = index.getClass().getSimpleName() + " n=6000 d=" + d + " k=" + k;
          assertMatchesReference(
              index.search(queries, k, TWO), expected, points, queries, d, false, what);
        }
      }
    }
  }

  @Test
  void exactTiesGoToTheLowerRow() {
    for (int d : new int[] {1, 2, 3, 5, 12}) {
      // Few distinct values: many duplicate points and many queries equidistant from several.
      float[] points = grid(700, d, 3);
      float[] queries = grid(90, d, 5);
      int k = 25;
      int[][] expected = reference(points, queries, d, false);
      for (NeighborIndex index : both(points, d)) {
        Neighbors found = index.search(queries, k, TWO);
        for (int q = 0; q < found.queries(); q++) {
          for (int r = 0; r < k; r++) {
            String where = index.getClass().getSimpleName() + " d=" + d + " query " + q;
            assertEquals(expected[q][r], found.index(q, r), where + " rank " + r);
            assertEquals(
                (float) referenceDistance(points, expected[q][r], queries, q, d),
                found.distance(q, r),
                where);
          }
        }
      }
    }
  }

  @Test
  void aQueryOnAPointFindsItAtDistanceZero() {
    for (int d : new int[] {2, 6, 32}) {
      // Far from the origin and tightly packed: the matrix-product shortcut alone would blur
      // these distances. Some points repeat by chance, so the nearest is the first copy.
      float[] points = gaussian(2000, d, 1000, 0.01);
      float[] queries = new float[50 * d];
      int[] rows = new int[50];
      for (int q = 0; q < rows.length; q++) {
        int row = random().nextInt(2000);
        System.arraycopy(points, row * d, queries, q * d, d);
        rows[q] = firstCopy(points, d, row);
      }
      for (NeighborIndex index : both(points, d)) {
        Neighbors found = index.search(queries, 3, TWO);
        for (int q = 0; q < rows.length; q++) {
          String where = index.getClass().getSimpleName() + " d=" + d;
          assertEquals(rows[q], found.index(q, 0), where);
          assertEquals(0f, found.distance(q, 0), where);
        }
        assertMatchesReference(found, points, queries, d, false, "offset d=" + d);
      }
    }
  }

  private static int firstCopy(float[] points, int d, int row) {
    for (int i = 0; ; i++) {
      if (Arrays.equals(points, i * d, i * d + d, points, row * d, row * d + d)) {
        return i;
      }
    }
  }

  @Test
  void indexesAgreeBitForBitOnClusteredData() {
    for (int d : new int[] {2, 4, 9, 24}) {
      float[] points = gaussian(3000, d, 50, 0.5);
      // Re-use some coordinates so that near-ties abound.
      for (int i = 0; i < 300; i++) {
        points[random().nextInt(points.length)] = points[random().nextInt(points.length)];
      }
      float[] queries = gaussian(500, d, 50, 0.6);
      NeighborIndex[] indexes = both(points, d);
      assertIdentical(
          indexes[0].search(queries, 12, TWO), indexes[1].search(queries, 12, TWO), "d=" + d);
      assertIdentical(
          indexes[0].searchTraining(12, TWO),
          indexes[1].searchTraining(12, TWO),
          "training d=" + d);
    }
  }

  @Test
  void resultsDoNotDependOnThreadCountOrKernels() {
    int d = 20;
    float[] points = gaussian(5000, d, 0, 1);
    float[] queries = gaussian(700, d, 0, 1);
    for (IndexType type : new IndexType[] {IndexType.EXACT, IndexType.TREE}) {
      NeighborIndex index = NeighborIndex.build(points, d, type);
      Neighbors one;
      try (Workers w = new Workers(1)) {
        one = index.search(queries, 10, w);
      }
      assertIdentical(one, index.search(queries, 10, TWO), type + " 1 vs 2 threads");
      try (Workers w = new Workers(4)) {
        assertIdentical(one, index.search(queries, 10, w), type + " 1 vs 4 threads");
      }
    }
    Neighbors scalar = new ExactIndex(points, d, new ScalarKernels()).search(queries, 10, TWO);
    assertIdentical(scalar, new ExactIndex(points, d).search(queries, 10, TWO), "kernels");
  }

  @Test
  void trainingSearchLeavesEachRowOut() {
    for (int d : new int[] {1, 3, 17}) {
      float[] points = gaussian(400, d, 0, 1);
      // A duplicate of row 0 must still be found by row 0, at distance 0.
      System.arraycopy(points, 0, points, 7 * d, d);
      for (NeighborIndex index : both(points, d)) {
        Neighbors found = index.searchTraining(6, TWO);
        String what = index.getClass().getSimpleName() + " training d=" + d;
        assertMatchesReference(found, points, points, d, true, what);
        assertEquals(7, found.index(0, 0), what);
        assertEquals(0f, found.distance(0, 0), what);
        assertEquals(0, found.index(7, 0), what);
        assertEquals(
            399, index.searchTraining(399, TWO).k(), what + ": every other row is allowed");
      }
    }
  }

  @Test
  void autoPicksTheTreeInLowDimensionOnly() {
    int d = NeighborIndex.TREE_MAX_DIMENSION;
    assertInstanceOf(KdTree.class, NeighborIndex.build(gaussian(100, d, 0, 1), d));
    assertInstanceOf(ExactIndex.class, NeighborIndex.build(gaussian(100, d + 1, 0, 1), d + 1));
    int large = NeighborIndex.LARGE;
    assertInstanceOf(KdTree.class, NeighborIndex.build(new float[large * (d + 1)], d + 1));
    assertInstanceOf(ExactIndex.class, NeighborIndex.build(new float[large * (d + 2)], d + 2));
  }

  @Test
  void badArgumentsFailClearly() {
    float[] points = gaussian(10, 3, 0, 1);
    for (IndexType type : IndexType.values()) {
      assertThrows(IllegalArgumentException.class, () -> NeighborIndex.build(points, 0, type));
      assertThrows(IllegalArgumentException.class, () -> NeighborIndex.build(points, 4, type));
      assertThrows(
          IllegalArgumentException.class, () -> NeighborIndex.build(new float[0], 3, type));
      assertThrows(NullPointerException.class, () -> NeighborIndex.build(null, 3, type));
      float[] nan = points.clone();
      nan[5] = Float.NaN;
      String message =
          assertThrows(IllegalArgumentException.class, () -> NeighborIndex.build(nan, 3, type))
              .getMessage();
      assertTrue(message.contains("point 1, coordinate 2"), message);
      float[] huge = points.clone();
      huge[0] = 1e19f;
      assertThrows(IllegalArgumentException.class, () -> NeighborIndex.build(huge, 3, type));

      NeighborIndex index = NeighborIndex.build(points, 3, type);
      assertEquals(10, index.size());
      assertEquals(3, index.dimension());
      float[] query = gaussian(2, 3, 0, 1);
      assertEquals(10, index.search(query, 10, TWO).k());
      message =
          assertThrows(IllegalArgumentException.class, () -> index.search(query, 11, TWO))
              .getMessage();
      assertTrue(message.contains("k = 11"), message);
      assertThrows(IllegalArgumentException.class, () -> index.search(query, 0, TWO));
      assertThrows(IllegalArgumentException.class, () -> index.searchTraining(10, TWO));
      assertThrows(
          IllegalArgumentException.class, () -> index.search(Arrays.copyOf(query, 5), 1, TWO));
      float[] inf = query.clone();
      inf[4] = Float.POSITIVE_INFINITY;
      assertThrows(IllegalArgumentException.class, () -> index.search(inf, 1, TWO));
      assertEquals(0, index.search(new float[0], 1, TWO).queries());
      Neighbors found = index.search(query, 2, TWO);
      assertThrows(IndexOutOfBoundsException.class, () -> found.index(0, 2));
      assertThrows(IndexOutOfBoundsException.class, () -> found.distance(2, 0));
    }
  }
}
