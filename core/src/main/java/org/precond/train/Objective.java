package org.precond.train;

/** What a network is trained for. */
public enum Objective {
  /** The mean squared error of its linear output layer. */
  LINEAR,
  /**
   * The mean squared error of a soft nearest-neighbour prediction in its last hidden layer
   * (ModernNCA), the embedding the interpolants predict in; the output layer does not train.
   */
  NEIGHBORS,
  /** Half of each: the output stays a predictor and the embedding is shaped for neighbours. */
  BOTH
}
