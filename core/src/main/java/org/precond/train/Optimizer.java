package org.precond.train;

/** Turns a gradient into a parameter update, one step at a time. */
interface Optimizer {

  /**
   * Updates {@code parameters} in place.
   *
   * @param gradient the gradient of the loss at the current parameters
   * @param loss the loss at the current parameters (some optimisers adapt to its trend)
   */
  void step(float[] parameters, float[] gradient, double loss);
}
