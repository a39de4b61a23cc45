package org.precond.evaluate;

import org.precond.metrics.RegressionMetrics;
import org.precond.model.PredictorSpec;

/**
 * One estimator's results on held-out rows.
 *
 * @param estimator how it predicted, with k as chosen
 * @param metrics per target column
 * @param seconds time to fit the interpolant and predict
 */
public record EvaluationRow(PredictorSpec estimator, RegressionMetrics metrics, double seconds) {}
