package org.precond.report;

import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.PrecondModel;
import org.precond.model.Regressor;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;
import org.precond.train.OptimizerType;

/** Small models trained in well under a second, for tests of what is drawn from them. */
final class SmallModels {

  private SmallModels() {}

  /** E2's reference experiment in small: 40 rows, an 8 × 4 network, 300 lux steps, 1-NN. */
  static PrecondModel e2() {
    return train(ReferenceFunction.E2.uniform(40, 1), 8, 4);
  }

  static PrecondModel train(Dataset data, int width, int depth) {
    return Regressor.builder()
        .width(width)
        .depth(depth)
        .steps(300)
        .optimizer(OptimizerType.LUX)
        .threads(1)
        .predictor(InterpolantSpec.of(Method.KNN).withK(1), Space.EMBEDDING)
        .calibration(0)
        .build()
        .fit(data);
  }

  /** Fresh E2 test rows. */
  static Dataset e2Test(int rows) {
    return ReferenceFunction.E2.uniform(rows, 2);
  }
}
