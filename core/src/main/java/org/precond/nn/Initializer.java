package org.precond.nn;

import java.util.SplittableRandom;

/** How a network's parameters start. */
public enum Initializer {
  /**
   * The original author's: weight columns of unit length with random signs, orthonormal in groups
   * as large as the fan-in allows; hidden shifts uniform on [−1, 1]; output weights ×0.001 and
   * output shifts 0; slopes 0.001, so every node starts close to a ReLU.
   */
  LUX {
    @Override
    void initialize(Architecture a, float[] p, SplittableRandom random) {
      for (int l = 0; l < a.layers(); l++) {
        orthonormalColumns(a.fanIn(l), a.fanOut(l), p, a.weightOffset(l), random);
        int b = a.biasOffset(l);
        if (a.isHidden(l)) {
          for (int j = 0; j < a.fanOut(l); j++) {
            p[b + j] = (float) random.nextDouble(-1.0, 1.0);
            p[a.slopeOffset(l) + j] = 0.001f;
          }
        } else {
          int w = a.weightOffset(l);
          for (int i = 0; i < a.fanIn(l) * a.fanOut(l); i++) {
            p[w + i] *= 0.001f;
          }
        }
      }
    }
  },
  /**
   * He et al. (2015) for PReLU networks: weights normal with variance 2 / fan-in (1 / fan-in for
   * the linear output), shifts 0, slopes 0.25.
   */
  HE {
    @Override
    void initialize(Architecture a, float[] p, SplittableRandom random) {
      for (int l = 0; l < a.layers(); l++) {
        double std = Math.sqrt((a.isHidden(l) ? 2.0 : 1.0) / a.fanIn(l));
        int w = a.weightOffset(l);
        for (int i = 0; i < a.fanIn(l) * a.fanOut(l); i++) {
          p[w + i] = (float) (std * random.nextGaussian());
        }
        if (a.isHidden(l)) {
          for (int j = 0; j < a.fanOut(l); j++) {
            p[a.slopeOffset(l) + j] = 0.25f;
          }
        }
      }
    }
  };

  abstract void initialize(Architecture architecture, float[] parameters, SplittableRandom random);

  /** Fresh parameters for the architecture, the same for the same seed. */
  public float[] parameters(Architecture architecture, long seed) {
    float[] p = new float[architecture.parameterCount()];
    initialize(architecture, p, new SplittableRandom(seed));
    return p;
  }

  /**
   * Fills the {@code rows × cols} matrix at {@code off} with unit-length columns, orthonormal
   * within each group of {@code rows} consecutive columns (a group can hold no more), each with a
   * random sign.
   */
  static void orthonormalColumns(
      int rows, int cols, float[] p, int off, SplittableRandom random) {
    double[][] group = new double[Math.min(rows, cols)][];
    for (int j0 = 0; j0 < cols; j0 += rows) {
      int size = Math.min(rows, cols - j0);
      for (int q = 0; q < size; q++) {
        double[] v = gaussianOrthogonalTo(group, q, rows, random);
        group[q] = v;
        double sign = random.nextBoolean() ? 1.0 : -1.0;
        for (int i = 0; i < rows; i++) {
          p[off + i * cols + j0 + q] = (float) (sign * v[i]);
        }
      }
    }
  }

  /** A random unit vector orthogonal to the first {@code count} vectors (Gram–Schmidt, twice). */
  private static double[] gaussianOrthogonalTo(
      double[][] basis, int count, int n, SplittableRandom random) {
    while (true) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int q = 0; q < count; q++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += v[i] * basis[q][i];
          }
          for (int i = 0; i < n; i++) {
            v[i] -= dot * basis[q][i];
          }
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (int i = 0; i < n; i++) {
          v[i] /= norm;
        }
        return v;
      }
    }
  }
}
