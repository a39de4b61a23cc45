package org.precond.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.data.Table;
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

  /**
   * A classifier of three classes, {@code low}, {@code mid} and {@code high}, by angle around the
   * origin of two inputs, one label in ten drawn at random: 600 rows, a 16 × 3 network, 300 lux
   * steps, one tenth of the rows kept for its prediction sets.
   */
  static PrecondModel classifier() {
    return Regressor.builder()
        .width(16)
        .depth(3)
        .steps(300)
        .optimizer(OptimizerType.LUX)
        .ensemble(1)
        .seed(2)
        .threads(1)
        .calibration(0.1)
        .build()
        .fit(classes(600, 1));
  }

  /** Fresh rows for {@link #classifier()}, its classes one-hot. */
  static Dataset classifierTest(PrecondModel model, int rows) throws IOException {
    return model.encode(classes(rows, 2), "classifier test rows");
  }

  private static Table classes(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] names = {"low", "mid", "high"};
    StringBuilder csv = new StringBuilder("u,v,kind\n");
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble() * 2 - 1;
      double v = random.nextDouble() * 2 - 1;
      double angle = Math.atan2(v, u) + Math.PI;
      int c = random.nextInt(10) == 0 ? random.nextInt(3) : (int) (angle / (2 * Math.PI / 3)) % 3;
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", u, v, names[c]));
    }
    try {
      return CsvReader.withDefaults()
          .readTable(
              new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
              "classes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
