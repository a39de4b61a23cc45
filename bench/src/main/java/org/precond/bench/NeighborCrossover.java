package org.precond.bench;

import java.util.Arrays;
import java.util.Random;
import org.precond.concurrent.Workers;
import org.precond.neighbors.IndexType;
import org.precond.neighbors.NeighborIndex;

/**
 * Where {@link IndexType#TREE} stops beating {@link IndexType#EXACT}: indexing plus a 10-NN
 * search of 10,000 queries, Gaussian points and queries, for 10,000 and 100,000 points over a
 * range of dimensions, median of three runs after a warm-up. The tree's sweep stops once it is
 * four times slower. {@link NeighborIndex#TREE_MAX_DIMENSION} comes from this.
 *
 * <p>Usage: {@code NeighborCrossover [threads]}, default 2.
 */
public final class NeighborCrossover {

  private static final int QUERIES = 10_000;
  private static final int K = 10;
  private static final int REPETITIONS = 3;

  private NeighborCrossover() {}

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    System.out.printf("10-NN of %d Gaussian queries, %d threads, median of %d, ms%n", QUERIES,
        threads, REPETITIONS);
    System.out.printf("%8s %4s %10s %10s%n", "points", "d", "exact", "tree");
    try (Workers workers = new Workers(threads)) {
      // The Vector API is slow until C2 has compiled both searches: warm up before any timing.
      Random warm = new Random(1);
      float[] warmPoints = gaussian(warm, 10_000 * 8);
      float[] warmQueries = gaussian(warm, QUERIES * 8);
      for (int r = 0; r < 10; r++) {
        time(warmPoints, warmQueries, 8, IndexType.EXACT, workers);
        time(warmPoints, warmQueries, 8, IndexType.TREE, workers);
      }
      for (int n : new int[] {10_000, 100_000}) {
        boolean treeInRace = true;
        int crossover = 0;
        for (int d : new int[] {2, 3, 4, 5, 6, 7, 8, 10, 12, 16}) {
          Random random = new Random(d * 1_000_003L + n);
          float[] points = gaussian(random, n * d);
          float[] queries = gaussian(random, QUERIES * d);
          double exact = time(points, queries, d, IndexType.EXACT, workers);
          double tree = treeInRace ? time(points, queries, d, IndexType.TREE, workers) : Double.NaN;
          if (tree < exact) {
            crossover = d;
          }
          treeInRace = tree < 4 * exact;
          System.out.printf("%8d %4d %10.1f %10.1f%n", n, d, exact * 1e3, tree * 1e3);
        }
        System.out.printf("%8d: the tree wins up to d = %d%n", n, crossover);
      }
    }
  }

  private static double time(
      float[] points, float[] queries, int d, IndexType type, Workers workers) {
    double[] seconds = new double[REPETITIONS];
    for (int r = -1; r < REPETITIONS; r++) {
      long start = System.nanoTime();
      NeighborIndex.build(points, d, type).search(queries, K, workers);
      if (r >= 0) {
        seconds[r] = (System.nanoTime() - start) * 1e-9;
      }
    }
    Arrays.sort(seconds);
    return seconds[REPETITIONS / 2];
  }

  private static float[] gaussian(Random random, int count) {
    float[] x = new float[count];
    for (int i = 0; i < count; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }
}
