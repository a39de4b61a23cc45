package org.precond.model;

import java.time.Instant;
import java.util.List;
import org.precond.Version;
import org.precond.kernel.Kernels;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingHistory;

/**
 * How a model was made: the training configuration (seed included), the share of rows held out
 * for calibration, how training went, a fingerprint of the data it was given, and the library,
 * Java runtime, platform and kernels that made it, and when.
 *
 * @param training the network's training configuration; its thread count is not kept in files
 * @param calibrationFraction share of the given rows held out to calibrate
 * @param histories per network of the ensemble, the loss history and how training ended
 * @param dataFingerprint {@link org.precond.io.DataFingerprint} of every row given to fit
 * @param libraryVersion precond's version
 * @param javaVersion the Java runtime's version
 * @param platform operating system and architecture
 * @param kernels the kernel set that trained the network
 * @param created when fitting finished
 * @param candidates the ways of predicting fitting chose among, best first (empty when the
 *     predictor was given)
 */
public record Provenance(
    TrainingConfig training,
    double calibrationFraction,
    List<TrainingHistory> histories,
    String dataFingerprint,
    String libraryVersion,
    String javaVersion,
    String platform,
    String kernels,
    Instant created,
    List<Candidate> candidates) {

  public Provenance {
    histories = List.copyOf(histories);
    candidates = List.copyOf(candidates);
    if (histories.isEmpty()) {
      throw new IllegalArgumentException("a model has at least one trained network");
    }
  }

  /** How the (first) network's training went. */
  public TrainingHistory history() {
    return histories.get(0);
  }

  /** The provenance of a model fitted now, in this runtime. */
  static Provenance now(
      TrainingConfig training, double calibrationFraction, List<TrainingHistory> histories,
      String dataFingerprint, List<Candidate> candidates) {
    return new Provenance(
        training,
        calibrationFraction,
        histories,
        dataFingerprint,
        Version.current(),
        System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Kernels.get().name(),
        Instant.now(),
        candidates);
  }
}
