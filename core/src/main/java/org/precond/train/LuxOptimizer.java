package org.precond.train;

import org.precond.nn.Architecture;

/**
 * The original author's optimiser. Momentum and a variance of the gradient about it:
 * {@code m ← a·g + (1−a)·m}, {@code v ← b·(m−g)² + (1−b)·v} (floored at float32 machine
 * epsilon), step {@code s·m/√v} without bias correction. The three rates start at s = 0.001, a =
 * 0.1, b = 0.01 and all grow ×1.001 after a step whose loss did not rise, shrink ×0.999 after one
 * whose loss did. After each step every hidden weight matrix is divided by its largest column
 * norm, which keeps the hidden weights bounded while the step size grows. The momentum and
 * variance rates are capped at 1: past that the averages would extrapolate instead of average.
 */
final class LuxOptimizer implements Optimizer {

  private static final float FLOOR = Math.ulp(1f);

  private final Architecture architecture;
  private final float[] m;
  private final float[] v;
  private double s;
  private double a = 0.1;
  private double b = 0.01;
  private double previousLoss = Double.POSITIVE_INFINITY;

  LuxOptimizer(Architecture architecture, double initialStep) {
    this.architecture = architecture;
    this.m = new float[architecture.parameterCount()];
    this.v = new float[architecture.parameterCount()];
    this.s = initialStep;
  }

  @Override
  public void step(float[] p, float[] g, double loss) {
    double factor = loss <= previousLoss ? 1.001 : 0.999;
    previousLoss = loss;
    float fa = (float) a;
    float fb = (float) b;
    float fs = (float) s;
    for (int i = 0; i < p.length; i++) {
      float gi = g[i];
      float mi = fa * gi + (1 - fa) * m[i];
      float d = mi - gi;
      float vi = Math.max(fb * d * d + (1 - fb) * v[i], FLOOR);
      m[i] = mi;
      v[i] = vi;
      p[i] -= fs * mi / (float) Math.sqrt(vi);
    }
    s *= factor;
    a = Math.min(1.0, a * factor);
    b = Math.min(1.0, b * factor);
    normalizeHiddenLayers(p);
  }

  private void normalizeHiddenLayers(float[] p) {
    for (int l = 0; l < architecture.depth(); l++) {
      int rows = architecture.fanIn(l);
      int cols = architecture.fanOut(l);
      int off = architecture.weightOffset(l);
      double largest = 0;
      for (int j = 0; j < cols; j++) {
        double norm = 0;
        for (int i = 0; i < rows; i++) {
          float w = p[off + i * cols + j];
          norm += (double) w * w;
        }
        largest = Math.max(largest, norm);
      }
      if (largest > 0) {
        float scale = (float) (1.0 / Math.sqrt(largest));
        for (int i = 0; i < rows * cols; i++) {
          p[off + i] *= scale;
        }
      }
    }
  }
}
