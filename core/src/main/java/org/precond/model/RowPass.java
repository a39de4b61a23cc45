package org.precond.model;

import org.precond.concurrent.Workers;
import org.precond.nn.Ensemble;
import org.precond.nn.Mlp;
import org.precond.space.Space;

/**
 * Rows as a model sees them: their standardised inputs and the network's pass over them (the
 * embedding and the output). One pass serves every predictor of models that share the network,
 * so comparing predictors embeds each set of rows once.
 */
public final class RowPass {

  private final Ensemble network;
  private final float[] inputs;
  private final Mlp.Pass pass;

  private RowPass(Ensemble network, float[] inputs, Mlp.Pass pass) {
    this.network = network;
    this.inputs = inputs;
    this.pass = pass;
  }

  /**
   * @param probabilities whether the outputs are class logits, kept as their softmax
   */
  static RowPass of(
      Ensemble network, float[] standardizedInputs, boolean probabilities, Workers workers) {
    Mlp.Pass pass = network.forward(standardizedInputs, workers);
    if (probabilities) {
      softmax(pass.output(), network.architecture().outputs());
    }
    return new RowPass(network, standardizedInputs, pass);
  }

  /** Each row of logits replaced by its softmax, in place. */
  static void softmax(float[] logits, int classes) {
    for (int at = 0; at < logits.length; at += classes) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[at + c]);
      }
      double total = 0;
      for (int c = 0; c < classes; c++) {
        total += Math.exp(logits[at + c] - max);
      }
      for (int c = 0; c < classes; c++) {
        logits[at + c] = (float) (Math.exp(logits[at + c] - max) / total);
      }
    }
  }

  public int rows() {
    return inputs.length / network.inputs();
  }

  /**
   * The network's outputs, standardised (a classifier's: class probabilities), row-major {@code
   * rows × targets}.
   */
  float[] output() {
    return pass.output();
  }

  /** The last hidden layer, row-major {@code rows × width}. */
  public float[] embedding() {
    return pass.embedding();
  }

  /** The rows in {@code space}, row-major. */
  public float[] coordinates(Space space) {
    return space.coordinates(network, inputs, pass);
  }

  /** Rows {@code rows} of this pass, as if they alone had gone through the network. */
  RowPass select(int[] rows) {
    return new RowPass(
        network,
        KeptRows.gather(inputs, network.inputs(), rows),
        new Mlp.Pass(
            KeptRows.gather(pass.embedding(), network.embeddingWidth(), rows),
            KeptRows.gather(pass.output(), network.architecture().outputs(), rows)));
  }

  /** Whether this pass went through {@code other}'s network (so its outputs serve it). */
  boolean madeBy(Ensemble other) {
    return network == other;
  }
}
