package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;

class PredictionColumnsTest {

  private static PrecondModel model;
  private static Dataset rows;

  @BeforeAll
  static void fit() {
    model = Regressor.builder().width(8).depth(2).steps(100).seed(3).validationFraction(0.2)
        .predictor(new PredictorSpec(InterpolantSpec.of(Method.KNN).withK(3), Space.EMBEDDING,
            false))
        .threads(1).build().fit(ReferenceFunction.E2.uniform(200, 1));
    rows = ReferenceFunction.E2.uniform(5, 2);
  }

  private static PredictionColumns.Request request(int neighbors) {
    return new PredictionColumns.Request(
        0.8, List.of(0.1, 0.5), Difficulty.SPREAD, null, SetScore.PLAIN, neighbors);
  }

  @Test
  void laysOutTheColumnsOfPredictAndFillsThemFromThePredictions() {
    String y = model.targetNames().get(0);
    PredictionColumns columns = PredictionColumns.of(model, request(4));
    List<String> names = columns.columns().stream().map(PredictionColumns.Column::name).toList();
    assertEquals(List.of(y, y + "_lower", y + "_upper", y + "_q0.1", y + "_q0.5",
        "neighbor_1_row", "neighbor_1_distance", "neighbor_1_weight", "neighbor_1_" + y,
        "neighbor_2_row", "neighbor_2_distance", "neighbor_2_weight", "neighbor_2_" + y,
        "neighbor_3_row", "neighbor_3_distance", "neighbor_3_weight", "neighbor_3_" + y,
        "neighbor_4_row", "neighbor_4_distance", "neighbor_4_weight", "neighbor_4_" + y), names);

    Predictions p = model.predict(rows);
    PredictionColumns.Values v = columns.values(p);
    float[][] interval = p.interval(0.8, Difficulty.SPREAD);
    float[] median = p.quantile(0.5, Difficulty.SPREAD);
    for (int r = 0; r < rows.rows(); r++) {
      assertEquals(p.means()[r], v.value(0, r));
      assertEquals(interval[0][r], v.value(1, r));
      assertEquals(interval[1][r], v.value(2, r));
      assertEquals(median[r], v.value(4, r));
      assertEquals(Float.toString(p.means()[r]), v.text(0, r));
      assertEquals(p.neighbors().trainingRow(r, 0) + 1, v.value(5, r));
      assertEquals(p.neighbors().distance(r, 2), v.value(14, r));
      // k = 3: a fourth neighbour is asked for but there is none, an empty cell.
      assertNull(v.value(17, r));
      assertEquals("", v.text(17, r));
    }
  }

  @Test
  void namesThePredictionsAsToldAndKeepsTheNeighboursTargets() {
    PredictionColumns columns = PredictionColumns.of(model, request(1), List.of("prediction"));
    List<String> names = columns.columns().stream().map(PredictionColumns.Column::name).toList();
    assertEquals("prediction_lower", names.get(1));
    assertEquals("neighbor_1_" + model.targetNames().get(0), names.get(names.size() - 1));
  }

  @Test
  void refusesWhatTheModelCannotGive() {
    PredictionColumns.Request set = new PredictionColumns.Request(
        null, List.of(), Difficulty.SPREAD, 0.9, SetScore.PLAIN, 0);
    assertThrows(IllegalArgumentException.class, () -> PredictionColumns.of(model, set));
    PrecondModel network = model.withPredictor(PredictorSpec.NETWORK);
    assertThrows(IllegalArgumentException.class,
        () -> PredictionColumns.of(network, request(1)));
    assertThrows(IllegalArgumentException.class, () -> new PredictionColumns.Request(
        1.5, List.of(), Difficulty.SPREAD, null, SetScore.PLAIN, 0));
  }
}
