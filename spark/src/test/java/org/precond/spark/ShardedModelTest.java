package org.precond.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.concurrent.Workers;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.model.PrecondModel;
import org.precond.space.Space;

/**
 * A model sharded over four partitions finds the neighbours, and makes the predictions and the
 * intervals, of one exact index over the same rows in the same network's embedding, calibrated on
 * the same held-out rows.
 */
class ShardedModelTest {

  @TempDir static Path dir;

  /**
   * Rows of the fitted table: few, for the test suite; {@code -Dtests.shardedRows=200000} checks
   * a table that size the same way.
   */
  private static final int ROWS = Integer.getInteger("tests.shardedRows", 2000);
  private static final int K = 5;

  private static SparkSession spark;
  private static StructType schema;
  private static List<Row> training;
  private static ShardedModel model;

  /** Two numeric inputs on a coarse grid (distances tie) and one categorical; a smooth target. */
  private static List<Row> rows(int n, long seed, boolean target) {
    Random random = new Random(seed);
    String[] colors = {"red", "green", "blue"};
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      double u = random.nextInt(40) / 20.0 - 1;
      double v = random.nextInt(40) / 20.0 - 1;
      int c = random.nextInt(3);
      double y = Math.sin(3 * u) + v * v + c * 0.5;
      out.add(target ? RowFactory.create(u, colors[c], v, y)
          : RowFactory.create((long) r, u, colors[c], v));
    }
    return out;
  }

  @BeforeAll
  static void fit() {
    spark = LocalSpark.start();
    schema = new StructType().add("u", DataTypes.DoubleType).add("color", DataTypes.StringType)
        .add("v", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    training = rows(ROWS, 1, true);
    // The network trains on a sample of the rows; all but the calibration rows are indexed.
    model = new ShardedEstimator().setSampleSize(500).setShards(4).setK(K).setSteps(50)
        .setSeed(2).fit(spark.createDataFrame(training, schema)).setNeighbors(K)
        .setIntervalLevel(0.9);
    indexed = model.rowNumbers();
    assertEquals(indexed.length, model.rows());
    // At most a tenth of the rows and 10,000, drawn by chance, calibrate.
    double held = Math.min(ROWS / 10, 10_000);
    assertTrue(Math.abs(ROWS - indexed.length - held) < 5 * Math.sqrt(held),
        (ROWS - indexed.length) + " calibration rows");
    assertEquals(4, model.shardCount());
    assertTrue(model.isCalibrated());
    reference = new OneMachine();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static long[] indexed;
  private static OneMachine reference;

  /**
   * One machine with the same network holding every indexed row in one exact index, calibrated
   * on the rows held out of it.
   */
  private static final class OneMachine {
    final PrecondModel network = model.network();
    final Interpolant interpolant;
    final DifficultyEstimator difficulty;
    final ConformalCalibration scores;

    OneMachine() {
      float[] points = coordinates(training, true);
      float[] values = network.preprocessing().targets(encode(training, true).targets());
      int dimension = points.length / ROWS;
      int[] in = Arrays.stream(indexed).mapToInt(r -> (int) r).toArray();
      int[] out = IntStream.range(0, ROWS).filter(r -> Arrays.binarySearch(in, r) < 0).toArray();
      float[] nodes = gather(points, dimension, in);
      float[] nodeValues = gather(values, 1, in);
      try (Workers workers = new Workers(1)) {
        interpolant = Interpolant.fit(network.predictorSpec().interpolant(), nodes, dimension,
            nodeValues, 1, workers);
        difficulty = new DifficultyEstimator(nodes, dimension, nodeValues, 1);
        float[] held = gather(points, dimension, out);
        scores = ConformalCalibration.fit(Difficulty.SPREAD, gather(values, 1, out),
            interpolant.predict(held, workers),
            difficulty.estimateAll(held, workers)[Difficulty.SPREAD.ordinal()]);
      }
    }

    private org.precond.data.Dataset encode(List<Row> rows, boolean target) {
      StringBuilder csv = new StringBuilder(target ? "u,color,v,y\n" : "id,u,color,v\n");
      for (Row r : rows) {
        csv.append(r.get(0)).append(',').append(r.get(1)).append(',').append(r.get(2))
            .append(',').append(r.get(3)).append('\n');
      }
      try {
        return network.encode(network.rowReader().build().readTable(
            new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "rows"),
            "rows");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    float[] coordinates(List<Row> rows, boolean target) {
      return network.pass(encode(rows, target)).coordinates(Space.EMBEDDING);
    }

    private static float[] gather(float[] block, int width, int[] rows) {
      float[] out = new float[rows.length * width];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(block, rows[i] * width, out, i * width, width);
      }
      return out;
    }
  }

  private static void assertSameAsOneMachine(ShardedModel sharded) {
    List<Row> queries = rows(200, 3, false);
    StructType querySchema = new StructType().add("id", DataTypes.LongType)
        .add("u", DataTypes.DoubleType).add("color", DataTypes.StringType)
        .add("v", DataTypes.DoubleType);
    List<Row> scored = sharded.transform(spark.createDataFrame(queries, querySchema).repartition(3))
        .orderBy("id").collectAsList();
    float[] coordinates = reference.coordinates(queries, false);
    WeightedNeighbors expected;
    double[] sigma;
    try (Workers workers = new Workers(1)) {
      expected = reference.interpolant.neighbors(coordinates, workers);
      sigma = reference.difficulty.estimateAll(coordinates, workers)[Difficulty.SPREAD.ordinal()];
    }
    float[] means = expected.means();
    var prep = sharded.network().preprocessing();
    assertEquals(queries.size(), scored.size());
    for (int q = 0; q < queries.size(); q++) {
      Row row = scored.get(q);
      assertEquals((float) prep.toUnits(means[q], 0), row.getFloat(4), "row " + q);
      double[] bounds = reference.scores.interval(0.9, means[q], sigma[q]);
      assertEquals((float) prep.toUnits(bounds[0], 0), row.getFloat(5), "row " + q);
      assertEquals((float) prep.toUnits(bounds[1], 0), row.getFloat(6), "row " + q);
      for (int r = 0; r < K; r++) {
        assertEquals(indexed[expected.index(q, r)] + 1, row.getLong(7 + 2 * r),
            "row " + q + " rank " + r);
        assertEquals(expected.distance(q, r), row.getFloat(8 + 2 * r));
      }
    }
  }

  @Test
  void predictsAsOneExactIndexOverEveryRow() {
    assertSameAsOneMachine(model);
  }

  @Test
  void savesOneFilePerShardAndLoadsBack() throws Exception {
    String saved = dir.resolve("sharded").toString();
    model.write().overwrite().save(saved);
    long files;
    try (var list = Files.list(Path.of(saved, ShardedModel.SHARDS))) {
      files = list.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
    assertEquals(4, files);
    ShardedModel loaded = ShardedModel.load(saved);
    assertEquals(indexed.length, loaded.rows());
    assertEquals(K, (Integer) loaded.getOrDefault(loaded.neighbors()));
    assertSameAsOneMachine(loaded);
  }

  @Test
  void scoresACsvFileInItsRowOrder() throws Exception {
    List<Row> queries = rows(300, 4, false);
    StringBuilder csv = new StringBuilder("id,u,color,v\n");
    for (Row r : queries) {
      csv.append(r.get(0)).append(',').append(r.get(1)).append(',').append(r.get(2)).append(',')
          .append(r.get(3)).append('\n');
    }
    Path data = dir.resolve("queries.csv");
    Files.writeString(data, csv);
    Path out = dir.resolve("sharded-predictions.csv");
    ShardedModel named = model.copy(ParamMap.empty()).setNeighbors(1).setPredictionCol("y");
    named.clear(named.intervalLevel());
    assertEquals(300, CsvScoring.score(spark, named, data, out, 3));
    List<String> lines = Files.readAllLines(out);
    assertEquals("y,neighbor_1_row,neighbor_1_distance", lines.get(0));
    WeightedNeighbors expected;
    try (Workers workers = new Workers(1)) {
      expected = reference.interpolant.neighbors(reference.coordinates(queries, false), workers);
    }
    var prep = model.network().preprocessing();
    for (int q = 0; q < queries.size(); q++) {
      assertEquals((float) prep.toUnits(expected.means()[q], 0) + ","
          + (indexed[expected.index(q, 0)] + 1) + "," + expected.distance(q, 0),
          lines.get(q + 1), "row " + q);
    }
  }
}
