package org.precond.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.metrics.ClassificationMetrics;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.PredictorSpec;
import org.precond.model.Variants;
import org.precond.space.Space;

/**
 * Scores a classifier on held-out rows: the model as fitted, the network alone and k-NN in each
 * space, by their probabilities and by their conformal prediction sets.
 */
public final class ClassifierEvaluation {

  private ClassifierEvaluation() {}

  /**
   * The model as fitted first, then the network alone and k-NN (k by leave-one-out) in each
   * space; prediction sets at {@code level}.
   *
   * @throws IllegalArgumentException if the model is a regressor or the rows lack its classes
   */
  public static List<ClassifierScores> run(PrecondModel model, Dataset test, double level) {
    if (!model.preprocessing().isClassification()) {
      throw new IllegalArgumentException("the model is a regressor, not a classifier");
    }
    if (test.targetCount() != model.preprocessing().classes().count()) {
      throw new IllegalArgumentException(
          "scoring a classifier needs the target column " + model.preprocessing().classes().target()
              + " in the test rows");
    }
    List<ClassifierScores> out = new ArrayList<>();
    out.add(score("as fitted: " + model.predictorSpec().describe(), model, test, level));
    List<PredictorSpec> others = new ArrayList<>();
    others.add(PredictorSpec.NETWORK);
    for (Space space : Space.values()) {
      others.add(new PredictorSpec(InterpolantSpec.of(Method.KNN), space, false));
    }
    try (Variants variants = model.variants(true)) {
      for (PredictorSpec spec : others) {
        PrecondModel variant = variants.with(spec);
        out.add(score(variant.predictorSpec().describe(), variant, test, level));
      }
    }
    return out;
  }

  private static ClassifierScores score(
      String name, PrecondModel model, Dataset test, double level) {
    Predictions p = model.predict(test);
    int classes = p.classes().count();
    ClassificationMetrics m = ClassificationMetrics.compute(p.means(), test.targets(), classes);
    if (!p.calibrated()) {
      return new ClassifierScores(name, m, level, Double.NaN, Double.NaN);
    }
    boolean[][] sets = p.sets(level);
    double covered = 0;
    double size = 0;
    float[] y = test.targets();
    for (int r = 0; r < sets.length; r++) {
      for (int c = 0; c < classes; c++) {
        if (sets[r][c]) {
          size++;
          covered += y[r * classes + c];
        }
      }
    }
    return new ClassifierScores(name, m, level, covered / sets.length, size / sets.length);
  }
}
