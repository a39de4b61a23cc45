package org.precond.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.precond.data.CsvReader;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.model.PrecondModel;
import org.precond.space.Space;

/**
 * A model sharded over four partitions finds the neighbours, and makes the predictions, of one
 * exact index over every row in the same network's embedding.
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
    // The network trains on a sample of the rows; all of them are indexed.
    model = new ShardedEstimator().setSampleSize(500).setShards(4).setK(K).setSteps(50)
        .setSeed(2).fit(spark.createDataFrame(training, schema)).setNeighbors(K);
    assertEquals(ROWS, model.rows());
    assertEquals(4, model.shardCount());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** What one exact index over every row's embedding gives for {@code queries}. */
  private static WeightedNeighbors singleMachine(List<Row> queries) throws Exception {
    PrecondModel network = model.network();
    StringBuilder csv = new StringBuilder("u,color,v,y\n");
    for (Row r : training) {
      csv.append(r.get(0)).append(',').append(r.get(1)).append(',').append(r.get(2)).append(',')
          .append(r.get(3)).append('\n');
    }
    var all = network.encode(network.rowReader().build().readTable(
        new java.io.ByteArrayInputStream(csv.toString().getBytes()), "training"), "training");
    float[] points = network.pass(all).coordinates(Space.EMBEDDING);
    float[] values = network.preprocessing().targets(all.targets());
    StringBuilder q = new StringBuilder("u,color,v\n");
    for (Row r : queries) {
      q.append(r.get(1)).append(',').append(r.get(2)).append(',').append(r.get(3)).append('\n');
    }
    var rows = network.encode(network.rowReader().targets(List.of()).build().readTable(
        new java.io.ByteArrayInputStream(q.toString().getBytes()), "queries"), "queries");
    InterpolantSpec spec = network.predictorSpec().interpolant();
    int dimension = points.length / ROWS;
    try (Workers workers = new Workers(1)) {
      return Interpolant.fit(spec, points, dimension, values, 1, workers)
          .neighbors(network.pass(rows).coordinates(Space.EMBEDDING), workers);
    }
  }

  private static void assertSameAsOneMachine(ShardedModel sharded) throws Exception {
    List<Row> queries = rows(200, 3, false);
    StructType querySchema = new StructType().add("id", DataTypes.LongType)
        .add("u", DataTypes.DoubleType).add("color", DataTypes.StringType)
        .add("v", DataTypes.DoubleType);
    List<Row> scored = sharded.transform(spark.createDataFrame(queries, querySchema).repartition(3))
        .orderBy("id").collectAsList();
    WeightedNeighbors expected = singleMachine(queries);
    float[] means = expected.means();
    var prep = sharded.network().preprocessing();
    assertEquals(queries.size(), scored.size());
    for (int q = 0; q < queries.size(); q++) {
      Row row = scored.get(q);
      assertEquals((float) prep.toUnits(means[q], 0), row.getFloat(4), "row " + q);
      for (int r = 0; r < K; r++) {
        assertEquals(expected.index(q, r) + 1L, row.getLong(5 + 2 * r), "row " + q + " rank " + r);
        assertEquals(expected.distance(q, r), row.getFloat(6 + 2 * r));
      }
    }
  }

  @Test
  void predictsAsOneExactIndexOverEveryRow() throws Exception {
    assertSameAsOneMachine(model);
  }

  @Test
  void savesOneFilePerShardAndLoadsBack() throws Exception {
    String saved = dir.resolve("sharded").toString();
    model.write().overwrite().save(saved);
    long files;
    try (var list = java.nio.file.Files.list(Path.of(saved, ShardedModel.SHARDS))) {
      files = list.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
    assertEquals(4, files);
    ShardedModel loaded = ShardedModel.load(saved);
    assertEquals(ROWS, loaded.rows());
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
    java.nio.file.Files.writeString(data, csv);
    Path out = dir.resolve("sharded-predictions.csv");
    ShardedModel named = model.copy(org.apache.spark.ml.param.ParamMap.empty()).setNeighbors(1)
        .setPredictionCol("y");
    assertEquals(300, CsvScoring.score(spark, named, data, out, 3));
    List<String> lines = java.nio.file.Files.readAllLines(out);
    assertEquals("y,neighbor_1_row,neighbor_1_distance", lines.get(0));
    WeightedNeighbors expected = singleMachine(queries);
    var prep = model.network().preprocessing();
    for (int q = 0; q < queries.size(); q++) {
      assertEquals((float) prep.toUnits(expected.means()[q], 0) + "," + (expected.index(q, 0) + 1)
          + "," + expected.distance(q, 0), lines.get(q + 1), "row " + q);
    }
  }
}
