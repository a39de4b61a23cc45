package org.precond.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.precond.data.Dataset;
import org.precond.model.PredictorSpec;
import org.precond.model.PrecondModel;
import org.precond.synthetic.ReferenceFunction;

class SurfaceGridTest {

  private static final PrecondModel MODEL = SmallModels.e2();

  @Test
  void theGridSpansTheDataAndTheErrorsAreAgainstTheTruth() {
    Dataset test = SmallModels.e2Test(200);
    SurfaceGrid grid;
    grid = SurfaceGrid.of(MODEL, test, ReferenceFunction.E2, 0, 20, 50);
    assertEquals(20, grid.side());
    for (int input = 0; input < 2; input++) {
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (float[] block : new float[][] {MODEL.rows().trainingFeatures(), test.features()}) {
        for (int r = input; r < block.length; r += 2) {
          lo = Math.min(lo, block[r]);
          hi = Math.max(hi, block[r]);
        }
      }
      assertEquals(lo, grid.axis(input)[0]);
      assertEquals(hi, grid.axis(input)[19], 1e-6f);
    }
    // Row j, column i: x1 = axis(0)[i], x2 = axis(1)[j].
    float[] truth = grid.truth();
    assertEquals(
        (float) ReferenceFunction.E2.value(grid.axis(0)[3], grid.axis(1)[7]), truth[7 * 20 + 3]);
    List<String> titles = grid.predictions().stream().map(SurfaceGrid.Surface::title).toList();
    assertEquals(List.of("network", "knn k=1 in raw", "knn k=1 in embedding"), titles);
    for (SurfaceGrid.Surface s : grid.predictions()) {
      assertEquals(400, s.values().length);
      for (int p = 0; p < 400; p++) {
        assertEquals(s.values()[p] - truth[p], s.gridError()[p], 1e-6f);
      }
      assertEquals(50, s.testError().length, "errors at the sampled test rows");
    }
    assertEquals(40, grid.trainingInputs(0).length, "few training rows are marked");
  }

  @Test
  void theMapsUseTheModelsOwnInterpolantInBothSpaces() {
    List<PredictorSpec> estimators = SurfaceGrid.estimators(MODEL);
    assertTrue(estimators.get(0).isNetwork());
    assertEquals(MODEL.predictorSpec().interpolant(), estimators.get(1).interpolant());
    assertEquals(MODEL.predictorSpec().interpolant(), estimators.get(2).interpolant());
    assertEquals("raw", estimators.get(1).space().label());
    assertEquals("embedding", estimators.get(2).space().label());
  }

  @Test
  void withoutTheTruthOnlyTestErrorsRemain() {
    Dataset test = SmallModels.e2Test(30);
    SurfaceGrid grid = SurfaceGrid.of(MODEL, test, null, 0, 10, 100);
    assertNull(grid.truth());
    SurfaceGrid.Surface network = grid.predictions().get(0);
    assertNull(network.gridError());
    float[] predicted = MODEL.predict(test).networkMeans();
    float[] expected = new float[30];
    for (int r = 0; r < 30; r++) {
      expected[r] = predicted[r] - test.target(r, 0);
    }
    assertArrayEquals(expected, network.testError(), 1e-6f);
    assertEquals(test.feature(29, 1), grid.testInputs(1)[29], "every test row, in order");
  }

  @Test
  void aTruthNeedsTheFunctionsInputs() {
    Dataset renamed =
        new Dataset(40, ReferenceFunction.E2.uniform(40, 1).features(), List.of("a", "b"),
            ReferenceFunction.E2.uniform(40, 1).targets(), List.of("y"));
    PrecondModel other = SmallModels.train(renamed, 4, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SurfaceGrid.of(other, renamed, ReferenceFunction.E2, 0, 10, 10));
    assertTrue(e.getMessage().contains("[x1, x2]"), e.getMessage());
  }
}
