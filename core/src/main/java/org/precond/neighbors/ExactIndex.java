package org.precond.neighbors;

import java.util.Arrays;
import org.precond.kernel.Kernels;

/**
 * Brute-force exact k-nearest-neighbour search at matrix-product speed. The points are held
 * feature-major in blocks, centred, with their squared norms alongside, so that one {@link
 * Kernels#affineMinima} call gives a block of proxies {@code ‖p‖² − 2 q·p} for many queries at
 * once (the squared distances up to a shift per query), folded to minima of four while still in
 * registers: only the columns of the few minima below a query's bound are read back. The
 * candidates so found are screened by {@link
 * Candidates}, and only the few survivors get an exact distance: results are exactly those of
 * {@link KdTree}, ties included.
 *
 * <p>Before any candidate is screened, each query's bound is seeded from the first {@value
 * #SEED_POINTS} points, so that it starts near its final value and few candidates are offered.
 * Work is split into blocks of queries; each worker holds its proxies for one block of queries at
 * a time, never a query-by-point matrix.
 */
public final class ExactIndex extends BlockedSearch<ExactIndex.Scratch> {


  /**
   * Points per block. A block and a query block's proxies for it stay in the level-2 cache; at
   * 32 dimensions 256 to 1,024 time alike, 2,048 and up slower.
   */
  private static final int COLUMNS = 512;

  /** {@link Kernels#affineMinima}'s minima per query and block, one per 4 points. */
  private static final int MINIMA = COLUMNS / 4;

  /** {@link Kernels#affineBelow}'s marks per query and block, one per 64 points. */
  private static final int MARKS = COLUMNS / 64;

  /**
   * Points whose proxies seed the bounds before any is screened: the more, the tighter the bound
   * from the start and the fewer candidates offered later, as long as their proxies for a query
   * block stay in the level-2 cache.
   */
  private static final int SEED_POINTS = 2048;

  /**
   * A proxy errs, against its point's exact squared distance less {@code ‖q − centre‖²}, by less
   * than {@code (3d + 10) u (‖q − centre‖ + max ‖p − centre‖)²} with u = 2⁻²⁴: the rounding of
   * centring, of the product, of the norms, of the exact distance and of its square root. Margins
   * take {@code 4d + 16} instead, and the slack also covers rounding the bound to float.
   */
  private static double errorFactor(int d) {
    return (4.0 * d + 16) * 0x1p-24;
  }

  private final Kernels kernels;
  private final float[][] blocks;
  /** The last block's columns: as many as its points need, in the kernels' steps of 64. */
  private final int lastWidth;
  /** Per block, the squared norm of each centred point: the product's bias per column. */
  private final float[][] norms;
  /** The leading blocks whose proxies seed the bounds: {@value #SEED_POINTS} points or so. */
  private final int seedBlocks;
  private final float[] center;
  private final double radius;

  /** Indexes {@code points}, row-major with {@code dimension} coordinates each (copied). */
  public ExactIndex(float[] points, int dimension) {
    this(points, dimension, Kernels.get());
  }

  ExactIndex(float[] points, int dimension, Kernels kernels) {
    this(points, dimension, kernels, true);
  }

