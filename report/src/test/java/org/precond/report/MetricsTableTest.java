package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precond.evaluate.EvaluationRow;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.metrics.RegressionMetrics;
import org.precond.model.PredictorSpec;
import org.precond.space.Space;

class MetricsTableTest {

  private static EvaluationRow row(PredictorSpec e, float error) {
    // Two rows, one exact and one off by the error: RMSE error/√2, MAE error/2, max error.
    RegressionMetrics m =
        RegressionMetrics.compute(new float[] {0, 1}, new float[] {0, 1 + error}, 1);
    return new EvaluationRow(e, m, 0);
  }

  private static final PredictorSpec KNN_RAW =
      new PredictorSpec(InterpolantSpec.of(Method.KNN).withK(3), Space.RAW, false);
  private static final PredictorSpec VORONOI_EMBEDDING =
      new PredictorSpec(InterpolantSpec.of(Method.VORONOI).withK(8), Space.EMBEDDING, true);

  @Test
  void runsAreAveragedAndTheLowestRmseIsBest() {
    List<EvaluationRow> first =
        List.of(row(PredictorSpec.NETWORK, 0.4f), row(KNN_RAW, 0.2f), row(VORONOI_EMBEDDING, 0.3f));
    List<EvaluationRow> second =
        List.of(
            row(PredictorSpec.NETWORK, 0.4f),
            row(new PredictorSpec(InterpolantSpec.of(Method.KNN).withK(5), Space.RAW, false), 0.6f),
            row(VORONOI_EMBEDDING, 0.1f));
    MetricsTable table = MetricsTable.averaged(List.of(first, second), List.of("y"));
    assertEquals(3, table.rows().size());
    assertEquals(0.2, table.rows().get(2).figures()[0][2], 1e-6, "mean of the max errors");
    assertEquals(0.4 / Math.sqrt(2), table.rows().get(1).rmse(0), 1e-6);
    assertEquals(2, table.best(0));
    MetricsTable.Row knn = table.rows().get(1);
    assertEquals("3/5", knn.k(), "the k of each fold");
    assertEquals("raw", knn.space());
    assertEquals("target", knn.values());
    assertEquals("residual", table.rows().get(2).values());
    assertEquals("-", table.rows().get(0).values());
    assertEquals("-", table.rows().get(0).k());
  }

  @Test
  void printsOneLinePerEstimatorWithTheBestStarred() {
    MetricsTable table =
        MetricsTable.of(
            List.of(row(PredictorSpec.NETWORK, 0.4f), row(KNN_RAW, 0.2f)), List.of("y"));
    StringWriter text = new StringWriter();
    table.print(new PrintWriter(text, true));
    List<String> lines = text.toString().lines().toList();
    assertEquals("target y", lines.get(0));
    assertTrue(lines.get(1).contains("method") && lines.get(1).contains("RMSE"), lines.get(1));
    assertTrue(lines.get(2).startsWith("  mlp "), lines.get(2));
    assertTrue(lines.get(3).startsWith("* knn "), lines.get(3));
    assertEquals(4, lines.size());
  }
}
