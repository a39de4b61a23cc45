package org.precond.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;
import org.precond.kernel.ScalarKernels;
import org.precond.testing.RandomizedTest;

/**
 * The soft-neighbour loss and its gradient (every parameter, through queries and candidates both)
 * against central finite differences of an independent double-precision computation; and its
 * independence of the thread count.
 */
class NeighborObjectiveTest extends RandomizedTest {

  private static final Architecture ARCH = new Architecture(3, 5, 3, 2);
  private static final int ROWS = 13;
  /** Queries 2–8 (some of them also candidates, so left out of their own prediction). */
  private static final int[] QUERIES = {8, 2, 5, 3, 7, 4, 6};
  private static final int[] CANDIDATES = {11, 0, 5, 9, 3, 12, 1, 7, 10};

  @ParameterizedTest
  @CsvSource({
    "scalar, 0, SQUARED_ERROR", "fastest, 0, SQUARED_ERROR", "scalar, 0.5, SQUARED_ERROR",
    "fastest, 0.5, SQUARED_ERROR", "scalar, 0, CROSS_ENTROPY", "fastest, 0.5, CROSS_ENTROPY"
  })
  void analyticGradientMatchesFiniteDifferences(String which, double linear, Loss kind) {
    Kernels kernels = which.equals("scalar") ? new ScalarKernels() : Kernels.get();
    Random random = random();
    float[] p = parameters(random);
    float[] x = gaussian(random, ROWS * ARCH.inputs());
    float[] y = kind == Loss.SQUARED_ERROR ? gaussian(random, ROWS * ARCH.outputs()) : oneHot(random);
    float[] g = new float[p.length];
    double neighbor = 1 - linear;
    try (Workers workers = new Workers(1)) {
      double loss =
          new NeighborObjective(
                  ARCH, NetworkInputs.of(x, ARCH.inputs()), y, linear, neighbor, kind, workers,
                  kernels)
              .evaluate(p, QUERIES, 1, 5, CANDIDATES, CANDIDATES.length, g);
      assertEquals(
          referenceLoss(toDouble(p), x, y, linear, neighbor, kind), loss, 1e-5 * loss, "loss");
    }
    // Small, so that a random draw seldom puts a PReLU kink within reach of a difference.
    double h = 1e-6;
    for (int i = 0; i < p.length; i++) {
      double[] plus = toDouble(p);
      double[] minus = toDouble(p);
      plus[i] += h;
      minus[i] -= h;
      double numeric =
          (referenceLoss(plus, x, y, linear, neighbor, kind)
                  - referenceLoss(minus, x, y, linear, neighbor, kind))
              / (2 * h);
      assertEquals(numeric, g[i], 1e-4 + 2e-3 * Math.abs(numeric), "gradient of parameter " + i);
    }
  }

