package org.precond.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvReader;
import org.precond.model.PrecondModel;
import org.precond.model.PredictionColumns;
import org.precond.model.Predictions;
import org.precond.model.Regressor;

/** Scoring a DataFrame gives what the model gives on one machine, and survives save and load. */
class PrecondScorerTest {

  @TempDir static Path dir;

  private static SparkSession spark;
  private static PrecondModel model;
  private static Path modelFile;
  private static Path rowsFile;

  /** A numeric and a categorical input, a few missing cells, a smooth target. */
  private static String table(int rows, long seed) {
    Random random = new Random(seed);
    String[] colors = {"red", "green", "blue"};
    StringBuilder sb = new StringBuilder("u,color,v,y\n");
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble() * 2 - 1;
      double v = random.nextDouble() * 2 - 1;
      int c = random.nextInt(3);
      double y = Math.sin(3 * u) + v * v + c * 0.5;
      String uCell = random.nextInt(50) == 0 ? "" : String.format(Locale.ROOT, "%.5f", u);
      sb.append(String.format(Locale.ROOT, "%s,%s,%.5f,%.5f%n", uCell, colors[c], v, y));
    }
    return sb.toString();
  }

  @BeforeAll
  static void fit() throws IOException {
    Path train = dir.resolve("train.csv");
    Files.writeString(train, table(600, 1));
    model = Regressor.builder().width(8).depth(2).steps(150).seed(4).validationFraction(0.2)
        .threads(1).build().fit(CsvReader.withDefaults().readTable(train));
    modelFile = dir.resolve("model.pcm");
    model.save(modelFile);
    rowsFile = dir.resolve("rows.csv");
    Files.writeString(rowsFile, table(300, 2));
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static PredictionColumns.Request request() {
    return new PredictionColumns.Request(0.9, List.of(0.1, 0.5), Predictions.DEFAULT_DIFFICULTY,
        null, Predictions.DEFAULT_SET_SCORE, 3);
  }

  /** What {@code precond predict} writes for the rows file: column names, then text per row. */
  private static List<List<String>> expected() throws IOException {
    PredictionColumns.Values v =
        PredictionColumns.of(model, request()).values(model.predict(model.readRows(rowsFile)));
    List<List<String>> out = new ArrayList<>();
    out.add(v.columns().stream().map(PredictionColumns.Column::name).toList());
    for (int r = 0; r < v.rows(); r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < v.columns().size(); c++) {
        row.add(v.text(c, r));
      }
      out.add(row);
    }
    return out;
  }

  /** The prediction columns of a scored DataFrame as text, in its row order, header first. */
  private static List<List<String>> scored(Dataset<Row> scored, List<String> columns) {
    List<List<String>> out = new ArrayList<>();
    out.add(columns);
    // Quoted: quantile columns such as y_q0.5 hold a dot.
    for (Row row : scored.select(columns.stream().map(c -> functions.col("`" + c + "`"))
        .toArray(org.apache.spark.sql.Column[]::new)).collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        cells.add(row.isNullAt(c) ? "" : row.get(c).toString());
      }
      out.add(cells);
    }
    return out;
  }

  private static PrecondScorer scorer() throws IOException {
    return PrecondScorer.load(modelFile).setPredictionCol("").setIntervalLevel(0.9)
        .setQuantiles(0.1, 0.5).setNeighbors(3).setBatchSize(64);
  }

  @Test
  void scoresTextColumnsAsPredictDoes() throws IOException {
    List<List<String>> expected = expected();
    Dataset<Row> rows = spark.read().option("header", "true")
        .schema(new StructType().add("u", DataTypes.StringType)
            .add("color", DataTypes.StringType).add("v", DataTypes.StringType)
            .add("y", DataTypes.StringType))
        .csv(rowsFile.toString()).drop("y");
    assertEquals(expected, scored(scorer().transform(rows), expected.get(0)));
  }

  @Test
  void scoresTypedColumnsInManyPartitionsAsPredictDoes() throws IOException {
    List<List<String>> expected = expected();
    // Numbers as doubles, the missing cells null; shuffled into four partitions, then put back
    // in order by a row number. The predictions are named as the target, which goes.
    Dataset<Row> rows = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(rowsFile.toString()).drop("y");
    assertEquals(DataTypes.DoubleType, rows.schema().apply("u").dataType());
    Dataset<Row> shuffled =
        rows.withColumn("id", functions.monotonically_increasing_id()).repartition(4);
    assertEquals(4, shuffled.rdd().getNumPartitions());
    Dataset<Row> scored = scorer().transform(shuffled).orderBy("id");
    assertEquals(expected, scored(scored, expected.get(0)));
    // The input columns come first, unchanged.
    assertEquals(List.of("u", "color", "v", "id"), List.of(scored.columns()).subList(0, 4));
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline() throws IOException {
    List<List<String>> expected = expected();
    Dataset<Row> rows = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(rowsFile.toString()).drop("y");
    String alone = dir.resolve("scorer").toString();
    scorer().write().overwrite().save(alone);
    PrecondScorer loaded = PrecondScorer.load(alone);
    assertEquals(3, (Integer) loaded.getOrDefault(loaded.neighbors()));
    assertEquals(expected, scored(loaded.transform(rows), expected.get(0)));

    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {scorer()}).fit(rows);
    String saved = dir.resolve("pipeline").toString();
    pipeline.write().overwrite().save(saved);
    assertEquals(expected, scored(PipelineModel.load(saved).transform(rows), expected.get(0)));
  }

  @Test
  void namesThePredictionAfterPredictionColAndRefusesMissingColumns() throws IOException {
    Dataset<Row> rows = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(rowsFile.toString());
    PrecondScorer s = PrecondScorer.load(modelFile).setIntervalLevel(0.9);
    List<String> columns = List.of(s.transform(rows).columns());
    assertTrue(columns.containsAll(List.of("prediction", "prediction_lower", "prediction_upper")),
        columns.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.transform(rows.drop("color")));
    assertTrue(e.getMessage().contains("no column \"color\""), e.getMessage());
  }

  @Test
  void scoresACsvFileIntoTheFilePredictWrites() throws IOException {
    List<List<String>> expected = expected();
    Path out = dir.resolve("predictions.csv");
    long rows = CsvScoring.score(spark, scorer(), rowsFile, out, 3);
    assertEquals(expected.size() - 1, rows);
    List<String> lines = Files.readAllLines(out);
    assertEquals(expected.size(), lines.size());
    for (int r = 0; r < lines.size(); r++) {
      assertEquals(String.join(",", expected.get(r)), lines.get(r));
    }
  }

  @Test
  void scoresAClassifierWithProbabilitiesAndPredictionSets() throws IOException {
    // Three classes by the sign of the smooth target around its quartiles, on the same inputs.
    Path train = dir.resolve("classes.csv");
    StringBuilder sb = new StringBuilder();
    for (String line : table(600, 5).split("\n")) {
      int last = line.lastIndexOf(',');
      String head = line.substring(0, last);
      String y = line.substring(last + 1);
      sb.append(head).append(',').append(y.equals("y") ? "kind"
          : Double.parseDouble(y) < 0.5 ? "low" : Double.parseDouble(y) < 1.5 ? "mid" : "high")
          .append('\n');
    }
    Files.writeString(train, sb.toString());
    PrecondModel classifier = Regressor.builder().width(8).depth(2).steps(150).seed(4)
        .validationFraction(0.2).threads(1).build()
        .fit(CsvReader.withDefaults().readTable(train));
    Path file = dir.resolve("classifier.pcm");
    classifier.save(file);
    PredictionColumns.Request request = new PredictionColumns.Request(null, List.of(),
        Predictions.DEFAULT_DIFFICULTY, 0.9, Predictions.DEFAULT_SET_SCORE, 2);
    PredictionColumns.Values v = PredictionColumns.of(classifier, request)
        .values(classifier.predict(classifier.readRows(rowsFile)));
    List<List<String>> expected = new ArrayList<>();
    expected.add(v.columns().stream().map(PredictionColumns.Column::name).toList());
    for (int r = 0; r < v.rows(); r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < v.columns().size(); c++) {
        row.add(v.text(c, r));
      }
      expected.add(row);
    }
    assertEquals(List.of("kind", "kind_p_high", "kind_p_low", "kind_p_mid", "kind_set"),
        expected.get(0).subList(0, 5));
    Dataset<Row> rows = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(rowsFile.toString()).drop("y");
    PrecondScorer scorer = PrecondScorer.load(file).setPredictionCol("").setSetLevel(0.9)
        .setNeighbors(2);
    assertEquals(expected, scored(scorer.transform(rows), expected.get(0)));
  }
}
