package org.precond.evaluate;

import org.precond.metrics.ClassificationMetrics;

/**
 * How one way of classifying with a model did on held-out rows.
 *
 * @param name the estimator, as described to the user
 * @param metrics accuracy, log loss, Brier score, calibration error and macro F1
 * @param level nominal coverage of the prediction sets
 * @param coverage share of rows whose set holds their class; NaN without calibration
 * @param setSize mean number of classes in a set; NaN without calibration
 */
public record ClassifierScores(
    String name, ClassificationMetrics metrics, double level, double coverage, double setSize) {}
