package org.precond.report;

import java.util.ArrayList;
import java.util.List;
import org.precond.data.Dataset;
import org.precond.evaluate.ClassifierEvaluation;
import org.precond.evaluate.ClassifierScores;
import org.precond.metrics.ClassificationMetrics;
import org.precond.metrics.ConfusionMatrix;
import org.precond.metrics.Reliability;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.RowPass;
import org.precond.space.Space;

/**
 * What the report shows about a classifier instead of a regressor's maps and intervals: the
 * training rows by class in the embedding and the raw inputs, the confusion matrix and the
 * reliability diagram of the model as fitted, and every estimator's scores, on the test rows.
 *
 * @param views the embedding's and the raw inputs' principal components, by class
 * @param labels the class labels, in the model's order
 * @param estimator the model's own estimator, as described to the user
 * @param confusion the model's confusion matrix
 * @param reliability the model's top probabilities in {@link ClassificationMetrics#BINS} bins
 * @param scores the model as fitted, the network alone and k-NN in each space
 */
record ClassifierReport(
    List<ClassView> views,
    List<String> labels,
    String estimator,
    ConfusionMatrix confusion,
    Reliability reliability,
    List<ClassifierScores> scores) {

  /** The level of the prediction sets scored. */
  static final double SET_LEVEL = 0.9;

  /** The report's content for a classifier and test rows holding its classes one-hot. */
  static ClassifierReport of(PrecondModel model, Dataset test, int maxPoints) {
    List<ClassView> views = new ArrayList<>();
    RowPass training = model.trainingPass();
    for (Space space : new Space[] {Space.EMBEDDING, Space.RAW}) {
      views.add(ClassView.of(model, training, space, maxPoints));
    }
    Predictions p = model.predict(test);
    int classes = p.classes().count();
    return new ClassifierReport(
        views,
        p.classes().labels(),
        model.predictorSpec().describe(),
        ConfusionMatrix.of(p.means(), test.targets(), classes),
        Reliability.of(p.means(), test.targets(), classes, ClassificationMetrics.BINS),
        ClassifierEvaluation.run(model, test, SET_LEVEL));
  }

  /** The sections after the training loss, in page order. */
  List<Section> sections() {
    return List.of(
        new ClassSection(views),
        new ClassifierMetricsSection(scores),
        new ConfusionSection(confusion, labels, estimator),
        new ReliabilitySection(reliability, estimator));
  }
}
