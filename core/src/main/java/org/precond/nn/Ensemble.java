package org.precond.nn;

import java.util.List;
import org.precond.concurrent.Workers;

/**
 * One or more networks of the same shape trained from different seeds, used as one: the output is
 * the mean of theirs, and the embedding is theirs side by side ({@code size() × width} wide), so
 * that the output is still linear in the embedding and distances there add up the members'. A
 * single network is an ensemble of one, with exactly its own embedding and output.
 */
public final class Ensemble {

  private final List<Mlp> members;
  private final Architecture architecture;
  private final PiecewiseLinearEncoding encoding;

  public Ensemble(List<Mlp> members) {
    this(members, null);
  }

  /**
   * @param encoding what the members' inputs are made of, or null when they take the inputs as
   *     they are
   */
  public Ensemble(List<Mlp> members, PiecewiseLinearEncoding encoding) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one network");
    }
    this.members = List.copyOf(members);
    this.architecture = members.get(0).architecture();
    for (Mlp m : members) {
      if (!m.architecture().equals(architecture)) {
        throw new IllegalArgumentException(
            "an ensemble's networks share one shape; got " + architecture + " and "
                + m.architecture());
      }
    }
    if (encoding != null && encoding.width() != architecture.inputs()) {
      throw new IllegalArgumentException(
          "an encoding of width " + encoding.width() + " does not feed " + architecture);
    }
    this.encoding = encoding;
  }

  /** An ensemble of one. */
  public static Ensemble of(Mlp network) {
    return new Ensemble(List.of(network));
  }

  /** How many inputs it takes (before any encoding). */
  public int inputs() {
    return encoding == null ? architecture.inputs() : encoding.inputs();
  }

  /** The encoding of the inputs, or null. */
  public PiecewiseLinearEncoding encoding() {
    return encoding;
  }

  /** The members' shape (their inputs are the encoded ones). */
  public Architecture architecture() {
    return architecture;
  }

  public List<Mlp> members() {
    return members;
  }

  public int size() {
    return members.size();
  }

  /** The embedding's width: the members' widths side by side. */
  public int embeddingWidth() {
    return members.size() * architecture.width();
  }

  /** The members' embeddings side by side and their mean output, from one pass each. */
  public Mlp.Pass forward(float[] x, Workers workers) {
    if (encoding != null) {
      x = encoding.encode(x);
    }
    if (members.size() == 1) {
      return members.get(0).forward(x, workers);
    }
    int rows = x.length / architecture.inputs();
    int w = architecture.width();
    int o = architecture.outputs();
    int width = embeddingWidth();
    float[] embedding = new float[rows * width];
    float[] output = new float[rows * o];
    for (int m = 0; m < members.size(); m++) {
      Mlp.Pass pass = members.get(m).forward(x, workers);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(pass.embedding(), r * w, embedding, r * width + m * w, w);
      }
      float[] out = pass.output();
      for (int i = 0; i < output.length; i++) {
        output[i] += out[i];
      }
    }
    float scale = 1f / members.size();
    for (int i = 0; i < output.length; i++) {
      output[i] *= scale;
    }
    return new Mlp.Pass(embedding, output);
  }

  /** The embedding of row-major inputs, row-major {@code rows × embeddingWidth()}. */
  public float[] embed(float[] x, Workers workers) {
    return forward(x, workers).embedding();
  }

  /**
   * Per embedding component, the Euclidean norm of its weights into the mean output: what the
   * output uses of it.
   */
  public float[] componentScales() {
    int w = architecture.width();
    int o = architecture.outputs();
    float[] scale = new float[embeddingWidth()];
    for (int m = 0; m < members.size(); m++) {
      float[] weights = members.get(m).outputWeights();
      for (int j = 0; j < w; j++) {
        double s = 0;
        for (int k = 0; k < o; k++) {
          s += (double) weights[j * o + k] * weights[j * o + k];
        }
        scale[m * w + j] = (float) (Math.sqrt(s) / members.size());
      }
    }
    return scale;
  }

  @Override
  public String toString() {
    String shape =
        members.size() == 1 ? architecture.toString() : members.size() + " × " + architecture;
    return encoding == null ? shape : shape + " (inputs encoded piecewise-linearly)";
  }
}
