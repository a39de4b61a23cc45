package org.precond.model;

/**
 * A way of predicting that fitting considered, and its error on the validation rows.
 *
 * @param spec how it predicts, k given
 * @param error mean squared error on the validation rows, in standardised target units (1 is
 *     the error of always predicting the mean)
 */
public record Candidate(PredictorSpec spec, double error) {}
