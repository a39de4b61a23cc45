package org.precond.neighbors;

import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;

/**
 * Brute-force exact k-nearest-neighbour search at matrix-product speed. The points are held
 * feature-major in blocks, centred, with their squared norms as one more feature, so that one
 * {@link Kernels#affineBelow} call gives a block of proxies {@code ‖p‖² − 2 q·p} for many queries
 * at once (the squared distances up to a shift per query) and flags the few stretches holding
 * any proxy within reach, so that nearly all are turned away while still in registers. The few
 * within reach are screened by {@link Candidates}, and only the survivors get an exact distance.
 * Results are exactly those of {@link KdTree}.
 */
public final class ExactIndex implements NeighborIndex {

  /** Queries per work item: enough rows for the matrix product to run at full speed. */
  private static final int QUERY_BLOCK = 64;

  /**
   * Bound on a proxy's error relative to {@code u (‖q‖ + max ‖p‖)²}, u the float32 unit
   * roundoff, per dimension and in all: the rounding analysis gives {@code 3d + 10}.
   */
  private static final int ERROR_PER_DIMENSION = 4;

  private static final int ERROR_BASE = 16;
  private static final double UNIT_ROUNDOFF = 0x1p-24;

  private final IndexedPoints points;
  private final Kernels kernels;
  private final int columns;
  private final float[][] blocks;
  private final float[] center;
  private final double radius;

  /** Indexes {@code points}, row-major with {@code dimension} coordinates each (copied). */
  public ExactIndex(float[] points, int dimension) {
    this(points, dimension, Kernels.get());
  }

  ExactIndex(float[] points, int dimension, Kernels kernels) {
    this.points = new IndexedPoints(points, dimension);
    this.kernels = kernels;
    int n = this.points.size;
    int d = dimension;
    this.columns = columnsFor(d);
    this.center = mean(this.points.rows, n, d);
    this.blocks = new float[(n + columns - 1) / columns][];
    double largest = 0;
    for (int b = 0; b < blocks.length; b++) {
      float[] block = new float[(d + 1) * columns];
      int start = b * columns;
      for (int c = 0, valid = Math.min(columns, n - start); c < valid; c++) {
        int row = (start + c) * d;
        float norm = 0f;
        double exactNorm = 0;
        for (int k = 0; k < d; k++) {
          float v = this.points.rows[row + k] - center[k];
          block[k * columns + c] = v;
          norm = Math.fma(v, v, norm);
          exactNorm += (double) v * v;
        }
        block[d * columns + c] = norm;
        largest = Math.max(largest, exactNorm);
      }
      blocks[b] = block;
    }
    this.radius = Math.sqrt(largest);
  }

  /**
   * Points per block: the block ({@code d + 1} rows of them) should stay in the level-2 cache
   * while every query of a work item streams past it.
   */
  private static int columnsFor(int d) {
    return 512;
  }

