package org.precond.nn;

import java.util.Arrays;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;

/**
 * A network's loss as a soft nearest-neighbour predictor in its last hidden layer (ModernNCA, Ye
 * et al. 2024), optionally beside the mean squared error of its linear output. A query row is
 * predicted by {@code Σⱼ softmax(−‖z − zⱼ‖)ⱼ · yⱼ} over a set of candidate rows, the query itself
 * excluded; the loss is that prediction's mean squared error — or, for one-hot class targets,
 * the cross-entropy of the candidates' weighted vote, smoothed by {@link #SMOOTHING} — and its
 * gradient flows into the embeddings of the queries and of the candidates alike. There is no
 * separate temperature: the last hidden layer's weights scale every distance, so training learns
 * it with them.
 *
 * <p>Queries and candidates are cut into blocks whose sizes depend only on their counts; each
 * block's share of the gradient is computed on its own and the blocks are added in order, so the
 * result is bit-identical whatever the number of threads. Distances come from the kernels' matrix
 * product ({@code ‖a‖² + ‖b‖² − 2 a·b}); the distances, the softmax's exponentials ({@link
 * org.precond.kernel.Exp}) and the gradient's coefficients from vectorised kernels, which were
 * half of a step's time as plain loops. Each query's softmax is shifted by its nearest candidate,
 * found before any exponential is taken.
 */
public final class NeighborObjective {

  /**
   * Added to every squared distance so that the distance stays differentiable where two rows
   * meet; small beside the spread of an embedding whose components are of order one.
   */
  static final float EPSILON = 1e-6f;

  /**
   * The share of a class vote spread evenly over the classes, {@code p = (1 − s) · vote + s /
   * classes}: a row none of whose class's candidates is near would otherwise cost an infinite
   * loss.
   */
  static final double SMOOTHING = 1e-3;


  private final Architecture architecture;
  private final NetworkInputs x;
  private final float[] y;
  private final int rows;
  private final double linearWeight;
  private final double neighborWeight;
  private final Loss loss;
  private final Workers workers;
  private final Kernels kernels;
  private final int[] slot;
  private final float[][] products;
  private final float[][] transposed;
  private BlockPass[] passes = new BlockPass[0];
  private float[][] gradients = new float[0][];
  private float[][] embeddingGradients = new float[0][];
  private float[][] norms = new float[0][];
  private float[][] targets = new float[0][];
  private float[][] nearest = new float[0][];
  private double[][] totals = new double[0][];
  private double[][] outputGradients = new double[0][];
  private double[][] means = new double[0][];
  private double[] linearErrors = new double[0];
  private double[] neighborErrors = new double[0];
  private float[][][] pairs = new float[0][0][];
  private float[][][] weights = new float[0][0][];
  private final float[][][] scratch;

  /**
   * @param x the rows' inputs, {@code architecture.inputs()} wide
   * @param y targets, row-major, {@code rows × architecture.outputs()}
   * @param linearWeight weight of the output layer's mean squared error in the loss (0: none,
   *     and the output layer does not train)
   * @param neighborWeight weight of the soft-neighbour prediction's mean squared error
   * @param loss {@link Loss#SQUARED_ERROR}, or {@link Loss#CROSS_ENTROPY} for one-hot targets:
   *     the output layer's softmax and the neighbours' vote are then scored by cross-entropy
   */
  public NeighborObjective(
      Architecture architecture, NetworkInputs x, float[] y, double linearWeight,
      double neighborWeight, Loss loss, Workers workers) {
    this(architecture, x, y, linearWeight, neighborWeight, loss, workers, Kernels.get());
  }

  NeighborObjective(
      Architecture architecture, NetworkInputs x, float[] y, double linearWeight,
      double neighborWeight, Loss loss, Workers workers, Kernels kernels) {
    this.architecture = architecture;
    this.rows = x.rows();
    if (x.width() != architecture.inputs() || y.length != rows * architecture.outputs()) {
      throw new IllegalArgumentException(
          "inputs and targets do not match the network " + architecture);
    }
    if (!(linearWeight >= 0 && neighborWeight > 0)) {
      throw new IllegalArgumentException(
          "the neighbour loss needs a positive weight and the linear one a non-negative one");
    }
    this.x = x;
    this.y = y;
    this.linearWeight = linearWeight;
    this.neighborWeight = neighborWeight;
    this.loss = loss;
    this.workers = workers;
    this.kernels = kernels;
    this.slot = new int[rows];
    Arrays.fill(slot, -1);
    this.products = new float[workers.threads()][];
    this.transposed = new float[workers.threads()][];
    this.scratch = new float[workers.threads()][0][];
  }

