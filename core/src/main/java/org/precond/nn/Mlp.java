package org.precond.nn;

import java.util.Arrays;
import org.precond.concurrent.Workers;

/**
 * A trained (or freshly initialised) PReLU multilayer perceptron: hidden layers {@code z = Wᵀx +
 * b}, {@code a = z > 0 ? z : slope · z} with a learnable slope per node, and a linear output. It
 * works in standardised units; {@link #embed} gives the post-activation of the last hidden layer,
 * in which the output is linear.
 */
public final class Mlp {

  private final Architecture architecture;
  private final float[] parameters;

  /** A network with the given parameters, laid out as {@link Architecture} describes (copied). */
  public Mlp(Architecture architecture, float[] parameters) {
    if (parameters.length != architecture.parameterCount()) {
      throw new IllegalArgumentException(
          "network "
              + architecture
              + " has "
              + architecture.parameterCount()
              + " parameters, got "
              + parameters.length);
    }
    this.architecture = architecture;
    this.parameters = parameters.clone();
  }

  public static Mlp initialize(Architecture architecture, Initializer initializer, long seed) {
    return new Mlp(architecture, initializer.parameters(architecture, seed));
  }

  public Architecture architecture() {
    return architecture;
  }

  /** A copy of every parameter, in {@link Architecture}'s layout. */
  public float[] parameters() {
    return parameters.clone();
  }

  /** The output layer's weight matrix, {@code width × outputs}, row-major (a copy). */
  public float[] outputWeights() {
    int off = architecture.weightOffset(architecture.depth());
    return Arrays.copyOfRange(
        parameters, off, off + architecture.width() * architecture.outputs());
  }

  /**
   * The last hidden layer and the output of row-major inputs ({@code rows × inputs}), from one
   * pass.
   *
   * @param embedding post-activations of the last hidden layer, row-major {@code rows × width}
   * @param output the network's outputs, row-major {@code rows × outputs}
   */
  public record Pass(float[] embedding, float[] output) {}

  /** Outputs for row-major inputs ({@code rows × inputs}), row-major {@code rows × outputs}. */
  public float[] predict(float[] x, Workers workers) {
    return forward(x, workers).output();
  }

  /** The last hidden layer for row-major inputs, row-major {@code rows × width}. */
  public float[] embed(float[] x, Workers workers) {
    return forward(x, workers).embedding();
  }

  /** The embedding and the output of row-major inputs from one forward pass. */
  public Pass forward(float[] x, Workers workers) {
    return Ensemble.of(this).forward(NetworkInputs.of(x, architecture.inputs()), workers);
  }

  /** The parameters themselves, for passes in this package, which never change them. */
  float[] parametersInPlace() {
    return parameters;
  }
}
