package org.precond.train;

/** Hears of a training run's progress, e.g. to draw a progress bar. */
@FunctionalInterface
public interface TrainingListener {

  TrainingListener NONE = (step, steps, loss, validationLoss) -> {};

  /**
   * Called after the loss of step {@code step} (0-based) of {@code steps} is known.
   *
   * @param validationLoss the latest validation loss, NaN when there is none
   */
  void onStep(int step, int steps, double loss, double validationLoss);
}
