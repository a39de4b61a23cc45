package org.precond.nn;

/**
 * The shape of a network, "W × L": {@code depth} hidden PReLU layers each {@code width} wide
 * between {@code inputs} and a linear layer of {@code outputs}; and where each parameter lives in
 * the one flat array that holds them all.
 *
 * <p>Layer {@code l} ({@code 0 ≤ l ≤ depth}; {@code depth} is the output layer) stores its weights
 * as a {@code fanIn(l) × fanOut(l)} row-major matrix (column {@code j} is the weight vector of
 * node {@code j}), then its shifts, then, for hidden layers, its negative-side slopes.
 */
public record Architecture(int inputs, int width, int depth, int outputs) {

  public Architecture {
    if (inputs < 1 || width < 1 || depth < 1 || outputs < 1) {
      throw new IllegalArgumentException(
          "a network needs at least one input, output, hidden layer and node per layer; got "
              + this);
    }
  }

  /** Number of layers with weights: the hidden ones and the output layer. */
  public int layers() {
    return depth + 1;
  }

  public boolean isHidden(int layer) {
    return layer < depth;
  }

  public int fanIn(int layer) {
    return layer == 0 ? inputs : width;
  }

  public int fanOut(int layer) {
    return layer == depth ? outputs : width;
  }

  public int weightOffset(int layer) {
    int offset = 0;
    for (int l = 0; l < layer; l++) {
      offset += layerSize(l);
    }
    return offset;
  }

  public int biasOffset(int layer) {
    return weightOffset(layer) + fanIn(layer) * fanOut(layer);
  }

  /** Offset of the PReLU slopes of a hidden layer. */
  public int slopeOffset(int layer) {
    if (!isHidden(layer)) {
      throw new IllegalArgumentException("the output layer is linear; it has no slopes");
    }
    return biasOffset(layer) + fanOut(layer);
  }

  private int layerSize(int layer) {
    int n = (fanIn(layer) + 1) * fanOut(layer);
    return isHidden(layer) ? n + fanOut(layer) : n;
  }

  public int parameterCount() {
    return weightOffset(layers());
  }

  @Override
  public String toString() {
    return inputs + " → " + width + " × " + depth + " → " + outputs;
  }
}