  /** Enough rows for several blocks of queries and of candidates, so the sums cross blocks. */
  @Test
  void sameResultWhateverTheThreadCount() {
    Architecture arch = new Architecture(4, 6, 2, 1);
    Random random = random();
    int rows = 3000;
    float[] x = gaussian(random, rows * arch.inputs());
    float[] y = gaussian(random, rows);
    float[] p = Initializer.HE.parameters(arch, seed());
    int[] queries = new int[1500];
    int[] candidates = new int[rows - 500];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = 2 * i;
    }
    for (int j = 0; j < candidates.length; j++) {
      candidates[j] = rows - 1 - j;
    }
    float[] first = null;
    double firstLoss = 0;
    for (int threads : new int[] {1, 2, 4}) {
      float[] g = new float[p.length];
      double loss;
      try (Workers workers = new Workers(threads)) {
        loss =
            new NeighborObjective(
                    arch, NetworkInputs.of(x, arch.inputs()), y, 0.5, 0.5, Loss.SQUARED_ERROR,
                    workers)
                .evaluate(p, queries, 100, 1300, candidates, candidates.length, g);
      }
      if (first == null) {
        first = g;
        firstLoss = loss;
      } else {
        assertEquals(firstLoss, loss, 0, threads + " threads: loss");
        assertArrayEquals(first, g, threads + " threads: gradient");
      }
    }
  }

  private static float[] parameters(Random random) {
    float[] p = Initializer.HE.parameters(ARCH, random.nextLong());
    for (int l = 0; l < ARCH.depth(); l++) {
      for (int j = 0; j < ARCH.width(); j++) {
        p[ARCH.biasOffset(l) + j] = (float) random.nextGaussian() * 0.5f;
        p[ARCH.slopeOffset(l) + j] = 0.1f + 0.4f * random.nextFloat();
      }
    }
    return p;
  }

  private static float[] gaussian(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }

  /** One-hot targets of {@code ARCH.outputs()} classes, every class present. */
  private static float[] oneHot(Random random) {
    int classes = ARCH.outputs();
    float[] y = new float[ROWS * classes];
    for (int r = 0; r < ROWS; r++) {
      y[r * classes + (r < classes ? r : random.nextInt(classes))] = 1;
    }
    return y;
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  /**
   * Queries {@code QUERIES[1..6)} predicted from {@code CANDIDATES}, written out plainly in
   * double precision: squared errors averaged over rows and targets, or cross-entropies (of the
   * output's softmax, of the smoothed vote) averaged over rows.
   */
  private static double referenceLoss(
      double[] p, float[] x, float[] y, double linear, double neighbor, Loss kind) {
    int outputs = ARCH.outputs();
    double[][] z = new double[ROWS][];
    double[][] out = new double[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      double[] a = new double[ARCH.inputs()];
      for (int i = 0; i < a.length; i++) {
        a[i] = x[r * ARCH.inputs() + i];
      }
      for (int l = 0; l < ARCH.layers(); l++) {
        if (l == ARCH.depth()) {
          z[r] = a;
        }
        double[] next = new double[ARCH.fanOut(l)];
        for (int j = 0; j < next.length; j++) {
          double s = p[ARCH.biasOffset(l) + j];
          for (int i = 0; i < a.length; i++) {
            s += p[ARCH.weightOffset(l) + i * next.length + j] * a[i];
          }
          next[j] = ARCH.isHidden(l) && s < 0 ? p[ARCH.slopeOffset(l) + j] * s : s;
        }
        a = next;
      }
      out[r] = a;
    }
    double linearSum = 0;
    double neighborSum = 0;
    int count = 5;
    for (int q = 1; q < 1 + count; q++) {
      int i = QUERIES[q];
      double total = 0;
      double[] predicted = new double[outputs];
      for (int j : CANDIDATES) {
        if (j == i) {
          continue;
        }
        double squared = NeighborObjective.EPSILON;
        for (int k = 0; k < ARCH.width(); k++) {
          squared += (z[i][k] - z[j][k]) * (z[i][k] - z[j][k]);
        }
        double w = Math.exp(-Math.sqrt(squared));
        total += w;
        for (int o = 0; o < outputs; o++) {
          predicted[o] += w * y[j * outputs + o];
        }
      }
      if (kind == Loss.SQUARED_ERROR) {
        for (int o = 0; o < outputs; o++) {
          double d = predicted[o] / total - y[i * outputs + o];
          neighborSum += d * d;
          double e = out[i][o] - y[i * outputs + o];
          linearSum += e * e;
        }
      } else {
        double softmaxTotal = 0;
        for (int o = 0; o < outputs; o++) {
          softmaxTotal += Math.exp(out[i][o]);
        }
        for (int o = 0; o < outputs; o++) {
          double t = y[i * outputs + o];
          double s = NeighborObjective.SMOOTHING;
          neighborSum -= t * Math.log((1 - s) * predicted[o] / total + s / outputs);
          linearSum -= t * Math.log(Math.exp(out[i][o]) / softmaxTotal);
        }
      }
    }
    return (linear * linearSum + neighbor * neighborSum)
        / (kind == Loss.SQUARED_ERROR ? count * outputs : count);
  }
}
