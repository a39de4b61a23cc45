package org.precond.evaluate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.conformal.Difficulty;
import org.precond.linear.Linearity;
import org.precond.metrics.DistributionMetrics;
import org.precond.metrics.RegressionMetrics;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.PredictorSpec;
import org.precond.model.RowPass;
import org.precond.model.Variants;
import org.precond.space.Space;

/** Scores many ways of predicting with one trained network on the same held-out rows. */
public final class Evaluation {

  private Evaluation() {}

  /**
   * The network alone, then every interpolant (k-NN uniform and distance-weighted, Shepard,
   * modified Shepard, linear Shepard, Voronoi) in every space, on the targets and on the
   * network's residuals; k chosen by leave-one-out throughout.
   */
  public static List<PredictorSpec> everyPredictor() {
    List<PredictorSpec> all = new ArrayList<>();
    all.add(PredictorSpec.NETWORK);
    for (boolean residual : new boolean[] {false, true}) {
      for (Space space : Space.values()) {
        for (InterpolantSpec spec : interpolants()) {
          all.add(new PredictorSpec(spec, space, residual));
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
  public static Map<Space, Linearity> linearity(PrecondModel model) {
    Map<Space, Linearity> out = new EnumMap<>(Space.class);
    float[] targets = model.rows().trainingTargets();
    int m = model.targetNames().size();
    RowPass training = model.trainingPass();
    for (Space space : Space.values()) {
      out.put(
          space,
          Linearity.measure(
              training.coordinates(space),
              space.dimension(model.network()),
              targets,
              m));
    }
    return out;
  }

  /**
   * The estimators whose intervals are worth comparing for a model: the network alone, k-NN in
   * each space, and the model's own estimator.
   */
  public static List<PredictorSpec> intervalPredictors(PrecondModel model) {
    List<PredictorSpec> list = new ArrayList<>();
    list.add(PredictorSpec.NETWORK);
    for (Space space : Space.values()) {
      list.add(new PredictorSpec(InterpolantSpec.of(Method.KNN), space, false));
    }
    PredictorSpec own = model.predictorSpec();
    boolean listed =
        list.stream()
            .anyMatch(
                e -> e.describe().equals(own.describe())
                    || (own.interpolant() != null
                        && e.interpolant() != null
                        && own.interpolant().method() == e.interpolant().method()
                        && !own.interpolant().distanceWeighted()
                        && own.space() == e.space()
                        && !own.residual()));
    if (!listed) {
      list.add(own);
    }
    return list;
  }

  /**
   * Intervals at {@code level} and predictive distributions of each estimator under every
   * difficulty, then the Gaussian baseline around the network's own predictions (its calibration
   * residuals' root mean square as standard deviation). Needs a calibrated model.
   */
  public static List<IntervalScores> intervals(
      PrecondModel model, Dataset test, List<PredictorSpec> estimators, double level) {
    if (!model.isCalibrated()) {
      throw new IllegalArgumentException("the model kept no calibration rows");
    }
    int m = test.targetCount();
    float[] y = test.targets();
    List<IntervalScores> out = new ArrayList<>();
    RowPass pass = model.pass(test);
    try (Variants variants = model.variants(true)) {
      for (PredictorSpec e : estimators) {
        PrecondModel variant = variants.with(e);
        Predictions p = variant.predict(pass);
        for (Difficulty d : Difficulty.values()) {
          float[][] bounds = p.interval(level, d);
          double crps = 0;
          for (int i = 0; i < y.length; i++) {
            crps += p.crps(i / m, i % m, y[i], d);
          }
          double pinball = 0;
          for (double tau : IntervalScores.QUANTILES) {
            float[] q = p.quantile(tau, d);
            for (int i = 0; i < y.length; i++) {
              pinball += DistributionMetrics.pinball(y[i], q[i], tau);
            }
          }
          out.add(
              new IntervalScores(
                  variant.predictorSpec().describe() + ", " + d.label(),
                  level,
                  coverage(y, bounds),
                  width(bounds),
                  crps / y.length,
                  pinball / (y.length * IntervalScores.QUANTILES.length)));
        }
      }
    }
    Predictions p = model.predict(pass);
    float[] net = p.networkMeans();
    float[][] bounds = p.gaussianInterval(level);
    double crps = 0;
    double pinball = 0;
    for (int i = 0; i < y.length; i++) {
      crps += p.gaussianCrps(i / m, i % m, y[i]);
    }
    for (double tau : IntervalScores.QUANTILES) {
      float[][] central = p.gaussianInterval(Math.abs(1 - 2 * tau));
      for (int i = 0; i < y.length; i++) {
        double q = tau < 0.5 ? central[0][i] : tau > 0.5 ? central[1][i] : net[i];
        pinball += DistributionMetrics.pinball(y[i], q, tau);
      }
    }
    out.add(
        new IntervalScores(
            "network ± Gaussian (calibration residuals)",
            level,
            coverage(y, bounds),
            width(bounds),
            crps / y.length,
            pinball / (y.length * IntervalScores.QUANTILES.length)));
    return out;
  }

  private static double coverage(float[] y, float[][] bounds) {
    int inside = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= bounds[0][i] && y[i] <= bounds[1][i]) {
        inside++;
      }
    }
    return inside / (double) y.length;
  }

  private static double width(float[][] bounds) {
    double sum = 0;
    for (int i = 0; i < bounds[0].length; i++) {
      sum += bounds[1][i] - bounds[0][i];
    }
    return sum / bounds[0].length;
  }

  /**
   * Fits each estimator on the model's training rows and scores it on {@code test}; the training
   * and test rows pass through the network once for all of them.
   */
  public static List<EvaluationRow> run(
      PrecondModel model, Dataset test, List<PredictorSpec> estimators) {
    if (test.targetCount() != model.targetNames().size()) {
      throw new IllegalArgumentException(
          "evaluation needs the target columns " + model.targetNames() + " in the test rows");
    }
    RowPass pass = model.pass(test);
    List<EvaluationRow> rows = new ArrayList<>();
    try (Variants variants = model.variants(false)) {
      for (PredictorSpec e : estimators) {
        long t0 = System.nanoTime();
        PrecondModel variant = variants.with(e);
        float[] predicted = variant.predict(pass).means();
        double seconds = (System.nanoTime() - t0) / 1e9;
        rows.add(
            new EvaluationRow(
                variant.predictorSpec(),
                RegressionMetrics.compute(test.targets(), predicted, test.targetCount()),
                seconds));
      }
    }
    return rows;
  }
}
