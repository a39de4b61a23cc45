package org.precond.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.precond.concurrent.Workers;
import org.precond.nn.Mlp;
import org.precond.nn.MseObjective;
import org.precond.nn.NetworkInputs;

class MlpTrainerTest {

  /** A smooth target on 2 inputs: y = sin(2 x1) + x2², standardised roughly. */
  private static float[][] data(int rows, long seed) {
    Random random = new Random(seed);
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      float a = (float) random.nextGaussian();
      float b = (float) random.nextGaussian();
      x[2 * r] = a;
      x[2 * r + 1] = b;
      y[r] = (float) (Math.sin(2 * a) + b * b - 1);
    }
    return new float[][] {x, y};
  }

  private static TrainingResult train(TrainingConfig config, float[][] d) {
    return new MlpTrainer(config).fit(d[0], 2, d[1], 1, TrainingListener.NONE);
  }

  @ParameterizedTest
  @EnumSource(OptimizerType.class)
  void sameSeedGivesBitIdenticalNetworksWhateverTheThreadCount(OptimizerType optimizer) {
    float[][] d = data(2100, 1);
    for (int batch : new int[] {0, 300}) {
      TrainingConfig.Builder b =
          TrainingConfig.builder()
              .width(8)
              .depth(3)
              .steps(40)
              .batchSize(batch)
              .optimizer(optimizer)
              .validationFraction(0.1)
              .seed(9);
      float[] one = train(b.threads(1).build(), d).mlp().parameters();
      float[] two = train(b.threads(2).build(), d).mlp().parameters();
      float[] four = train(b.threads(4).build(), d).mlp().parameters();
      assertArrayEquals(one, two, "1 vs 2 threads, batch " + batch);
      assertArrayEquals(one, four, "1 vs 4 threads, batch " + batch);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Objective.class, names = {"NEIGHBORS", "BOTH"})
  void neighbourObjectivesGiveBitIdenticalNetworksWhateverTheThreadCount(Objective objective) {
    float[][] d = data(2100, 4);
    for (int batch : new int[] {0, 300}) {
      TrainingConfig.Builder b =
          TrainingConfig.builder()
              .width(8)
              .depth(3)
              .steps(batch == 0 ? 4 : 20)
              .batchSize(batch)
              .objective(objective)
              .candidateShare(0.6)
              .validationFraction(0.1)
              .seed(9);
      TrainingResult one = train(b.threads(1).build(), d);
      TrainingResult four = train(b.threads(4).build(), d);
      assertArrayEquals(one.history().loss(), four.history().loss(), "batch " + batch);
      assertArrayEquals(
          one.mlp().parameters(), four.mlp().parameters(), "1 vs 4 threads, batch " + batch);
    }
  }

  /** The neighbour loss on held-out rows (predicted from the training rows) falls. */
  @ParameterizedTest
  @EnumSource(value = Objective.class, names = {"NEIGHBORS", "BOTH"})
  void neighbourObjectivesLearn(Objective objective) {
    float[][] d = data(600, 5);
    TrainingHistory h =
        train(
                TrainingConfig.builder()
                    .width(16)
                    .depth(3)
                    .steps(300)
                    .batchSize(64)
                    .objective(objective)
                    .validationFraction(0.2)
                    .threads(2)
                    .build(),
                d)
            .history();
    float first = h.validationLoss()[0];
    assertTrue(h.bestLoss() < 0.5 * first, "validation loss fell from " + first + " to " + h.bestLoss());
  }

  @ParameterizedTest
  @EnumSource(OptimizerType.class)
  void trainingReducesTheLossAndKeepsTheBestParameters(OptimizerType optimizer) {
    float[][] d = data(500, 2);
    TrainingResult result =
        train(
            TrainingConfig.builder()
                .width(16)
                .depth(3)
                .steps(300)
                .optimizer(optimizer)
                .validationFraction(0)
                .threads(2)
                .build(),
            d);
    TrainingHistory h = result.history();
    assertEquals(StopReason.COMPLETED, h.reason());
    assertEquals(300, h.loss().length);
    assertTrue(h.bestLoss() < 0.5 * h.loss()[0], "loss fell from " + h.loss()[0] + " to " + h.bestLoss());
    try (Workers workers = new Workers(1)) {
      double kept =
          new MseObjective(
                  result.mlp().architecture(), NetworkInputs.of(d[0], 2), d[1], workers)
              .evaluate(result.mlp().parameters(), null, 0, 500, null);
      assertEquals(h.bestLoss(), kept, 1e-6 * kept, "the kept parameters have the best loss");
      for (float loss : h.loss()) {
        assertTrue(kept <= loss + 1e-7, "no step had a lower loss than the kept one");
      }
    }
  }

  @Test
  void divergenceStopsWithTheLastGoodParametersAndSaysSo() {
    float[][] d = data(200, 3);
    TrainingResult result =
        train(
            TrainingConfig.builder()
                .width(8)
                .depth(2)
                .steps(200)
                .learningRate(1e30)
                .validationFraction(0)
                .threads(1)
                .build(),
            d);
    TrainingHistory h = result.history();
    assertEquals(StopReason.DIVERGED, h.reason());
    assertTrue(h.message().contains("diverged"), h.message());
    for (float v : result.mlp().parameters()) {
      assertTrue(Float.isFinite(v), "kept parameters are finite");
    }
  }

  @Test
  void earlyStoppingEndsTheRunAndKeepsTheBestValidationParameters() {
    float[][] d = data(400, 4);
    // A huge rate makes the validation loss stop improving quickly.
    TrainingResult result =
        train(
            TrainingConfig.builder()
                .width(8)
                .depth(2)
                .steps(5000)
                .learningRate(0.5)
                .validationFraction(0.25)
                .patience(3)
                .threads(1)
                .build(),
            d);
    TrainingHistory h = result.history();
    assertEquals(StopReason.EARLY_STOPPED, h.reason(), h.message());
    assertTrue(h.loss().length < 5000);
    double min = Double.POSITIVE_INFINITY;
    for (float v : h.validationLoss()) {
      min = Math.min(min, v);
    }
    assertEquals(min, h.bestLoss(), 1e-6 * min);
  }

  @Test
  void tooFewRowsForValidationFallBackToTheTrainingLoss() {
    float[][] d = data(100, 6);
    TrainingHistory h =
        train(TrainingConfig.builder().width(4).depth(1).steps(20).threads(1).build(), d)
            .history();
    // 10% of 100 rows is below the minimum: no validation checks, the training loss decides.
    assertEquals(0, h.validationSteps().length);
    assertTrue(h.message().contains("training loss"), h.message());
    TrainingHistory validated =
        train(TrainingConfig.builder().width(4).depth(1).steps(20).threads(1).build(), data(400, 6))
            .history();
    assertTrue(validated.validationSteps().length > 0);
    assertTrue(validated.message().contains("validation loss"), validated.message());
  }

  @Test
  void luxOptimizerKeepsHiddenColumnNormsAtMostOne() {
    float[][] d = data(300, 5);
    Mlp mlp =
        train(TrainingConfig.builder().width(8).depth(3).steps(50).optimizer(OptimizerType.LUX).threads(1).build(), d)
            .mlp();
    float[] p = mlp.parameters();
    var arch = mlp.architecture();
    for (int l = 0; l < arch.depth(); l++) {
      double largest = 0;
      for (int j = 0; j < arch.fanOut(l); j++) {
        double norm = 0;
        for (int i = 0; i < arch.fanIn(l); i++) {
          float w = p[arch.weightOffset(l) + i * arch.fanOut(l) + j];
          norm += w * w;
        }
        largest = Math.max(largest, Math.sqrt(norm));
      }
      assertEquals(1.0, largest, 1e-5, "largest column norm of hidden layer " + l);
    }
  }
}
