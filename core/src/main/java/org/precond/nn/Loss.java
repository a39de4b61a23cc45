package org.precond.nn;

/** What a network's outputs are trained to minimise against its targets. */
public enum Loss {
  /** Mean squared error over every output: regression on standardised targets. */
  SQUARED_ERROR,
  /**
   * Mean cross-entropy of the softmax of the outputs against one-hot targets (one output per
   * class): classification.
   */
  CROSS_ENTROPY
}
