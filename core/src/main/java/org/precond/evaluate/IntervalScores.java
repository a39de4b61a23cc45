package org.precond.evaluate;

/**
 * How a way of building intervals and predictive distributions did on held-out rows, pooled over
 * targets.
 *
 * @param name the estimator and difficulty, or the Gaussian baseline
 * @param level nominal coverage of the intervals
 * @param coverage share of held-out targets inside their interval
 * @param width mean interval width, in the targets' units
 * @param crps mean continuous ranked probability score of the predictive distribution
 * @param pinball mean pinball loss over the quantiles 0.05, 0.25, 0.5, 0.75, 0.95
 */
public record IntervalScores(
    String name, double level, double coverage, double width, double crps, double pinball) {

  static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
}