  public int rows() {
    return rows;
  }

  /**
   * The loss over the query rows {@code queries[from..from+count)}, each predicted from the
   * candidate rows {@code candidates[0..candidateCount)} (distinct rows; a query that is among
   * them is left out of its own prediction); when {@code gradient} is not null it receives the
   * gradient with respect to every parameter.
   */
  public double evaluate(
      float[] p, int[] queries, int from, int count, int[] candidates, int candidateCount,
      float[] gradient) {
    if (count < 1 || candidateCount < 2) {
      throw new IllegalArgumentException(
          "need a query and two candidates, got " + count + " and " + candidateCount);
    }
    int outputs = architecture.outputs();
    int queryColumns = BlockPass.columnsFor(count);
    int queryBlocks = (count + queryColumns - 1) / queryColumns;
    int candidateColumns = BlockPass.columnsFor(candidateCount);
    int candidateBlocks = (candidateCount + candidateColumns - 1) / candidateColumns;
    int blocks = queryBlocks + candidateBlocks;
    boolean training = gradient != null;
    ensureCapacity(queryBlocks, blocks, training);
    // Squared error is averaged over rows and targets, cross-entropy over rows.
    boolean squared = loss == Loss.SQUARED_ERROR;
    double per = squared ? (double) count * outputs : count;
    double linearScale = linearWeight * (squared ? 2.0 : 1.0) / per;
    double neighborScale = neighborWeight * (squared ? 2.0 : 1.0) / per;

    workers.forEach(
        blocks,
        (worker, b) -> {
          boolean query = b < queryBlocks;
          int[] order = query ? queries : candidates;
          int columns = query ? queryColumns : candidateColumns;
          int first = query ? b * queryColumns : (b - queryBlocks) * candidateColumns;
          int valid = Math.min(columns, (query ? count : candidateCount) - first);
          int start = query ? from + first : first;
          BlockPass pass = passes[b];
          pass.load(x, order, start, valid, columns);
          pass.forward(p);
          float[] t = targets[b];
          for (int o = 0; o < outputs; o++) {
            for (int r = 0; r < valid; r++) {
              t[o * columns + r] = y[order[start + r] * outputs + o];
            }
          }
          squaredNorms(pass, norms[b]);
          if (query && linearWeight > 0) {
            pass.loadTargets(y, order, start);
            linearErrors[b] =
                squared ? pass.squaredError(linearScale) : pass.crossEntropy(linearScale);
          } else {
            linearErrors[b] = 0;
            pass.clearOutputGradient();
          }
        });

    for (int j = 0; j < candidateCount; j++) {
      slot[candidates[j]] = j;
    }
    try {
      workers.forEach(
          queryBlocks,
          (worker, qb) ->
              predictQueries(
                  worker, qb, queries, from + qb * queryColumns, queryBlocks, candidateBlocks,
                  candidateColumns, neighborScale, training));
    } finally {
      for (int j = 0; j < candidateCount; j++) {
        slot[candidates[j]] = -1;
      }
    }

    double linear = 0;
    double neighbor = 0;
    for (int b = 0; b < queryBlocks; b++) {
      linear += linearErrors[b];
      neighbor += neighborErrors[b];
    }
    if (training) {
      workers.forEach(
          candidateBlocks, (worker, cb) -> candidateGradient(worker, cb, queryBlocks));
      workers.forEach(
          blocks, (worker, b) -> passes[b].backward(p, gradients[b], embeddingGradients[b]));
      BlockSums.sum(workers, gradients, blocks, gradient);
    }
    return (linearWeight * linear + neighborWeight * neighbor) / per;
  }

