package org.precond.train;

/** How the learning rate moves over the steps of a run. */
public enum Schedule {
  /** The same rate throughout. */
  CONSTANT,
  /** Half a cosine from the full rate down to a hundredth of it at the last step. */
  COSINE;

  /** The rate at {@code step} (0-based) of {@code steps}, starting from {@code base}. */
  double rate(double base, int step, int steps) {
    return switch (this) {
      case CONSTANT -> base;
      case COSINE -> {
        double progress = steps <= 1 ? 0 : Math.min(1.0, step / (double) (steps - 1));
        double floor = base / 100;
        yield floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
      }
    };
  }
}
