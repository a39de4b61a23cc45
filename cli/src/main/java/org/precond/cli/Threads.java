package org.precond.cli;

import org.precond.concurrent.Workers;

/** The {@code --threads} option's meaning: a positive count, or all processors when absent. */
final class Threads {

  private Threads() {}

  static Workers workers(Integer threads) {
    if (threads == null) {
      return Workers.forAvailableProcessors();
    }
    if (threads < 1) {
      throw new UsageException("--threads must be at least 1, got " + threads);
    }
    return new Workers(threads);
  }
}