  /**
   * Predicts the queries of block {@code qb} from every candidate block and, when training,
   * leaves in {@code pairs[qb][cb]} the coefficients {@code c} of the embedding gradient, {@code
   * ∂L/∂zᵢ = Σⱼ cᵢⱼ (zᵢ − zⱼ)} and {@code ∂L/∂zⱼ = Σᵢ cᵢⱼ (zⱼ − zᵢ)}, and writes the queries'.
   */
  private void predictQueries(
      int worker, int qb, int[] queries, int at, int queryBlocks, int candidateBlocks,
      int candidateColumns, double neighborScale, boolean training) {
    int width = architecture.width();
    int outputs = architecture.outputs();
    BlockPass q = passes[qb];
    int nq = q.rows();
    int qc = q.columns();
    float[] zq = q.embedding();
    float[] qNorms = norms[qb];
    float[] near = nearest[qb];
    double[] total = totals[qb];
    double[] sums = outputGradients[qb];
    Arrays.fill(near, 0, nq, Float.POSITIVE_INFINITY);
    Arrays.fill(total, 0, nq, 0);
    Arrays.fill(sums, 0, outputs * qc, 0);
    float[][] distances = training ? pairs[qb] : scratch(worker, candidateBlocks);
    // Every distance first, so that each query's softmax is shifted once, by its nearest.
    for (int cb = 0; cb < candidateBlocks; cb++) {
      BlockPass c = passes[queryBlocks + cb];
      int nc = c.rows();
      int cc = c.columns();
      float[] cNorms = norms[queryBlocks + cb];
      float[] d = ensure(distances, cb, nq * cc);
      kernels.affine(nq, width, cc, zq, 0, 1, qc, null, 0, c.embedding(), d);
      int base = cb * candidateColumns;
      for (int i = 0; i < nq; i++) {
        int row = i * cc;
        float min = kernels.softDistances(nc, qNorms[i], cNorms, EPSILON, d, row);
        int self = slot[queries[at + i]] - base;
        if (self >= 0 && self < nc) {
          d[row + self] = Float.POSITIVE_INFINITY;
          min = minimum(d, row, nc);
        }
        near[i] = Math.min(near[i], min);
      }
    }
    for (int cb = 0; cb < candidateBlocks; cb++) {
      BlockPass c = passes[queryBlocks + cb];
      int nc = c.rows();
      int cc = c.columns();
      float[] ct = targets[queryBlocks + cb];
      float[] d = distances[cb];
      // Training keeps the distances for the gradient; scoring overwrites them.
      float[] e = training ? ensure(weights[qb], cb, nq * cc) : d;
      for (int i = 0; i < nq; i++) {
        int row = i * cc;
        kernels.negativeExp(nc, near[i], d, row, e);
        // The weights' total and the first output's weighted sum in one pass: two independent
        // chains of additions, each in the order it would have alone.
        double t = 0;
        double first = 0;
        for (int j = 0; j < nc; j++) {
          double w = e[row + j];
          t += w;
          first += w * ct[j];
        }
        total[i] += t;
        sums[i] += first;
        for (int o = 1; o < outputs; o++) {
          double sum = 0;
          for (int j = 0; j < nc; j++) {
            sum += (double) e[row + j] * ct[o * cc + j];
          }
          sums[o * qc + i] += sum;
        }
      }
    }
    float[] qt = targets[qb];
    double[] mean = means[qb];
    double error = 0;
    boolean squared = loss == Loss.SQUARED_ERROR;
    for (int i = 0; i < nq; i++) {
      double u = 0;
      for (int o = 0; o < outputs; o++) {
        double predicted = sums[o * qc + i] / total[i];
        double target = qt[o * qc + i];
        double g;
        if (squared) {
          double diff = predicted - target;
          error += diff * diff;
          g = neighborScale * diff;
        } else {
          // ∂/∂vote of −t · log((1 − s) · vote + s / classes).
          double smoothed = (1 - SMOOTHING) * predicted + SMOOTHING / outputs;
          error -= target == 0 ? 0 : target * Math.log(smoothed);
          g = -neighborScale * target * (1 - SMOOTHING) / smoothed;
        }
        sums[o * qc + i] = g;
        u += g * predicted;
      }
      mean[i] = u;
    }
    neighborErrors[qb] = error;
    if (training) {
      queryGradient(worker, qb, queryBlocks, candidateBlocks);
    }
  }