  private static float[] mean(float[] rows, int n, int d) {
    double[] sum = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        sum[k] += rows[i * d + k];
      }
    }
    float[] mean = new float[d];
    for (int k = 0; k < d; k++) {
      mean[k] = (float) (sum[k] / n);
    }
    return mean;
  }

  @Override
  public int size() {
    return points.size;
  }

  @Override
  public int dimension() {
    return points.dimension;
  }

  @Override
  public Neighbors search(float[] queries, int k, Workers workers) {
    int count = points.checkQueries(queries);
    IndexedPoints.checkK(k, points.size, "indexed points");
    return run(queries, count, k, false, workers);
  }

  @Override
  public Neighbors searchTraining(int k, Workers workers) {
    IndexedPoints.checkK(k, points.size - 1, "other indexed points");
    return run(points.rows, points.size, k, true, workers);
  }

  private Neighbors run(float[] queries, int count, int k, boolean excludeSelf, Workers workers) {
    Neighbors out = new Neighbors(count, k);
    Scratch[] scratch = new Scratch[workers.threads()];
    workers.forEach(
        (count + QUERY_BLOCK - 1) / QUERY_BLOCK,
        (worker, item) -> {
          if (scratch[worker] == null) {
            scratch[worker] = new Scratch(k);
          }
          int from = item * QUERY_BLOCK;
          searchBlock(queries, from, Math.min(count, from + QUERY_BLOCK), k, excludeSelf,
              scratch[worker], out);
        });
    return out;
  }

  /** One worker's buffers: the query block as weights, a block of proxies, per-query screens. */
  private final class Scratch {
    final float[] weights = new float[QUERY_BLOCK * (points.dimension + 1)];
    final float[] proxies = new float[QUERY_BLOCK * columns];
    final float[] bounds = new float[QUERY_BLOCK];
    final long[] below = new long[QUERY_BLOCK];
    final int[] hits = new int[Kernels.COLUMN_ALIGNMENT];
    final float[] minima;
    final Candidates[] candidates = new Candidates[QUERY_BLOCK];
    final TopK exact;

    Scratch(int k) {
      for (int r = 0; r < QUERY_BLOCK; r++) {
        candidates[r] = new Candidates(k);
      }
      exact = new TopK(k);
      minima = new float[(2 * k + 15) & ~15];
    }
  }

  /**
   * Seeds a query's screen with the minima of the first block's proxies taken in strided groups
   * (a loop the compiler vectorises): 2k distinct candidates or so, each the best of its group,
   * whose k-th smallest is already close to the block's k-th smallest.
   */
  private static void seed(
      Candidates screen, int k, float[] proxies, int row, int valid, float[] minima) {
    // Groups: at least 2k, a multiple of the widest vector, and at least two proxies each.
    int groups = (2 * k + 15) & ~15;
    if (2 * groups > valid) {
      return;
    }
    System.arraycopy(proxies, row, minima, 0, groups);
    int whole = valid - valid % groups;
    for (int at = row + groups; at < row + whole; at += groups) {
      for (int j = 0; j < groups; j++) {
        minima[j] = Math.min(minima[j], proxies[at + j]);
      }
    }
    screen.seed(minima, groups);
  }

  private void searchBlock(
      float[] queries, int from, int to, int k, boolean excludeSelf, Scratch s, Neighbors out) {
    int d = points.dimension;
    int width = d + 1;
    int m = to - from;
    for (int r = 0; r < m; r++) {
      // Weights −2(q − centre) and 1, so that the product with (p − centre, ‖p − centre‖²) is
      // the proxy; the factor −2 is exact in binary.
      int src = (from + r) * d;
      double norm = 0;
      for (int c = 0; c < d; c++) {
        float v = queries[src + c] - center[c];
        s.weights[r * width + c] = -2f * v;
        norm += (double) v * v;
      }
      s.weights[r * width + d] = 1f;
      double scale = Math.sqrt(norm) + radius;
      double error = (ERROR_PER_DIMENSION * d + ERROR_BASE) * UNIT_ROUNDOFF * scale * scale;
      s.candidates[r].reset(2 * error);
    }
    for (int b = 0; b < blocks.length; b++) {
      for (int r = 0; r < m; r++) {
        s.bounds[r] = s.candidates[r].bound();
      }
      kernels.affineBelow(
          m, width, columns, s.weights, 0, width, 1, blocks[b], s.proxies, s.bounds, s.below);
      int start = b * columns;
      int valid = Math.min(columns, points.size - start);
      for (int r = 0; r < m; r++) {
        Candidates screen = s.candidates[r];
        int row = r * columns;
        int self = from + r - start;
        if (excludeSelf && self >= 0 && self < valid) {
          s.proxies[row + self] = Float.POSITIVE_INFINITY;
        }
        if (b == 0) {
          seed(screen, k, s.proxies, row, valid, s.minima);
        }
        // Only the segments the product flagged can hold a proxy within reach.
        for (long segments = s.below[r]; segments != 0; segments &= segments - 1) {
          int at = row + Kernels.COLUMN_ALIGNMENT * Long.numberOfTrailingZeros(segments);
          int end = Math.min(at + Kernels.COLUMN_ALIGNMENT, row + valid);
          int hits = kernels.indicesBelow(s.proxies, at, end, screen.bound(), s.hits);
          for (int h = 0; h < hits; h++) {
            int i = s.hits[h];
            screen.offer(s.proxies[i], start + i - row);
          }
        }
      }
    }
    for (int r = 0; r < m; r++) {
      s.candidates[r].finish(points, queries, from + r, s.exact, out);
    }
  }
}
