package org.precond.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.neighbors.HnswIndex;
import org.precond.neighbors.IndexType;
import org.precond.neighbors.NeighborIndex;
import org.precond.model.PrecondModel;
import org.precond.neighbors.Neighbors;

/**
 * HNSW against exact search: the graph's build time (one thread, as models build it), then per
 * search beam the 10-NN queries per second on the given threads and the recall against {@link
 * IndexType#EXACT}, median of three runs after a warm-up. {@link HnswIndex#SEARCH_BEAM} comes from
 * this.
 *
 * <p>Points are either the embedding of a table's rows by a saved model — the first {@code
 * columns} of it, the embedding of the first network of an ensemble — the first rows indexed, the
 * last {@code queries} rows the queries; or, without a model, points near a 3-dimensional manifold
 * in {@code columns} dimensions, as embeddings lie.
 *
 * <p>Usage: {@code HnswBenchmark points queries threads columns [MODEL CSV]}.
 */
public final class HnswBenchmark {

  private static final int K = 10;
  private static final int REPETITIONS = 3;
  private static final int[] BEAMS = {16, 32, 64, 100, 200};

  private HnswBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int queryCount = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int d = Integer.parseInt(args[3]);
    float[] points;
    float[] queries;
    String source;
    if (args.length < 6) {
      SplittableRandom random = new SplittableRandom(42);
      double[][] mix = mixing(random, d);
      points = manifold(random, mix, n);
      queries = manifold(random, mix, queryCount);
      source = "points near a 3-d manifold";
    } else {
      PrecondModel model = PrecondModel.load(Path.of(args[4]));
      Dataset data = model.readRows(Path.of(args[5]));
      if (data.rows() < n + queryCount) {
        throw new IllegalArgumentException(args[5] + " has " + data.rows() + " rows, fewer than "
            + n + " points and " + queryCount + " queries");
      }
      float[] embedding = model.transform(data);
      int width = model.network().embeddingWidth();
      points = columns(embedding, width, d, 0, n);
      queries = columns(embedding, width, d, data.rows() - queryCount, data.rows());
      source = "the first " + d + " of " + width + " embedding columns of " + args[4];
    }
    System.out.printf("%,d points in %d dimensions (%s), %,d queries, %d-NN, %d threads,"
        + " median of %d%n", n, d, source, queryCount, K, threads, REPETITIONS);
    try (Workers workers = new Workers(threads)) {
      long start = System.nanoTime();
      NeighborIndex exact = NeighborIndex.build(points, d, IndexType.EXACT);
      Neighbors truth = exact.search(queries, K, workers);
      double exactSeconds = median(() -> exact.search(queries, K, workers));
      System.out.printf("exact: indexed and searched once in %.1f s; %,.0f queries/s%n",
          (System.nanoTime() - start) * 1e-9 - exactSeconds, queryCount / exactSeconds);
      start = System.nanoTime();
      HnswIndex hnsw = new HnswIndex(points, d, 42, done -> {});
      System.out.printf("hnsw: graph built in %.1f s on one thread%n",
          (System.nanoTime() - start) * 1e-9);
      System.out.printf("%6s %12s %10s%n", "beam", "queries/s", "recall@10");
      for (int beam : BEAMS) {
        HnswIndex searcher = hnsw.withSearchBeam(beam);
        double seconds = median(() -> searcher.search(queries, K, workers));
        double recall = recall(searcher.search(queries, K, workers), truth);
        System.out.printf("%6d %,12.0f %10.4f%n", beam, queryCount / seconds, recall);
      }
    }
  }

  private static float[] columns(float[] rows, int width, int d, int from, int to) {
    float[] out = new float[(to - from) * d];
    for (int r = from; r < to; r++) {
      System.arraycopy(rows, r * width, out, (r - from) * d, d);
    }
    return out;
  }

  private static double median(Runnable search) {
    double[] seconds = new double[REPETITIONS];
    for (int r = -1; r < REPETITIONS; r++) {
      long start = System.nanoTime();
      search.run();
      if (r >= 0) {
        seconds[r] = (System.nanoTime() - start) * 1e-9;
      }
    }
    Arrays.sort(seconds);
    return seconds[REPETITIONS / 2];
  }

  static double recall(Neighbors found, Neighbors truth) {
    int hits = 0;
    int[] expected = new int[truth.k()];
    for (int q = 0; q < truth.queries(); q++) {
      for (int r = 0; r < truth.k(); r++) {
        expected[r] = truth.index(q, r);
      }
      Arrays.sort(expected);
      for (int r = 0; r < found.k(); r++) {
        if (Arrays.binarySearch(expected, found.index(q, r)) >= 0) {
          hits++;
        }
      }
    }
    return hits / (double) (truth.queries() * truth.k());
  }

  private static double[][] mixing(SplittableRandom random, int d) {
    double[][] mix = new double[3][d];
    for (double[] row : mix) {
      for (int c = 0; c < d; c++) {
        row[c] = gaussian(random);
      }
    }
    return mix;
  }

  private static float[] manifold(SplittableRandom random, double[][] mix, int n) {
    int d = mix[0].length;
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      double a = random.nextDouble() * 4;
      double b = random.nextDouble() * 4;
      double[] latent = {Math.sin(a), Math.cos(b) * a, b};
      for (int c = 0; c < d; c++) {
        double v = 0.01 * gaussian(random);
        for (int l = 0; l < 3; l++) {
          v += latent[l] * mix[l][c];
        }
        x[i * d + c] = (float) v;
      }
    }
    return x;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
