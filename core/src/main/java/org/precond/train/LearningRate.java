package org.precond.train;

/** A base learning rate and its schedule over a run of {@code steps} steps. */
record LearningRate(double base, Schedule schedule, int steps) {

  double at(int step) {
    return schedule.rate(base, step, steps);
  }
}
