package org.precond.model;

import org.precond.train.TrainingListener;

/**
 * Hears how a fit goes: each training step, as a {@link TrainingListener}, then the long steps
 * after training — building the neighbour graph, choosing the predictor, calibrating — each told
 * when it starts ({@code done = 0}), as it goes where it can count its work, and when it ends
 * ({@code done = total}).
 */
public interface FitListener extends TrainingListener {

  /** Progress of the step {@code task}, a phrase such as "calibrating on 10,000 rows". */
  void onWork(String task, long done, long total);

  /** {@code listener} as a fit listener: itself when it is one, else deaf to the later steps. */
  static FitListener of(TrainingListener listener) {
    if (listener instanceof FitListener fit) {
      return fit;
    }
    return new FitListener() {
      @Override
      public void onStep(int step, int steps, double loss, double validationLoss) {
        listener.onStep(step, steps, loss, validationLoss);
      }

      @Override
      public void onWork(String task, long done, long total) {}
    };
  }
}
