package org.precond.conformal;

/**
 * How a conformal prediction set scores a class against a row's class probabilities: the lower,
 * the more the class belongs in the set.
 */
public enum SetScore {
  /** One minus the class's probability: the smallest sets on average (Sadinle et al., 2019). */
  PLAIN("plain"),
  /**
   * The probability mass of the classes at least as probable as this one: sets that grow where
   * the model is unsure (adaptive prediction sets, Romano, Sesia & Candès, 2020; not randomised).
   */
  ADAPTIVE("adaptive");

  private final String label;

  SetScore(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The score of class {@code c} given one row's probabilities {@code p[at .. at+classes)}. */
  double score(float[] p, int at, int classes, int c) {
    if (this == PLAIN) {
      return 1 - (double) p[at + c];
    }
    double mass = 0;
    float own = p[at + c];
    for (int j = 0; j < classes; j++) {
      // Ties count as at least as probable, so that the score is the same whatever the order.
      if (p[at + j] >= own) {
        mass += p[at + j];
      }
    }
    return mass;
  }
}
