package org.precond.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.precond.data.Dataset;

class InputScalingTest {

  private static Dataset column(float... values) {
    return new Dataset(values.length, values, List.of("x"), new float[values.length], List.of("y"));
  }

  @Test
  void robustScalingCentresOnTheMedianAndClipsOutliersSmoothly() {
    // Quartiles 2 and 4 (scale 2 / 1.349), median 3, one far outlier.
    Dataset data = column(1, 2, 3, 4, 1000);
    Preprocessing robust = Preprocessing.fit(data, InputScaling.ROBUST);
    float[] x = robust.inputs(new float[] {3, 4, 1000, -1000});
    assertEquals(0, x[0], 1e-6f);
    double z = 1.349 / 2;
    assertEquals(z / Math.sqrt(1 + z * z / 9), x[1], 1e-6);
    assertTrue(x[2] < 3 && x[2] > 2.99, "outlier " + x[2]);
    assertTrue(x[3] > -3 && x[3] < -2.99, "outlier " + x[3]);
    // Standard scaling lets the outlier dominate: the others all land near -0.5.
    float[] s = Preprocessing.fit(data, InputScaling.STANDARD).inputs(new float[] {1, 4});
    assertEquals(s[0], s[1], 0.01f);
  }

  @Test
  void aColumnWithEqualQuartilesFallsBackOnItsStandardDeviation() {
    Preprocessing robust = Preprocessing.fit(column(0, 0, 0, 0, 0, 0, 0, 1), InputScaling.ROBUST);
    assertEquals(Math.sqrt(7.0 / 64), robust.inputScaling().std(0), 1e-6);
    Preprocessing constant = Preprocessing.fit(column(5, 5, 5), InputScaling.ROBUST);
    assertEquals(1, constant.inputScaling().std(0));
  }
}
