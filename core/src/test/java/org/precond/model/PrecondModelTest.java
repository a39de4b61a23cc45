package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.io.ModelFormatException;
import org.precond.metrics.RegressionMetrics;
import org.precond.synthetic.ReferenceFunction;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingListener;

class PrecondModelTest {

  @TempDir Path dir;

  private static PrecondModel fit(Dataset data) {
    TrainingConfig config =
        TrainingConfig.builder().width(16).depth(3).steps(300).threads(2).seed(5).validationFraction(0.2).build();
    return new PrecondTrainer(config).fit(data, TrainingListener.NONE);
  }

  @Test
  void learnsInTheDataUnitsAndSurvivesASaveAndLoad() throws IOException {
    Dataset train = ReferenceFunction.E2.uniform(400, 1);
    Dataset test = ReferenceFunction.E2.uniform(200, 2);
    PrecondModel model = fit(train);
    try (Workers workers = new Workers(2)) {
      float[] predicted = model.predict(test, workers);
      double r2 = RegressionMetrics.compute(test.targets(), predicted, 1).r2(0);
      assertTrue(r2 > 0.95, "R² on held-out E2 points: " + r2);

      Path file = dir.resolve("m.pcm");
      model.save(file);
      PrecondModel loaded = PrecondModel.load(file);
      assertArrayEquals(model.mlp().parameters(), loaded.mlp().parameters());
      assertArrayEquals(predicted, loaded.predict(test, workers));
      assertArrayEquals(model.embed(test, workers), loaded.embed(test, workers));
      assertEquals(model.config(), loaded.config());
      assertArrayEquals(model.history().loss(), loaded.history().loss());
      assertArrayEquals(model.history().validationLoss(), loaded.history().validationLoss());
      assertEquals(model.history().message(), loaded.history().message());
      assertEquals(model.dataFingerprint(), loaded.dataFingerprint());
    }
  }

  @Test
  void refusesRowsWithOtherFeatures() {
    PrecondModel model = fit(ReferenceFunction.E2.uniform(100, 1));
    Dataset other =
        new Dataset(1, new float[] {1, 2}, java.util.List.of("a", "b"), new float[0], java.util.List.of());
    try (Workers workers = new Workers(1)) {
      assertThrows(IllegalArgumentException.class, () -> model.predict(other, workers));
    }
  }

  @Test
  void aFileThatIsNotAModelIsRefusedWithItsName() throws IOException {
    Path file = dir.resolve("notes.pcm");
    Files.writeString(file, "hello, this is not a model");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> PrecondModel.load(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }
}
