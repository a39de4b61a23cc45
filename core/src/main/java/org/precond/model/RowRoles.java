package org.precond.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.precond.train.MlpTrainer;

/**
 * Which of the rows given to fit do what, drawn from the seed: rows held out of everything to
 * calibrate (split conformal, when asked for), and among the others — the training rows — the
 * validation rows, which the network does not train on (none when they would be fewer than
 * {@link MlpTrainer#MIN_VALIDATION_ROWS}). Kept rows are the training rows in their
 * given order, then the held-out rows.
 *
 * @param kept the given rows' indices in kept order
 * @param nodes how many of them are training rows
 * @param validation ascending indices, among the kept rows, of the validation rows
 */
record RowRoles(int[] kept, int nodes, int[] validation) {

  /** Sets the stream that draws the roles apart from the others the seed drives. */
  private static final long STREAM = 0x0A11_0CA7_E5L;

  static RowRoles draw(int rows, double calibration, double validation, long seed) {
    int held = (int) Math.round(rows * calibration);
    int training = rows - held;
    int checked = (int) Math.round(training * validation);
    if (checked < MlpTrainer.MIN_VALIDATION_ROWS) {
      // Too few to choose parameters or a predictor by, or to calibrate: they all train.
      checked = 0;
    }
    if (training - checked < 2 || (calibration > 0 && held < 1)) {
      throw new IllegalArgumentException(
          "too few rows (" + rows + ") for a calibration share of " + calibration
              + " and a validation share of " + validation);
    }
    int[] order = new int[rows];
    Arrays.setAll(order, i -> i);
    SplittableRandom random = new SplittableRandom(seed ^ STREAM);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] heldRows = Arrays.copyOfRange(order, 0, held);
    int[] trainingRows = Arrays.copyOfRange(order, held, rows);
    boolean[] isValidation = new boolean[rows];
    for (int i = held; i < held + checked; i++) {
      isValidation[order[i]] = true;
    }
    Arrays.sort(heldRows);
    Arrays.sort(trainingRows);
    int[] kept = new int[rows];
    System.arraycopy(trainingRows, 0, kept, 0, training);
    System.arraycopy(heldRows, 0, kept, training, held);
    int[] validationIndices = new int[checked];
    for (int i = 0, v = 0; i < training; i++) {
      if (isValidation[trainingRows[i]]) {
        validationIndices[v++] = i;
      }
    }
    return new RowRoles(kept, training, validationIndices);
  }
}
