package org.precond.report;

import org.precond.train.TrainingHistory;

/**
 * How training went: the loss at each step (every few steps for long runs), the validation
 * checks, and the step whose parameters the model kept. Steps count updates from 0, as the
 * training summary does: step s is the loss of the parameters after s updates.
 *
 * @param steps the steps of the points in {@code loss}
 * @param loss the training loss (mean squared error in standardised units) at those steps
 * @param validationSteps the steps at which the validation loss was measured
 * @param validationLoss the validation loss at those steps
 * @param keptStep the step whose parameters were kept, -1 if none was singled out
 */
public record LossCurve(
    int[] steps, float[] loss, int[] validationSteps, float[] validationLoss, int keptStep) {

  /** The curve of a training history, thinned evenly to at most about {@code maxPoints} steps. */
  public static LossCurve of(TrainingHistory history, int maxPoints) {
    float[] all = history.loss();
    int stride = Math.max(1, (all.length + maxPoints - 1) / maxPoints);
    int count = (all.length + stride - 1) / stride;
    // The final step always shows: it is where the curve ends.
    boolean lastMissing = all.length > 0 && (all.length - 1) % stride != 0;
    int points = lastMissing ? count + 1 : count;
    int[] steps = new int[points];
    float[] loss = new float[points];
    for (int i = 0; i < count; i++) {
      steps[i] = i * stride;
      loss[i] = all[i * stride];
    }
    if (lastMissing) {
      steps[count] = all.length - 1;
      loss[count] = all[all.length - 1];
    }
    return new LossCurve(
        steps,
        loss,
        history.validationSteps().clone(),
        history.validationLoss().clone(),
        history.bestStep());
  }
}
