package org.precond.metrics;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Scores of predictive distributions and intervals against observations. */
public final class DistributionMetrics {

  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

  private DistributionMetrics() {}

  /** Pinball (quantile) loss of predicting quantile {@code q} at level {@code tau} for {@code y}. */
  public static double pinball(double y, double q, double tau) {
    return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
  }

  /** CRPS of a normal distribution N(mu, sigma²) at {@code y} (closed form). */
  public static double gaussianCrps(double y, double mu, double sigma) {
    double z = (y - mu) / sigma;
    return sigma
        * (z * (2 * STANDARD.cumulativeProbability(z) - 1)
            + 2 * STANDARD.density(z)
            - 1 / Math.sqrt(Math.PI));
  }

  /** The standard normal quantile at {@code p}. */
  public static double normalQuantile(double p) {
    return STANDARD.inverseCumulativeProbability(p);
  }
}
