package org.precond.space;

import org.precond.nn.Ensemble;
import org.precond.nn.Mlp;

/** The coordinates in which an interpolant measures distances between rows. */
public enum Space {
  /** The standardised inputs. */
  RAW,
  /** The network's last hidden layer, in which its output is linear. */
  EMBEDDING,
  /**
   * The embedding with each component scaled by the norm of its output weights, so that
   * distances follow what the output actually uses (the original author's refinement).
   */
  WEIGHTED;

  /**
   * Coordinates of rows, row-major {@code rows × dimension}, from their standardised inputs and
   * the network's pass over them (the inputs themselves for {@link #RAW}, not a copy).
   */
  public float[] coordinates(Ensemble network, float[] standardizedInputs, Mlp.Pass pass) {
    return switch (this) {
      case RAW -> standardizedInputs;
      case EMBEDDING -> pass.embedding();
      case WEIGHTED -> {
        float[] scale = network.componentScales();
        float[] e = pass.embedding().clone();
        int w = scale.length;
        for (int i = 0; i < e.length; i++) {
          e[i] *= scale[i % w];
        }
        yield e;
      }
    };
  }

  public int dimension(Ensemble network) {
    return this == RAW ? network.inputs() : network.embeddingWidth();
  }

  /** The name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
