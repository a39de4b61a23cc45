package org.precond.nn;

import java.util.List;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;

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

  /**
   * The members' embeddings side by side and their mean output for row-major inputs {@code rows ×
   * inputs()}.
   */
  public Mlp.Pass forward(float[] x, Workers workers) {
    return forward(inputs(x), workers);
  }

  /** Row-major inputs {@code rows × inputs()} as the members read them: encoded, if they are. */
  public NetworkInputs inputs(float[] x) {
    return encoding == null ? NetworkInputs.of(x, architecture.inputs()) : encoding.inputs(x);
  }

  /**
   * The members' embeddings side by side and their mean output. The rows go through in blocks,
   * each gathered (and encoded) once for every member, and each member's embedding is written
   * straight into its place; a block's rows give the same values whatever block they are in.
   */
  Mlp.Pass forward(NetworkInputs x, Workers workers) {
    if (x.width() != architecture.inputs()) {
      throw new IllegalArgumentException(
          "inputs " + x.width() + " wide do not feed " + architecture);
    }
    int rows = x.rows();
    int o = architecture.outputs();
    int width = embeddingWidth();
    float[] embedding = new float[Math.multiplyExact(rows, width)];
    float[] output = new float[Math.multiplyExact(rows, o)];
    if (rows == 0) {
      return new Mlp.Pass(embedding, output);
    }
    Kernels kernels = Kernels.get();
    BlockPass[] passes = new BlockPass[workers.threads()];
    int cols = BlockPass.columnsFor(rows);
    int blocks = (rows + cols - 1) / cols;
    int count = members.size();
    // A single network's output is its own; a mean adds the members' to zeros in their order.
    float scale = 1f / count;
    workers.forEach(
        blocks,
        (worker, b) -> {
          if (passes[worker] == null) {
            passes[worker] = new BlockPass(architecture, kernels);
          }
          BlockPass pass = passes[worker];
          int start = b * cols;
          pass.load(x, null, start, Math.min(cols, rows - start), cols);
          for (int m = 0; m < count; m++) {
            pass.forward(members.get(m).parametersInPlace());
            pass.copyEmbedding(embedding, start, width, m * architecture.width());
            if (count == 1) {
              pass.copyOutput(output, start);
            } else {
              pass.addOutput(output, start);
            }
          }
          if (count > 1) {
            for (int i = start * o, end = (start + pass.rows()) * o; i < end; i++) {
              output[i] *= scale;
            }
          }
        });
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
    return encoding == null
        ? shape
        : shape + " (inputs encoded piecewise-linearly, at most " + encoding.bins() + " bins)";
  }
}
