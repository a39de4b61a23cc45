package org.precond.cli;

import org.precond.concurrent.Workers;
import org.precond.data.Delimiter;
import picocli.CommandLine.Option;

/** Options every command that reads CSV rows and computes shares: the delimiter and threads. */
final class RunOptions {

  @Option(names = "--delimiter", paramLabel = "DELIM", defaultValue = DelimiterConverter.AUTO,
      converter = DelimiterConverter.class,
      description = "Field separator: ',', ';', 'tab', or 'auto' to detect it.")
  Delimiter delimiter;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads; default: all processors. Results do not depend on it.")
  Integer threads;

  /** Workers for {@code --threads}, or for every processor when it is absent. */
  Workers workers() {
    return Threads.workers(threads);
  }
}
