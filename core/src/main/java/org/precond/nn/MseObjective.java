package org.precond.nn;

import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;

/**
 * The mean squared error of a network over rows of a data set (or, for classes, the mean
 * cross-entropy of its softmax: {@link Loss}), and its gradient. Rows are cut
 * into blocks whose size depends only on how many rows are asked for; each block's gradient is
 * computed on its own and the blocks are added in order, so the result is bit-identical whatever
 * the number of threads.
 */
public final class MseObjective {


  private final Architecture architecture;
  private final NetworkInputs x;
  private final float[] y;
  private final int rows;
  private final Workers workers;
  private final BlockPass[] passes;
  private final Kernels kernels;
  private final Loss loss;
  private float[][] blockGradients = new float[0][];
  private double[] blockErrors = new double[0];

  /**
   * @param x the rows' inputs, {@code architecture.inputs()} wide
   * @param y targets, row-major, {@code rows × architecture.outputs()}
   */
  public MseObjective(Architecture architecture, NetworkInputs x, float[] y, Workers workers) {
    this(architecture, x, y, workers, Kernels.get(), Loss.SQUARED_ERROR);
  }

  /** The same over one-hot targets when {@code loss} is {@link Loss#CROSS_ENTROPY}. */
  public MseObjective(
      Architecture architecture, NetworkInputs x, float[] y, Workers workers, Loss loss) {
    this(architecture, x, y, workers, Kernels.get(), loss);
  }

  MseObjective(
      Architecture architecture, NetworkInputs x, float[] y, Workers workers, Kernels kernels) {
    this(architecture, x, y, workers, kernels, Loss.SQUARED_ERROR);
  }

  MseObjective(
      Architecture architecture, NetworkInputs x, float[] y, Workers workers, Kernels kernels,
      Loss loss) {
    this.loss = loss;
    this.architecture = architecture;
    this.rows = x.rows();
    if (x.width() != architecture.inputs() || y.length != rows * architecture.outputs()) {
      throw new IllegalArgumentException(
          "inputs and targets do not match the network " + architecture);
    }
    this.x = x;
    this.y = y;
    this.workers = workers;
    this.kernels = kernels;
    this.passes = new BlockPass[workers.threads()];
  }

  public int rows() {
    return rows;
  }

  /**
   * The mean squared error over {@code count} rows, {@code order[from..from+count)} or, when
   * order is null, the rows {@code [from, from+count)}; when {@code gradient} is not null it
   * receives the gradient with respect to every parameter.
   */
  public double evaluate(float[] p, int[] order, int from, int count, float[] gradient) {
    if (count < 1) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    int cols = BlockPass.columnsFor(count);
    int blocks = (count + cols - 1) / cols;
    ensureCapacity(blocks, gradient != null);
    // Per row, the mean over outputs of squared errors, or the cross-entropy over classes.
    double perRow = loss == Loss.SQUARED_ERROR ? architecture.outputs() : 1;
    double scale = (loss == Loss.SQUARED_ERROR ? 2.0 : 1.0) / (count * perRow);
    workers.forEach(
        blocks,
        (worker, b) -> {
          BlockPass pass = pass(worker);
          int start = b * cols;
          pass.load(x, order, from + start, Math.min(cols, count - start), cols);
          pass.loadTargets(y, order, from + start);
          pass.forward(p);
          blockErrors[b] =
              loss == Loss.SQUARED_ERROR ? pass.squaredError(scale) : pass.crossEntropy(scale);
          if (gradient != null) {
            pass.backward(p, blockGradients[b]);
          }
        });
    if (gradient != null) {
      BlockSums.sum(workers, blockGradients, blocks, gradient);
    }
    double sum = 0;
    for (int b = 0; b < blocks; b++) {
      sum += blockErrors[b];
    }
    return sum / (count * perRow);
  }

  private BlockPass pass(int worker) {
    if (passes[worker] == null) {
      passes[worker] = new BlockPass(architecture, kernels);
    }
    return passes[worker];
  }

  private void ensureCapacity(int blocks, boolean gradients) {
    if (blockErrors.length < blocks) {
      blockErrors = new double[blocks];
    }
    if (gradients && blockGradients.length < blocks) {
      float[][] grown = new float[blocks][];
      for (int b = 0; b < blocks; b++) {
        grown[b] =
            b < blockGradients.length
                ? blockGradients[b]
                : new float[architecture.parameterCount()];
      }
      blockGradients = grown;
    }
  }
}
