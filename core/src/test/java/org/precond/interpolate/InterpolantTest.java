package org.precond.interpolate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.precond.concurrent.Workers;
import org.precond.testing.RandomizedTest;

class InterpolantTest extends RandomizedTest {

  private final Workers workers = new Workers(2);

  @AfterEach
  void close() {
    workers.close();
  }

  private float[] uniform(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = random().nextFloat() * 2 - 1;
    }
    return a;
  }

  private static float[] apply(float[] x, int d, java.util.function.ToDoubleFunction<float[]> f) {
    int n = x.length / d;
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) f.applyAsDouble(Arrays.copyOfRange(x, i * d, (i + 1) * d));
    }
    return y;
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void aQueryOnANodeGetsItsValueAndDuplicatesTheirMean(Method method) {
    int d = 3;
    float[] x = uniform(60 * d);
    // Row 7 duplicates row 3 with another value.
    System.arraycopy(x, 3 * d, x, 7 * d, d);
    float[] y = uniform(60);
    Interpolant f = Interpolant.fit(InterpolantSpec.of(method), x, d, y, 1, workers);
    float[] predicted = f.predict(x, workers);
    for (int i = 0; i < 60; i++) {
      float expected = i == 3 || i == 7 ? (y[3] + y[7]) / 2 : y[i];
      assertEquals(expected, predicted[i], 1e-6, method + " at node " + i);
    }
  }

  @Test
  void uniformKnnIsTheMeanOfTheNearestNodes() {
    int d = 4;
    float[] x = uniform(200 * d);
    float[] y = uniform(200);
    float[] q = uniform(30 * d);
    Interpolant f =
        Interpolant.fit(new InterpolantSpec(Method.KNN, 5, 2, false), x, d, y, 1, workers);
    float[] predicted = f.predict(q, workers);
    for (int i = 0; i < 30; i++) {
      Integer[] order = nearest(x, d, Arrays.copyOfRange(q, i * d, (i + 1) * d), -1);
      double mean = 0;
      for (int r = 0; r < 5; r++) {
        mean += y[order[r]] / 5.0;
      }
      assertEquals(mean, predicted[i], 1e-5, "query " + i);
    }
  }

  @Test
  void softmaxWeighsTheNearestNodesByTheExponentialOfMinusTheirDistance() {
    int d = 3;
    float[] x = uniform(200 * d);
    float[] y = uniform(200);
    float[] q = uniform(30 * d);
    // Spread out, so that the weights differ by orders of magnitude within the eight.
    for (int i = 0; i < x.length; i++) {
      x[i] *= 10;
    }
    for (int i = 0; i < q.length; i++) {
      q[i] *= 10;
    }
    Interpolant f =
        Interpolant.fit(new InterpolantSpec(Method.SOFTMAX, 8, 2, false), x, d, y, 1, workers);
    float[] predicted = f.predict(q, workers);
    for (int i = 0; i < 30; i++) {
      float[] query = Arrays.copyOfRange(q, i * d, (i + 1) * d);
      Integer[] order = nearest(x, d, query, -1);
      double num = 0;
      double den = 0;
      for (int r = 0; r < 8; r++) {
        double d2 = 0;
        for (int c = 0; c < d; c++) {
          double diff = x[order[r] * d + c] - query[c];
          d2 += diff * diff;
        }
        double w = Math.exp(-Math.sqrt(d2));
        num += w * y[order[r]];
        den += w;
      }
      assertEquals(num / den, predicted[i], 1e-4, "query " + i);
    }
  }

  /** Rows by distance to q, ties by row, leaving out row {@code skip}. */
  private static Integer[] nearest(float[] x, int d, float[] q, int skip) {
    int n = x.length / d;
    double[] dist = new double[n];
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < d; c++) {
        double diff = x[j * d + c] - q[c];
        dist[j] += diff * diff;
      }
    }
    return IntStream.range(0, n)
        .filter(j -> j != skip)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j))
        .toArray(Integer[]::new);
  }

  @Test
  void leaveOneOutChoosesTheBestCandidateK() {
    int d = 2;
    int n = 150;
    float[] x = uniform(n * d);
    float[] y = apply(x, d, p -> Math.sin(3 * p[0]) + 0.3 * random().nextGaussian());
    Interpolant f = Interpolant.fit(InterpolantSpec.of(Method.KNN), x, d, y, 1, workers);
    double best = Double.POSITIVE_INFINITY;
    int bestK = 0;
    for (int k : Method.KNN.candidateKs()) {
      double sse = 0;
      for (int i = 0; i < n; i++) {
        Integer[] order = nearest(x, d, Arrays.copyOfRange(x, i * d, (i + 1) * d), i);
        double mean = 0;
        for (int r = 0; r < k; r++) {
          mean += y[order[r]] / (double) k;
        }
        sse += (mean - y[i]) * (mean - y[i]);
      }
      if (sse / n < best - 1e-9) {
        best = sse / n;
        bestK = k;
      }
    }
    assertEquals(bestK, f.spec().k());
    assertEquals(best, f.leaveOneOutError(), 1e-5 * best);
    assertTrue(bestK > 1, "noise calls for averaging");
  }

  @ParameterizedTest
  @EnumSource(
      value = Method.class,
      names = {"LINEAR_SHEPARD"})
  void linearShepardReproducesLinearFunctions(Method method) {
    for (int d : new int[] {1, 2, 5}) {
      float[] x = uniform(400 * d);
      float[] y = apply(x, d, p -> {
        double s = 0.5;
        for (int c = 0; c < p.length; c++) {
          s += (c + 1) * p[c];
        }
        return s;
      });
      Interpolant f = Interpolant.fit(new InterpolantSpec(method, 16, 2, false), x, d, y, 1, workers);
      float[] q = new float[50 * d];
      for (int i = 0; i < q.length; i++) {
        q[i] = random().nextFloat() - 0.5f;
      }
      float[] truth = apply(q, d, p -> {
        double s = 0.5;
        for (int c = 0; c < p.length; c++) {
          s += (c + 1) * p[c];
        }
        return s;
      });
      float[] predicted = f.predict(q, workers);
      for (int i = 0; i < 50; i++) {
        assertEquals(truth[i], predicted[i], 5e-3 * d, "d=" + d + " query " + i);
      }
    }
  }

  @Test
  void voronoiWeightsInterpolateLinearlyOnARegularLine() {
    float[] x = new float[11];
    float[] y = new float[11];
    for (int i = 0; i < 11; i++) {
      x[i] = i;
      y[i] = (float) (i * i);
    }
    Interpolant f = Interpolant.fit(new InterpolantSpec(Method.VORONOI, 6, 2, false), x, 1, y, 1, workers);
    float[] q = {0.3f, 4.5f, 7.9f};
    float[] predicted = f.predict(q, workers);
    for (int i = 0; i < q.length; i++) {
      int lo = (int) Math.floor(q[i]);
      double t = q[i] - lo;
      double expected = (1 - t) * y[lo] + t * y[lo + 1];
      assertEquals(expected, predicted[i], 1e-4, "at " + q[i]);
    }
  }

  @Test
  void globalShepardWeighsEveryNode() {
    int d = 2;
    float[] x = uniform(80 * d);
    float[] y = uniform(80);
    float[] q = uniform(10 * d);
    Interpolant f =
        Interpolant.fit(new InterpolantSpec(Method.SHEPARD, InterpolantSpec.ALL, 3, false), x, d, y, 1, workers);
    float[] predicted = f.predict(q, workers);
    for (int i = 0; i < 10; i++) {
      double num = 0;
      double den = 0;
      for (int j = 0; j < 80; j++) {
        double d2 = 0;
        for (int c = 0; c < d; c++) {
          double diff = q[i * d + c] - x[j * d + c];
          d2 += diff * diff;
        }
        double w = Math.pow(d2, -1.5);
        num += w * y[j];
        den += w;
      }
      assertEquals(num / den, predicted[i], 1e-5);
    }
  }

  @Test
  void modifiedShepardNodesReachOnlyWithinTheirRadius() {
    int d = 2;
    float[] x = uniform(300 * d);
    float[] y = uniform(300);
    Interpolant f =
        Interpolant.fit(new InterpolantSpec(Method.MODIFIED_SHEPARD, 8, 2, false), x, d, y, 1, workers);
    float[] q = uniform(40 * d);
    WeightedNeighbors nb = f.neighbors(q, workers);
    for (int i = 0; i < 40; i++) {
      double sum = 0;
      for (int r = 0; r < nb.count(i); r++) {
        double w = nb.weight(i, r);
        sum += w;
        if (nb.distance(i, r) >= f.radii()[nb.index(i, r)]) {
          assertEquals(0.0, w, "a node beyond its radius has no say");
        }
      }
      assertEquals(1.0, sum, 1e-9);
    }
  }

  @Test
  void rankDeficientNeighbourhoodsStayFinite() {
    int n = 120;
    int d = 4;
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      float a = random().nextFloat();
      x[i * d] = a;
      x[i * d + 1] = a; // a duplicate column
      x[i * d + 2] = 3f; // a constant column
      x[i * d + 3] = random().nextFloat();
    }
    float[] y = apply(x, d, p -> p[0] + 2 * p[3]);
    Interpolant f = Interpolant.fit(InterpolantSpec.of(Method.LINEAR_SHEPARD), x, d, y, 1, workers);
    float[] q = x.clone();
    for (int i = 0; i < q.length; i += d) {
      q[i] += 0.01f;
      q[i + 1] += 0.01f;
    }
    float[] predicted = f.predict(q, workers);
    for (int i = 0; i < n; i++) {
      assertTrue(Float.isFinite(predicted[i]));
      assertEquals(y[i] + 0.01f, predicted[i], 0.05, "row " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void resultsDoNotDependOnTheThreadCount(Method method) {
    int d = 3;
    float[] x = uniform(700 * d);
    float[] y = apply(x, d, p -> Math.cos(3 * p[0]) * p[1] + p[2]);
    float[] q = uniform(300 * d);
    float[] a;
    float[] b;
    try (Workers one = new Workers(1); Workers four = new Workers(4)) {
      a = Interpolant.fit(InterpolantSpec.of(method), x, d, y, 1, one).predict(q, one);
      b = Interpolant.fit(InterpolantSpec.of(method), x, d, y, 1, four).predict(q, four);
    }
    assertArrayEquals(a, b);
  }
}