  private static float minimum(float[] x, int from, int count) {
    float min = Float.POSITIVE_INFINITY;
    for (int j = from, end = from + count; j < end; j++) {
      min = Math.min(min, x[j]);
    }
    return min;
  }

  /**
   * Turns block {@code qb}'s distances into gradient coefficients, {@code cᵢⱼ = −wᵢⱼ (uᵢⱼ − ūᵢ)
   * / dᵢⱼ} with {@code uᵢⱼ = Σₒ gᵢₒ yⱼₒ} and {@code ūᵢ = Σⱼ wᵢⱼ uᵢⱼ}, and adds up the queries'
   * embedding gradient.
   */
  private void queryGradient(int worker, int qb, int queryBlocks, int candidateBlocks) {
    int width = architecture.width();
    int outputs = architecture.outputs();
    BlockPass q = passes[qb];
    int nq = q.rows();
    int qc = q.columns();
    float[] zq = q.embedding();
    double[] total = totals[qb];
    double[] g = outputGradients[qb];
    double[] mean = means[qb];
    float[] dq = embeddingGradients[qb];
    Arrays.fill(dq, 0, width * qc, 0f);
    double[] rowSums = new double[nq];
    float[] gi = new float[outputs];
    float[] t = transposed(worker);
    float[] product = product(worker);
    for (int cb = 0; cb < candidateBlocks; cb++) {
      BlockPass c = passes[queryBlocks + cb];
      int nc = c.rows();
      int cc = c.columns();
      float[] ct = targets[queryBlocks + cb];
      float[] d = pairs[qb][cb];
      float[] e = weights[qb][cb];
      for (int i = 0; i < nq; i++) {
        int row = i * cc;
        for (int o = 0; o < outputs; o++) {
          gi[o] = (float) g[o * qc + i];
        }
        kernels.softNeighborCoefficients(
            nc, e, (float) total[i], gi, outputs, ct, cc, (float) mean[i], d, row);
        double sum = 0;
        for (int j = 0; j < nc; j++) {
          float coefficient = d[row + j];
          t[j * qc + i] = coefficient;
          sum += coefficient;
        }
        Arrays.fill(d, row + nc, row + cc, 0f);
        rowSums[i] += sum;
      }
      for (int j = 0; j < nc; j++) {
        Arrays.fill(t, j * qc + nq, (j + 1) * qc, 0f);
      }
      kernels.affine(width, nc, qc, c.embedding(), 0, cc, 1, null, 0, t, product);
      for (int k = 0, n = width * qc; k < n; k++) {
        dq[k] -= product[k];
      }
    }
    for (int k = 0; k < width; k++) {
      for (int i = 0; i < nq; i++) {
        dq[k * qc + i] += (float) rowSums[i] * zq[k * qc + i];
      }
    }
  }

  /** Adds up the embedding gradient of candidate block {@code cb} over every query block. */
  private void candidateGradient(int worker, int cb, int queryBlocks) {
    int width = architecture.width();
    int b = queryBlocks + cb;
    BlockPass c = passes[b];
    int nc = c.rows();
    int cc = c.columns();
    float[] zc = c.embedding();
    float[] dc = embeddingGradients[b];
    Arrays.fill(dc, 0, width * cc, 0f);
    double[] columnSums = new double[nc];
    float[] product = product(worker);
    for (int qb = 0; qb < queryBlocks; qb++) {
      BlockPass q = passes[qb];
      int nq = q.rows();
      float[] coefficients = pairs[qb][cb];
      kernels.affine(width, nq, cc, q.embedding(), 0, q.columns(), 1, null, 0, coefficients,
          product);
      for (int k = 0, n = width * cc; k < n; k++) {
        dc[k] -= product[k];
      }
      for (int i = 0; i < nq; i++) {
        for (int j = 0; j < nc; j++) {
          columnSums[j] += coefficients[i * cc + j];
        }
      }
    }
    for (int k = 0; k < width; k++) {
      for (int j = 0; j < nc; j++) {
        dc[k * cc + j] += (float) columnSums[j] * zc[k * cc + j];
      }
    }
  }

