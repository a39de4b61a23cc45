package org.precond.nn;

import java.util.Arrays;

/**
 * Piecewise-linear encoding of numeric inputs (Gorishniy, Rubachev & Babenko, 2022, "On
 * Embeddings for Numerical Features in Tabular Deep Learning"): each input becomes one component
 * per bin between quantiles of its training values — 0 below the bin, 1 above it, linear across
 * it (the first bin extends linearly below, the last above) — so that the network's first layer
 * can give every range of an input a slope of its own.
 */
public final class PiecewiseLinearEncoding {

  private final float[][] edges;
  private final int width;

  /** @param edges per input, its ascending bin edges (at least two) */
  public PiecewiseLinearEncoding(float[][] edges) {
    int w = 0;
    for (float[] e : edges) {
      if (e.length < 2) {
        throw new IllegalArgumentException("an encoded input needs at least two bin edges");
      }
      for (int i = 1; i < e.length; i++) {
        if (!(e[i] > e[i - 1])) {
          throw new IllegalArgumentException("bin edges must rise strictly");
        }
      }
      w += e.length - 1;
    }
    this.edges = new float[edges.length][];
    for (int f = 0; f < edges.length; f++) {
      this.edges[f] = edges[f].clone();
    }
    this.width = w;
  }

  /**
   * Fits at most {@code bins} bins per input at quantiles of its values in a row-major block; an
   * input with fewer distinct values gets fewer bins, and a constant one a single bin around it.
   *
   * <p>A value repeated in many rows (a count that is mostly zero, such as a capital gain) would
   * swallow the quantiles that fall on it, leaving the rows above it a single bin; so when a
   * quantile falls on the last edge, the bins left are spread over the quantiles of the rows above
   * that value instead. Inputs without such ties keep their plain quantiles.
   */
  public static PiecewiseLinearEncoding fit(float[] block, int inputs, int bins) {
    int rows = block.length / inputs;
    float[][] edges = new float[inputs][];
    float[] column = new float[rows];
    for (int f = 0; f < inputs; f++) {
      for (int r = 0; r < rows; r++) {
        column[r] = block[r * inputs + f];
      }
      Arrays.sort(column);
      edges[f] = edges(column, bins);
    }
    return new PiecewiseLinearEncoding(edges);
  }

  /** At most {@code bins + 1} rising edges at quantiles of the sorted {@code column}. */
  private static float[] edges(float[] column, int bins) {
    int rows = column.length;
    float[] e = new float[bins + 1];
    e[0] = column[0];
    int n = 1;
    // Quantile k of `parts` is taken among the rows from `base` (the last edge's value) on.
    int base = 0;
    int parts = bins;
    int k = 1;
    while (n <= bins) {
      int at = base + (int) Math.round((double) k * (rows - 1 - base) / parts);
      float q = column[Math.min(rows - 1, Math.max(base + 1, at))];
      if (q > e[n - 1]) {
        e[n++] = q;
        k++;
      } else {
        base = lastIndexOf(column, e[n - 1]);
        if (base == rows - 1) {
          break;
        }
        parts = bins - (n - 1);
        k = 1;
      }
    }
    return n >= 2 ? Arrays.copyOf(e, n) : new float[] {e[0] - 1, e[0] + 1};
  }

  /** The last index of {@code value} in the ascending {@code sorted}. */
  private static int lastIndexOf(float[] sorted, float value) {
    int lo = 0;
    int hi = sorted.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** How many inputs it encodes. */
  public int inputs() {
    return edges.length;
  }

  /** The most bins any input has. */
  public int bins() {
    int most = 0;
    for (float[] e : edges) {
      most = Math.max(most, e.length - 1);
    }
    return most;
  }

  /** How many components it makes of them. */
  public int width() {
    return width;
  }

  /** Input {@code f}'s bin edges (a copy). */
  public float[] edges(int f) {
    return edges[f].clone();
  }

  /**
   * The encoding of row-major inputs, row-major {@code rows × width()}: for a few rows. Passes
   * over many rows read {@link #inputs} instead, which encodes each block as it is gathered.
   */
  public float[] encode(float[] x) {
    NetworkInputs encoded = inputs(x);
    int rows = encoded.rows();
    float[] byComponent = new float[width * rows];
    encoded.gather(null, 0, rows, rows, byComponent);
    float[] out = new float[rows * width];
    for (int c = 0; c < width; c++) {
      for (int r = 0; r < rows; r++) {
        out[r * width + c] = byComponent[c * rows + r];
      }
    }
    return out;
  }

  /**
   * Row-major inputs {@code rows × inputs()} (not copied) as the network reads them: each block of
   * rows encoded as it is gathered, exactly as {@link #encode} encodes them.
   */
  public NetworkInputs inputs(float[] x) {
    if (x.length % edges.length != 0) {
      throw new IllegalArgumentException(
          "inputs have " + x.length + " values, not a multiple of " + edges.length);
    }
    return new Encoded(x);
  }

  /**
   * Component {@code t} of each of {@code count} values in the bins between {@code edges}, into
   * {@code into} from {@code at}: the value's place in bin t, clipped to [0, 1] except below the
   * first bin and above the last, which extend.
   */
  private static void componentRow(
      float[] values, int count, float[] edges, int t, float[] into, int at) {
    float lo = edges[t];
    float span = edges[t + 1] - lo;
    boolean first = t == 0;
    boolean last = t == edges.length - 2;
    // One loop per case, the version timed in docs/RESULTS.md: bounds tested once, not per value.
    if (first && last) {
      for (int r = 0; r < count; r++) {
        into[at + r] = (values[r] - lo) / span;
      }
    } else if (first) {
      for (int r = 0; r < count; r++) {
        into[at + r] = Math.min((values[r] - lo) / span, 1);
      }
    } else if (last) {
      for (int r = 0; r < count; r++) {
        into[at + r] = Math.max((values[r] - lo) / span, 0);
      }
    } else {
      for (int r = 0; r < count; r++) {
        into[at + r] = Math.min(Math.max((values[r] - lo) / span, 0), 1);
      }
    }
  }

  /** Inputs encoded a block at a time. */
  private final class Encoded extends NetworkInputs {
    private final float[] x;

    Encoded(float[] x) {
      this.x = x;
    }

    @Override
    public int rows() {
      return x.length / edges.length;
    }

    @Override
    public int width() {
      return width;
    }

    /**
     * One input at a time, one component at a time, over the block's rows: each component's row of
     * the block is written in order, a loop the compiler vectorises.
     */
    @Override
    void gather(int[] order, int from, int count, int columns, float[] into) {
      int inputs = edges.length;
      float[] values = new float[count];
      int o = 0;
      for (int f = 0; f < inputs; f++) {
        for (int r = 0; r < count; r++) {
          values[r] = x[(order == null ? from + r : order[from + r]) * inputs + f];
        }
        float[] e = edges[f];
        for (int t = 0; t < e.length - 1; t++, o++) {
          componentRow(values, count, e, t, into, o * columns);
        }
      }
      pad(width, count, columns, into);
    }
  }
}
