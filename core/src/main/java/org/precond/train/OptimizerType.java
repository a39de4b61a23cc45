package org.precond.train;

/** The optimisers a {@link MlpTrainer} can use. */
public enum OptimizerType {
  /** Adam with bias correction; the default. */
  ADAM(0.01),
  /** The original author's adaptive variant ({@link LuxOptimizer}); the rate is its start step. */
  LUX(0.001);

  private final double defaultRate;

  OptimizerType(double defaultRate) {
    this.defaultRate = defaultRate;
  }

  /** The learning rate used when none is given. */
  public double defaultRate() {
    return defaultRate;
  }
}