  private void squaredNorms(BlockPass pass, float[] into) {
    float[] z = pass.embedding();
    int cols = pass.columns();
    int rows = pass.rows();
    // Feature by feature over the rows, a loop the compiler vectorises; each row's sum still
    // adds its features in order, so the norms are the same to the bit.
    Arrays.fill(into, 0, rows, 0f);
    for (int k = 0; k < architecture.width(); k++) {
      int at = k * cols;
      for (int r = 0; r < rows; r++) {
        float v = z[at + r];
        into[r] += v * v;
      }
    }
  }

  /** {@code arrays[at]}, replaced by a new array if it holds fewer than {@code size}. */
  private static float[] ensure(float[][] arrays, int at, int size) {
    float[] a = arrays[at];
    if (a == null || a.length < size) {
      a = new float[size];
      arrays[at] = a;
    }
    return a;
  }

  /** A worker's distances to {@code blocks} candidate blocks, when scoring. */
  private float[][] scratch(int worker, int blocks) {
    if (scratch[worker].length < blocks) {
      scratch[worker] = Arrays.copyOf(scratch[worker], blocks);
    }
    return scratch[worker];
  }

  private float[] product(int worker) {
    if (products[worker] == null) {
      products[worker] =
          new float[Math.max(architecture.width(), BlockPass.MAX_COLUMNS) * BlockPass.MAX_COLUMNS];
    }
    return products[worker];
  }

  private float[] transposed(int worker) {
    if (transposed[worker] == null) {
      transposed[worker] = new float[BlockPass.MAX_COLUMNS * BlockPass.MAX_COLUMNS];
    }
    return transposed[worker];
  }

  private void ensureCapacity(int queryBlocks, int blocks, boolean training) {
    int n = BlockPass.MAX_COLUMNS;
    int width = architecture.width();
    int outputs = architecture.outputs();
    if (passes.length < blocks) {
      int old = passes.length;
      passes = Arrays.copyOf(passes, blocks);
      norms = Arrays.copyOf(norms, blocks);
      targets = Arrays.copyOf(targets, blocks);
      linearErrors = new double[blocks];
      for (int b = old; b < blocks; b++) {
        passes[b] = new BlockPass(architecture, kernels);
        norms[b] = new float[n];
        targets[b] = new float[outputs * n];
      }
    }
    if (nearest.length < queryBlocks) {
      int old = nearest.length;
      nearest = Arrays.copyOf(nearest, queryBlocks);
      totals = Arrays.copyOf(totals, queryBlocks);
      outputGradients = Arrays.copyOf(outputGradients, queryBlocks);
      means = Arrays.copyOf(means, queryBlocks);
      neighborErrors = new double[queryBlocks];
      for (int b = old; b < queryBlocks; b++) {
        nearest[b] = new float[n];
        totals[b] = new double[n];
        outputGradients[b] = new double[outputs * n];
        means[b] = new double[n];
      }
    }
    if (training) {
      if (gradients.length < blocks) {
        int old = gradients.length;
        gradients = Arrays.copyOf(gradients, blocks);
        embeddingGradients = Arrays.copyOf(embeddingGradients, blocks);
        for (int b = old; b < blocks; b++) {
          gradients[b] = new float[architecture.parameterCount()];
          embeddingGradients[b] = new float[width * n];
        }
      }
      int candidateBlocks = blocks - queryBlocks;
      pairs = grown(pairs, queryBlocks, candidateBlocks);
      weights = grown(weights, queryBlocks, candidateBlocks);
    }
  }

  /** {@code blocks}, with room for at least {@code rows × columns} blocks, kept where they were. */
  private static float[][][] grown(float[][][] blocks, int rows, int columns) {
    if (blocks.length >= rows && (rows == 0 || blocks[0].length >= columns)) {
      return blocks;
    }
    int width = Math.max(columns, blocks.length > 0 ? blocks[0].length : 0);
    float[][][] grown = new float[Math.max(rows, blocks.length)][][];
    for (int r = 0; r < grown.length; r++) {
      grown[r] = Arrays.copyOf(r < blocks.length ? blocks[r] : new float[0][], width);
    }
    return grown;
  }
}
