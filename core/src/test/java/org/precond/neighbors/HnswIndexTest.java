package org.precond.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.precond.concurrent.Workers;
import org.precond.testing.RandomizedTest;

/**
 * The approximate index against exact search: recall, the ordering rules it shares with the exact
 * indexes, and answers that do not depend on threads or on a graph being stored and restored.
 */
class HnswIndexTest extends RandomizedTest {

  private static final Workers ONE = new Workers(1);
  private static final Workers TWO = new Workers(2);

  @AfterAll
  static void closeWorkers() {
    ONE.close();
    TWO.close();
  }

  /** Dimension of the subspace near which {@link #embedded} points lie. */
  private static final int LATENT = 6;

  /**
   * Points near a {@value #LATENT}-dimensional subspace in {@code d} dimensions, as embeddings lie
   * near a low-dimensional set, with a little noise in every direction.
   */
  private float[] embedded(int n, int d) {
    double[][] mix = new double[LATENT][d];
    for (double[] row : mix) {
      for (int c = 0; c < d; c++) {
        row[c] = random().nextGaussian();
      }
    }
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      double[] latent = new double[LATENT];
      for (int l = 0; l < LATENT; l++) {
        latent[l] = random().nextGaussian();
      }
      for (int c = 0; c < d; c++) {
        double v = 0.01 * random().nextGaussian();
        for (int l = 0; l < LATENT; l++) {
          v += latent[l] * mix[l][c];
        }
        x[i * d + c] = (float) v;
      }
    }
    return x;
  }

  private static double recall(Neighbors approximate, Neighbors exact) {
    int hits = 0;
    for (int q = 0; q < exact.queries(); q++) {
      int[] truth = new int[exact.k()];
      for (int r = 0; r < exact.k(); r++) {
        truth[r] = exact.index(q, r);
      }
      Arrays.sort(truth);
      for (int r = 0; r < exact.k(); r++) {
        if (Arrays.binarySearch(truth, approximate.index(q, r)) >= 0) {
          hits++;
        }
      }
    }
    return hits / (double) (exact.queries() * exact.k());
  }

  @Test
  void findsMostTrueNeighbours() {
    int d = 16;
    float[] points = embedded(5_000, d);
    float[] queries = embedded(300, d);
    NeighborIndex exact = NeighborIndex.build(points, d, IndexType.EXACT);
    NeighborIndex hnsw = NeighborIndex.build(points, d, IndexType.HNSW, seed(), done -> {});
    double recall = recall(hnsw.search(queries, 10, TWO), exact.search(queries, 10, TWO));
    assertTrue(recall >= 0.9, "recall@10 " + recall);
    double training = recall(hnsw.searchTraining(10, TWO), exact.searchTraining(10, TWO));
    assertTrue(training >= 0.9, "leave-one-out recall@10 " + training);
  }

  @Test
  void aSubsetOfTheGraphFindsOnlyItsRowsAndMostOfTheirTrueNeighbours() {
    int d = 8;
    float[] points = embedded(4_000, d);
    float[] queries = embedded(200, d);
    int[] rows = java.util.stream.IntStream.range(0, 4_000).filter(i -> i % 10 != 3).toArray();
    NeighborIndex among = new HnswIndex(points, d, seed(), done -> {}).among(rows);
    float[] kept = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(points, rows[i] * d, kept, i * d, d);
    }
    Neighbors exact = NeighborIndex.build(kept, d, IndexType.EXACT).search(queries, 10, TWO);
    Neighbors found = among.search(queries, 10, TWO);
    int hits = 0;
    for (int q = 0; q < found.queries(); q++) {
      int[] truth = new int[10];
      for (int r = 0; r < 10; r++) {
        assertTrue(found.index(q, r) % 10 != 3, "a row outside the subset");
        truth[r] = rows[exact.index(q, r)];
      }
      Arrays.sort(truth);
      for (int r = 0; r < 10; r++) {
        hits += Arrays.binarySearch(truth, found.index(q, r)) >= 0 ? 1 : 0;
      }
    }
    assertTrue(hits >= 0.9 * 10 * found.queries(), "recall@10 " + hits / (10.0 * found.queries()));
  }

  @Test
  void aSubsetFindsEachOfItsRowsNearestOthersAmongThem() {
    int d = 8;
    float[] points = embedded(3_000, d);
    int[] rows = java.util.stream.IntStream.range(0, 3_000).filter(i -> i % 7 != 2).toArray();
    Neighbors found =
        new HnswIndex(points, d, seed(), done -> {}).among(rows).searchTraining(10, TWO);
    float[] kept = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(points, rows[i] * d, kept, i * d, d);
    }
    Neighbors exact = NeighborIndex.build(kept, d, IndexType.EXACT).searchTraining(10, TWO);
    assertEquals(rows.length, found.queries());
    int hits = 0;
    for (int i = 0; i < rows.length; i++) {
      int[] truth = new int[10];
      for (int r = 0; r < 10; r++) {
        assertTrue(found.index(i, r) % 7 != 2, "a row outside the subset");
        assertTrue(found.index(i, r) != rows[i], "the row itself");
        truth[r] = rows[exact.index(i, r)];
      }
      Arrays.sort(truth);
      for (int r = 0; r < 10; r++) {
        hits += Arrays.binarySearch(truth, found.index(i, r)) >= 0 ? 1 : 0;
      }
    }
    assertTrue(hits >= 0.9 * 10 * rows.length, "recall@10 " + hits / (10.0 * rows.length));
  }

  @Test
  void ordersWhatItFindsByDistanceThenRowWithoutItself() {
    int d = 4;
    float[] points = new float[800 * d];
    for (int i = 0; i < points.length; i++) {
      points[i] = random().nextInt(5);
    }
    NeighborIndex hnsw = NeighborIndex.build(points, d, IndexType.HNSW, seed(), done -> {});
    Neighbors found = hnsw.searchTraining(12, TWO);
    for (int q = 0; q < found.queries(); q++) {
      for (int r = 0; r < found.k(); r++) {
        int row = found.index(q, r);
        assertTrue(row != q, "query " + q + " found itself");
        double exact = 0;
        for (int c = 0; c < d; c++) {
          double t = points[q * d + c] - points[row * d + c];
          exact += t * t;
        }
        assertEquals(Math.sqrt(exact), found.distance(q, r), 1e-6);
        if (r > 0) {
          float before = found.distance(q, r - 1);
          assertTrue(
              before < found.distance(q, r)
                  || (before == found.distance(q, r) && found.index(q, r - 1) < row));
        }
      }
    }
  }

  @Test
  void sameSeedSameAnswersWhateverTheThreadsOrAStoredGraph() {
    int d = 8;
    float[] points = embedded(3_000, d);
    float[] queries = embedded(200, d);
    long seed = seed();
    HnswIndex a = new HnswIndex(points, d, seed, done -> {});
    HnswIndex b = new HnswIndex(points, d, seed, done -> {});
    HnswIndex restored = HnswIndex.restore(points, d, a.layers());
    Neighbors expected = a.search(queries, 10, ONE);
    for (Neighbors other :
        new Neighbors[] {
          a.search(queries, 10, TWO), b.search(queries, 10, TWO), restored.search(queries, 10, TWO)
        }) {
      assertArrayEquals(expected.indices, other.indices);
      assertArrayEquals(expected.distances, other.distances);
    }
  }

  @Test
  void rejectsALayerThatLinksOutsideThePoints() {
    int d = 2;
    float[] points = embedded(200, d);
    int[][] layers = new HnswIndex(points, d, seed(), done -> {}).layers();
    int[][] broken = layers.clone();
    broken[3] = broken[3].clone();
    broken[3][0] = 200;
    assertThrows(IllegalArgumentException.class, () -> HnswIndex.restore(points, d, broken));
    assertThrows(
        IllegalArgumentException.class,
        () -> HnswIndex.restore(Arrays.copyOf(points, 2 * 199), d, layers));
  }

  @Test
  void tellsProgressPointByPoint() {
    int[] last = {0};
    new HnswIndex(embedded(500, 3), 3, seed(), done -> {
      assertEquals(last[0] + 1, done);
      last[0] = done;
    });
    assertEquals(500, last[0]);
  }
}
