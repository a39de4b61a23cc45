package org.precond.evaluate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.linear.Linearity;
import org.precond.metrics.RegressionMetrics;
import org.precond.model.Estimator;
import org.precond.model.PrecondModel;
import org.precond.space.Space;

/** Scores many ways of predicting with one trained network on the same held-out rows. */
public final class Evaluation {

  private Evaluation() {}

  /**
   * The network alone, then every interpolant (k-NN uniform and distance-weighted, Shepard,
   * modified Shepard, linear Shepard, Voronoi) in every space, on the targets and on the
   * network's residuals; k chosen by leave-one-out throughout.
   */
  public static List<Estimator> everyEstimator() {
    List<Estimator> all = new ArrayList<>();
    all.add(Estimator.NETWORK);
    for (boolean residual : new boolean[] {false, true}) {
      for (Space space : Space.values()) {
        for (InterpolantSpec spec : interpolants()) {
          all.add(new Estimator(spec, space, residual));
        }
      }
    }
    return all;
  }

  private static List<InterpolantSpec> interpolants() {
    List<InterpolantSpec> specs = new ArrayList<>();
    specs.add(InterpolantSpec.of(Method.KNN));
    specs.add(new InterpolantSpec(Method.KNN, InterpolantSpec.AUTO, 2, true));
    for (Method m : Method.values()) {
      if (m != Method.KNN) {
        specs.add(InterpolantSpec.of(m));
      }
    }
    return specs;
  }

  /**
   * How linear the targets are in each space, on the model's training rows: R² of a linear
   * least-squares fit on all coordinates and on the first two principal components.
   */
  public static Map<Space, Linearity> linearity(PrecondModel model, Workers workers) {
    Map<Space, Linearity> out = new EnumMap<>(Space.class);
    float[] targets = model.trainingTargets();
    int m = model.targetNames().size();
    for (Space space : Space.values()) {
      out.put(
          space,
          Linearity.measure(
              model.trainingCoordinates(space, workers),
              space.dimension(model.mlp().architecture()),
              targets,
              m));
    }
    return out;
  }

  /** Fits each estimator on the model's training rows and scores it on {@code test}. */
  public static List<EvaluationRow> run(
      PrecondModel model, Dataset test, List<Estimator> estimators, Workers workers) {
    if (test.targetCount() != model.targetNames().size()) {
      throw new IllegalArgumentException(
          "evaluation needs the target columns " + model.targetNames() + " in the test rows");
    }
    List<EvaluationRow> rows = new ArrayList<>();
    for (Estimator e : estimators) {
      long t0 = System.nanoTime();
      PrecondModel variant = model.withEstimator(e, workers);
      float[] predicted = variant.predict(test, workers);
      double seconds = (System.nanoTime() - t0) / 1e9;
      rows.add(
          new EvaluationRow(
              variant.estimator(),
              RegressionMetrics.compute(test.targets(), predicted, test.targetCount()),
              seconds));
    }
    return rows;
  }
}
