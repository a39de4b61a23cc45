package org.precond.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.PrecondModel;
import org.precond.model.PredictorSpec;
import org.precond.model.RowPass;
import org.precond.model.Variants;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;

/**
 * A two-input model seen from above: its predictions on a regular grid spanning the range of the
 * training and test inputs — the network's, and the model's interpolant in raw and in embedding
 * space — with the true function and each prediction's error on the grid when the function is
 * known, and each prediction's error on the test rows in any case.
 *
 * <p>Grid values are row-major {@code side × side}: row j holds the second input at {@code
 * axis(1)[j]}, column i the first input at {@code axis(0)[i]}, the layout heat maps draw.
 */
public final class SurfaceGrid {

  /** Training rows are marked on the maps only up to this many; more would hide the colours. */
  static final int MAX_MARKED_ROWS = 1_000;

  /**
   * One way of predicting over the grid.
   *
   * @param title what predicted, as people read it
   * @param values its predictions on the grid
   * @param gridError prediction − truth on the grid, or null when the truth is unknown
   * @param testError prediction − target on the sampled test rows
   */
  public record Surface(String title, float[] values, float[] gridError, float[] testError) {}

  private final List<String> inputNames;
  private final String targetName;
  private final float[][] axes;
  private final List<Surface> predictions;
  private final float[] truth;
  private final float[][] testInputs;
  private final float[][] trainingInputs;

  private SurfaceGrid(
      List<String> inputNames,
      String targetName,
      float[][] axes,
      List<Surface> predictions,
      float[] truth,
      float[][] testInputs,
      float[][] trainingInputs) {
    this.inputNames = inputNames;
    this.targetName = targetName;
    this.axes = axes;
    this.predictions = predictions;
    this.truth = truth;
    this.testInputs = testInputs;
    this.trainingInputs = trainingInputs;
  }

  /**
   * Predicts a two-input model over a {@code side × side} grid.
   *
   * @param truth the function the data was sampled from, or null when unknown
   * @param target the target column shown
   * @param maxPoints at most this many test rows carry their errors
   * @throws IllegalArgumentException if the model does not have two inputs, or the truth's inputs
   *     are not the model's
   */
  public static SurfaceGrid of(
      PrecondModel model,
      Dataset test,
      ReferenceFunction truth,
      int target,
      int side,
      int maxPoints) {
    List<String> inputs = model.featureNames();
    if (inputs.size() != 2) {
      throw new IllegalArgumentException("maps need a model of two inputs, not " + inputs.size());
    }
    if (truth != null && !inputs.equals(ReferenceFunction.featureNames())) {
      throw new IllegalArgumentException(
          "the reference function " + truth.name().toLowerCase(Locale.ROOT) + " takes inputs "
              + ReferenceFunction.featureNames() + ", the model " + inputs);
    }
    float[] training = model.rows().trainingFeatures();
    float[][] axes = new float[2][];
    for (int c = 0; c < 2; c++) {
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (float[] block : new float[][] {training, test.features()}) {
        for (int r = c; r < block.length; r += 2) {
          lo = Math.min(lo, block[r]);
          hi = Math.max(hi, block[r]);
        }
      }
      axes[c] = axis(lo, hi, side);
    }
    float[] grid = new float[2 * side * side];
    for (int j = 0; j < side; j++) {
      for (int i = 0; i < side; i++) {
        grid[2 * (j * side + i)] = axes[0][i];
        grid[2 * (j * side + i) + 1] = axes[1][j];
      }
    }
    Dataset gridRows = new Dataset(side * side, grid, inputs, new float[0], List.of());

    float[] truthValues = null;
    if (truth != null) {
      truthValues = new float[side * side];
      for (int p = 0; p < truthValues.length; p++) {
        truthValues[p] = (float) truth.value(grid[2 * p], grid[2 * p + 1]);
      }
    }
    int[] sample = Subsample.indices(test.rows(), maxPoints);
    Dataset testSample = test.select(sample);
    int targets = model.targetNames().size();
    List<Surface> surfaces = new ArrayList<>();
    RowPass gridPass = model.pass(gridRows);
    RowPass testPass = model.pass(testSample);
    List<PrecondModel> variants = new ArrayList<>();
    try (Variants maker = model.variants(false)) {
      for (PredictorSpec estimator : estimators(model)) {
        variants.add(maker.with(estimator));
      }
    }
    for (PrecondModel variant : variants) {
      PredictorSpec estimator = variant.predictorSpec();
      float[] values = column(variant.predict(gridPass).means(), targets, target);
      float[] gridError = null;
      if (truthValues != null) {
        gridError = new float[values.length];
        for (int p = 0; p < values.length; p++) {
          gridError[p] = values[p] - truthValues[p];
        }
      }
      float[] testError = column(variant.predict(testPass).means(), targets, target);
      for (int r = 0; r < testError.length; r++) {
        testError[r] -= testSample.target(r, target);
      }
      surfaces.add(
          new Surface(
              estimator.isNetwork() ? "network" : estimator.describe(),
              values,
              gridError,
              testError));
    }
    float[][] trainingInputs =
        model.rows().training() <= MAX_MARKED_ROWS
            ? new float[][] {column(training, 2, 0), column(training, 2, 1)}
            : new float[][] {new float[0], new float[0]};
    float[] testFeatures = testSample.features();
    return new SurfaceGrid(
        inputs,
        model.targetNames().get(target),
        axes,
        List.copyOf(surfaces),
        truthValues,
        new float[][] {column(testFeatures, 2, 0), column(testFeatures, 2, 1)},
        trainingInputs);
  }

  /**
   * The network, then the model's own interpolant (k-NN with k by leave-one-out when the network
   * predicts alone) in raw and in embedding space, so the two spaces are compared like for like.
   */
  static List<PredictorSpec> estimators(PrecondModel model) {
    PredictorSpec own = model.predictorSpec();
    InterpolantSpec spec = own.isNetwork() ? InterpolantSpec.of(Method.KNN) : own.interpolant();
    boolean residual = own.residual();
    return List.of(
        PredictorSpec.NETWORK,
        new PredictorSpec(spec, Space.RAW, residual),
        new PredictorSpec(spec, Space.EMBEDDING, residual));
  }

  private static float[] axis(float lo, float hi, int side) {
    float[] axis = new float[side];
    for (int i = 0; i < side; i++) {
      axis[i] = side == 1 ? (lo + hi) / 2 : (float) (lo + (double) (hi - lo) * i / (side - 1));
    }
    return axis;
  }

  private static float[] column(float[] block, int columns, int column) {
    float[] out = new float[block.length / columns];
    for (int r = 0; r < out.length; r++) {
      out[r] = block[r * columns + column];
    }
    return out;
  }

  /** The names of the two inputs. */
  public List<String> inputNames() {
    return inputNames;
  }

  public String targetName() {
    return targetName;
  }

  /** The grid's values of input 0 or 1, increasing. */
  public float[] axis(int input) {
    return axes[input];
  }

  public int side() {
    return axes[0].length;
  }

  /** The network, the interpolant in raw space, the interpolant in embedding space. */
  public List<Surface> predictions() {
    return predictions;
  }

  /** The true function on the grid, or null when unknown. */
  public float[] truth() {
    return truth;
  }

  /** Input 0 or 1 of the sampled test rows whose errors the surfaces carry. */
  public float[] testInputs(int input) {
    return testInputs[input];
  }

  /** Input 0 or 1 of the training rows, empty when there are too many to mark. */
  public float[] trainingInputs(int input) {
    return trainingInputs[input];
  }
}
