package org.precond.model;

import java.util.EnumMap;
import java.util.Map;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;

/**
 * A model's split-conformal calibration for its estimator, in standardised target units: per
 * difficulty and target the calibration scores, the difficulty estimator they were scored with,
 * and the root mean square of the network's own residuals on the calibration rows (the Gaussian
 * interval a user would otherwise build).
 */
record Calibration(
    Map<Difficulty, ConformalCalibration[]> byDifficulty,
    DifficultyEstimator difficulty,
    double[] networkSigma,
    int rows) {

  Calibration {
    byDifficulty = new EnumMap<>(byDifficulty);
  }

  ConformalCalibration get(Difficulty kind, int target) {
    return byDifficulty.get(kind)[target];
  }
}
