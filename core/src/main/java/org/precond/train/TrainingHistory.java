package org.precond.train;

/**
 * What happened during a training run: the loss of every step (mean squared error in
 * standardised units, on that step's batch), the validation checks, and which parameters were
 * kept.
 *
 * @param loss the batch loss at each step that ran
 * @param validationSteps the steps at which the validation loss was measured
 * @param validationLoss the validation loss at each of those steps
 * @param bestStep the step whose parameters were kept (the step count if the final ones were)
 * @param bestLoss the monitored loss of the kept parameters: validation loss if there was a
 *     validation split, else the full-batch training loss; NaN if neither was monitored
 * @param reason why the run ended
 * @param message a sentence for the user saying how the run ended
 * @param seconds wall-clock duration
 */
public record TrainingHistory(
    float[] loss,
    int[] validationSteps,
    float[] validationLoss,
    int bestStep,
    double bestLoss,
    StopReason reason,
    String message,
    double seconds) {}
