package org.precond.model;

/**
 * The rows a model keeps, in their own units: the training rows (which its predictor
 * interpolates, and which explanations show as given) with their row numbers in the data the
 * model was fitted on, and the calibration rows (which recalibrate a refitted predictor). Blocks are
 * row-major; they are never modified.
 *
 * @param trainingFeatures {@code n × features}
 * @param trainingTargets {@code n × targets}
 * @param trainingRowNumbers per training row, its 0-based row in the fitted data
 * @param calibrationFeatures {@code m × features}, m = 0 for an uncalibrated model
 * @param calibrationTargets {@code m × targets}
 */
public record KeptRows(
    float[] trainingFeatures,
    float[] trainingTargets,
    int[] trainingRowNumbers,
    float[] calibrationFeatures,
    float[] calibrationTargets) {

  public KeptRows {
    int n = trainingRowNumbers.length;
    if (n == 0
        || trainingFeatures.length % n != 0
        || trainingTargets.length % n != 0
        || (calibrationFeatures.length == 0) != (calibrationTargets.length == 0)) {
      throw new IllegalArgumentException("training and calibration rows do not match");
    }
  }

  public int training() {
    return trainingRowNumbers.length;
  }

  /** Number of calibration rows, given the number of targets. */
  public int calibration(int targets) {
    return calibrationTargets.length / targets;
  }
}