  /** @param copy whether to copy {@code points}; without, the caller never changes them */
  ExactIndex(float[] points, int dimension, Kernels kernels, boolean copy) {
    super(new IndexedPoints(points, dimension, kernels, copy));
    this.kernels = kernels;
    int n = this.points.size;
    int d = dimension;
    this.center = mean(this.points.rows, n, d);
    this.blocks = new float[(n + COLUMNS - 1) / COLUMNS][];
    this.norms = new float[blocks.length][];
    double largest = 0;
    for (int b = 0; b < blocks.length; b++) {
      int start = b * COLUMNS;
      int valid = Math.min(COLUMNS, n - start);
      // The last block only as wide as its points need, in the kernels' steps of 64 columns.
      int width = (valid + 63) & ~63;
      float[] block = new float[d * width];
      // Padding columns get an infinite proxy, so that no bound ever marks them.
      float[] blockNorms = new float[width];
      Arrays.fill(blockNorms, Float.POSITIVE_INFINITY);
      for (int c = 0; c < valid; c += 2) {
        // Two points at a time, so that each one's sums, in coordinate order, advance while the
        // other's last step completes.
        int c1 = Math.min(c + 1, valid - 1);
        int row0 = (start + c) * d;
        int row1 = (start + c1) * d;
        float norm0 = 0f;
        float norm1 = 0f;
        double exact0 = 0;
        double exact1 = 0;
        for (int k = 0; k < d; k++) {
          float v0 = this.points.rows[row0 + k] - center[k];
          float v1 = this.points.rows[row1 + k] - center[k];
          block[k * width + c] = v0;
          block[k * width + c1] = v1;
          norm0 = Math.fma(v0, v0, norm0);
          norm1 = Math.fma(v1, v1, norm1);
          exact0 += (double) v0 * v0;
          exact1 += (double) v1 * v1;
        }
        blockNorms[c] = norm0;
        blockNorms[c1] = norm1;
        largest = Math.max(largest, Math.max(exact0, exact1));
      }
      blocks[b] = block;
      norms[b] = blockNorms;
    }
    this.lastWidth = norms[norms.length - 1].length;
    this.radius = Math.sqrt(largest);
    this.seedBlocks = Math.min(blocks.length, Math.max(1, SEED_POINTS / COLUMNS));
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
  Scratch scratch(int k) {
    return new Scratch(k);
  }

  /** One worker's buffers: the query block as weights, blocks of proxies, per-query screens. */
  final class Scratch {
    final float[] weights = new float[QUERY_BLOCK * points.dimension];
    final float[][] proxies = new float[seedBlocks][QUERY_BLOCK * COLUMNS];
    /** {@link Kernels#affineMinima}'s minima of the proxies, a quarter as many. */
    final float[][] minima = new float[seedBlocks][QUERY_BLOCK * MINIMA];
    final float[] groupMinima;
    final int[] scan = new int[MINIMA];
    final float[] bounds = new float[QUERY_BLOCK];
    final long[] below = new long[QUERY_BLOCK * MARKS];
    /** Candidates picked from the proxies: the seed blocks' at once, then a few at a time. */
    final long[] picked = new long[seedBlocks * COLUMNS];
    final Candidates[] candidates = new Candidates[QUERY_BLOCK];
    float touched;

    Scratch(int k) {
      for (int r = 0; r < QUERY_BLOCK; r++) {
        candidates[r] = new Candidates(k);
      }
      groupMinima = new float[groupsFor(k)];
    }
  }

  /** Seed groups: at least k, and a multiple of 16 for {@link Kernels#columnMinima}. */
  private static int groupsFor(int k) {
    return (k + 15) & ~15;
  }

  @Override
  void searchBlock(
      float[] queries, int from, int to, int k, boolean excludeSelf, Scratch s, Neighbors out) {
    int m = to - from;
    start(queries, from, m, s);
    seed(from, m, excludeSelf, s);
    for (int b = seedBlocks; b < blocks.length; b++) {
      screen(b, from, m, excludeSelf, s);
    }
    float touched = 0f;
    for (int r = 0; r < m; r++) {
      touched += s.candidates[r].touch(points);
    }
    // Kept, or the compiler would drop the loads.
    s.touched = touched;
    for (int r = 0; r < m; r++) {
      s.candidates[r].measure(points, queries, from + r);
    }
    for (int r = 0; r < m; r++) {
      s.candidates[r].write(from + r, out);
    }
  }

  /** Readies the screens of queries {@code [from, from + m)} and their weights. */
  private void start(float[] queries, int from, int m, Scratch s) {
    int d = points.dimension;
    for (int r = 0; r < m; r++) {
      // Weights −2(q − centre), so that the product with p − centre, from ‖p − centre‖², is the
      // proxy; the factor −2 is exact in binary.
      int src = (from + r) * d;
      double norm = 0;
      for (int c = 0; c < d; c++) {
        float v = queries[src + c] - center[c];
        s.weights[r * d + c] = -2f * v;
        norm += (double) v * v;
      }
      double scale = Math.sqrt(norm) + radius;
      s.candidates[r].reset((float) (2 * errorFactor(d) * scale * scale));
    }
  }

  /**
   * Screens the seed blocks: their proxies and minima for every query, each query's bound from
   * its minima, then the candidates below it offered at once.
   */
  private void seed(int from, int m, boolean excludeSelf, Scratch s) {
    int d = points.dimension;
    for (int b = 0; b < seedBlocks; b++) {
      kernels.affineMinima(
          m, d, width(b), s.weights, 0, d, 1, norms[b], blocks[b], s.proxies[b], s.minima[b]);
    }
    for (int r = 0; r < m; r++) {
      int self = from + r;
      if (excludeSelf && self < seedBlocks * COLUMNS) {
        int b = self / COLUMNS;
        exclude(s.proxies[b], s.minima[b], width(b), r, self % COLUMNS);
      }
      Candidates screen = s.candidates[r];
      seedBound(screen, r, s);
      int count = 0;
      for (int b = 0; b < seedBlocks; b++) {
        int row = r * width(b);
        int found = below(s.minima[b], row / 4, width(b) / 4, screen.bound(), s.scan);
        for (int h = 0; h < found; h++) {
          count =
              collect(
                  s.proxies[b], row, s.scan[h], screen.bound(), b * COLUMNS, -1, s.picked, count);
        }
      }
      screen.offerAll(s.picked, count);
    }
  }

  /** Screens block {@code b}: its proxies marked against each query's bound, the few offered. */
  private void screen(int b, int from, int m, boolean excludeSelf, Scratch s) {
    for (int r = 0; r < m; r++) {
      s.bounds[r] = s.candidates[r].bound();
    }
    int width = width(b);
    float[] proxies = s.proxies[0];
    kernels.affineBelow(
        m, points.dimension, width, s.weights, 0, points.dimension, 1, norms[b], blocks[b],
        proxies, s.bounds, s.below);
    int start = b * COLUMNS;
    for (int r = 0; r < m; r++) {
      Candidates screen = s.candidates[r];
      int self = excludeSelf ? from + r - start : -1;
      int row = r * width;
      for (int group = 0; group < width; group += 256) {
        // The 16 marks of four words in one, so that a row's few are found in two loops.
        long marks = 0;
        for (int w = 0; w < 4 && group + 64 * w < width; w++) {
          marks |= s.below[(row + group) / 64 + w] << (16 * w);
        }
        for (; marks != 0; marks &= marks - 1) {
          int bit = Long.numberOfTrailingZeros(marks);
          int first = group + 64 * (bit >>> 4) + (bit & 15);
          int count = collect(proxies, row, first, screen.bound(), start, self, s.picked, 0);
          for (int i = 0; i < count; i++) {
            screen.offer(s.picked[i]);
          }
        }
      }
    }
  }

  /**
   * Lists in {@code scan} those of a query's {@code count} minima, from {@code row} in {@code
   * minima}, below {@code bound}, each as the first of the four columns it spans (the others
   * follow 16 apart), and returns how many.
   */
  private int below(float[] minima, int row, int count, float bound, int[] scan) {
    int found = kernels.indicesBelow(minima, row, row + count, bound, scan);
    for (int h = 0; h < found; h++) {
      int i = scan[h] - row;
      scan[h] = 4 * (i & ~15) + (i & 15);
    }
    return found;
  }

  /**
   * Appends to {@code out} from {@code count}, packed as {@link TopK} packs pairs, those of the
   * four columns from {@code first} of the query's row (16 apart), which starts at {@code row} in
   * {@code proxies}, with a proxy below {@code bound}, other than column {@code self}, numbered
   * from {@code start}; returns the new count.
   * Every column is written and the count advanced only past those kept, without a branch: which
   * of the four is below is a coin toss.
   */
  private static int collect(
      float[] proxies, int row, int first, float bound, int start, int self, long[] out,
      int count) {
    for (int c = first; c < first + 64; c += 16) {
      float proxy = proxies[row + c];
      out[count] = TopK.pack(proxy, start + c);
      count += proxy < bound & c != self ? 1 : 0;
    }
    return count;
  }

  /**
   * Takes column {@code c} of query {@code r}'s row out of a block's proxies and their minima,
   * {@code width} columns a row.
   */
  private static void exclude(float[] proxies, float[] minima, int width, int r, int c) {
    int row = r * width;
    proxies[row + c] = Float.POSITIVE_INFINITY;
    int first = row + 64 * (c / 64) + c % 16;
    minima[row / 4 + 16 * (c / 64) + c % 16] =
        Math.min(
            Math.min(proxies[first], proxies[first + 16]),
            Math.min(proxies[first + 32], proxies[first + 48]));
  }

  /** Block {@code b}'s columns: {@value #COLUMNS} but for the last. */
  private int width(int b) {
    return b == blocks.length - 1 ? lastWidth : COLUMNS;
  }

  /**
   * Seeds a query's screen, before any of its candidates is offered, with the minima of the seed
   * blocks' proxies taken in strided groups: distinct candidates, each the best of its group,
   * whose k-th smallest is already close to the k-th smallest of all the seed proxies. The groups
   * are those of the kernel's minima, each already the best of four; empty ones, and padding, are
   * infinite and only loosen the bound.
   */
  private void seedBound(Candidates screen, int r, Scratch s) {
    float[] groupMinima = s.groupMinima;
    int groups = groupMinima.length;
    Arrays.fill(groupMinima, Float.POSITIVE_INFINITY);
    for (int b = 0; b < seedBlocks; b++) {
      int minima = width(b) / 4;
      kernels.columnMinima(s.minima[b], r * minima, minima / groups, groups, groupMinima);
    }
    screen.seed(groupMinima, groups);
  }
}
