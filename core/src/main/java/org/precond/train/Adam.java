package org.precond.train;

/**
 * Adam (Kingma & Ba, 2015) with bias correction, and decoupled weight decay of the parameters
 * marked for it (AdamW, Loshchilov & Hutter, 2019): each step first shrinks them by the factor
 * {@code 1 − rate · decay}.
 */
final class Adam implements Optimizer {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final LearningRate rate;
  private final double decay;
  private final boolean[] decayed;
  private final float[] m;
  private final float[] v;
  private int t;

  Adam(int parameters, LearningRate rate) {
    this(parameters, rate, 0, null);
  }

  /** @param decayed which parameters decay (null: none) */
  Adam(int parameters, LearningRate rate, double decay, boolean[] decayed) {
    this.rate = rate;
    this.decay = decay;
    this.decayed = decayed;
    this.m = new float[parameters];
    this.v = new float[parameters];
  }

  @Override
  public void step(float[] p, float[] g, double loss) {
    t++;
    double lr = rate.at(t - 1);
    // Bias corrections folded into the step size, as in the paper's efficient form.
    float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    float eps = (float) (EPSILON * Math.sqrt(1 - Math.pow(BETA2, t)));
    if (decay > 0 && decayed != null) {
      float shrink = (float) (1 - lr * decay);
      for (int i = 0; i < p.length; i++) {
        if (decayed[i]) {
          p[i] *= shrink;
        }
      }
    }
    for (int i = 0; i < p.length; i++) {
      float gi = g[i];
      float mi = b1 * m[i] + (1 - b1) * gi;
      float vi = b2 * v[i] + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= stepSize * mi / ((float) Math.sqrt(vi) + eps);
    }
  }
}
