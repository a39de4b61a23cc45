package org.precond.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.model.PrecondModel;
import org.precond.model.PredictionColumns;
import org.precond.model.Predictions;

/**
 * A fitted precond model as a Spark ML {@link Model}: it appends to a DataFrame the columns
 * {@code precond predict} writes — the prediction, and on request interval bounds, predictive
 * quantiles, a classifier's probabilities and prediction set, and the nearest contributing
 * training rows — computed by the very same model, so with the same numbers.
 *
 * <p>The model file is broadcast once per {@link #transform} and read once per executor; each
 * partition is predicted in batches of {@link #batchSize()} rows. The DataFrame needs the model's
 * feature columns by name, of any type: numbers, text (read as a CSV cell would be) or null
 * (missing). It is saved and loaded with Spark ML's writers and readers, so it can sit in a
 * {@link org.apache.spark.ml.Pipeline}.
 */
public final class PrecondScorer extends Model<PrecondScorer> implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final ModelFile file;

  private final Param<String> predictionCol;
  private final DoubleParam intervalLevel;
  private final DoubleArrayParam quantiles;
  private final Param<String> difficulty;
  private final DoubleParam setLevel;
  private final Param<String> setScore;
  private final IntParam neighbors;
  private final IntParam batchSize;

  PrecondScorer(String uid, ModelFile file) {
    this.uid = uid;
    this.file = file;
    predictionCol = new Param<>(this, "predictionCol",
        "name of the prediction column, which also prefixes the columns derived from it; with "
            + "several targets <predictionCol>_<target> each; empty: named after the targets, "
            + "as precond predict names them");
    intervalLevel = new DoubleParam(this, "intervalLevel",
        "level of the split-conformal intervals in <prediction>_lower and _upper; unset: none",
        ParamValidators.inRange(0, 1, false, false));
    quantiles = new DoubleArrayParam(this, "quantiles",
        "levels of the predictive quantiles in <prediction>_q<level>");
    difficulty = new Param<>(this, "difficulty",
        "what scales intervals and quantiles per row: none, spread or distance",
        ParamValidators.inArray(labels(Difficulty.values())));
    setLevel = new DoubleParam(this, "setLevel",
        "classifiers: level of the conformal prediction sets in <prediction>_set; unset: none",
        ParamValidators.inRange(0, 1, false, false));
    setScore = new Param<>(this, "setScore",
        "classifiers: the score of the prediction sets: plain or adaptive",
        ParamValidators.inArray(labels(SetScore.values())));
    neighbors = new IntParam(this, "neighbors",
        "how many contributing training rows to name in neighbor_<i>_row, _distance, _weight "
            + "and their targets", ParamValidators.gtEq(0));
    batchSize = new IntParam(this, "batchSize",
        "rows of a partition predicted together", ParamValidators.gtEq(1));
    setDefault(predictionCol, "prediction");
    setDefault(quantiles, new double[0]);
    setDefault(difficulty, Predictions.DEFAULT_DIFFICULTY.label());
    setDefault(setScore, Predictions.DEFAULT_SET_SCORE.name().toLowerCase(Locale.ROOT));
    setDefault(neighbors, (Object) 0);
    setDefault(batchSize, (Object) 4096);
  }

  /**
   * A scorer for the model in the precond model file {@code file}, as {@code precond fit} writes
   * it.
   *
   * @throws IOException if the file cannot be read or is not an intact precond model
   */
  public static PrecondScorer load(Path file) throws IOException {
    return new PrecondScorer(Identifiable.randomUID("precond"), ModelFile.read(file));
  }

  /** The model it scores with. */
  public PrecondModel model() {
    return file.model();
  }

  ModelFile file() {
    return file;
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public DoubleParam intervalLevel() {
    return intervalLevel;
  }

  public DoubleArrayParam quantiles() {
    return quantiles;
  }

  public Param<String> difficulty() {
    return difficulty;
  }

  public DoubleParam setLevel() {
    return setLevel;
  }

  public Param<String> setScore() {
    return setScore;
  }

  public IntParam neighbors() {
    return neighbors;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public PrecondScorer setPredictionCol(String name) {
    set(predictionCol, name);
    return this;
  }

  public PrecondScorer setIntervalLevel(double level) {
    set(intervalLevel, (Object) level);
    return this;
  }

  public PrecondScorer setQuantiles(double... levels) {
    set(quantiles, levels);
    return this;
  }

  public PrecondScorer setDifficulty(String kind) {
    set(difficulty, kind);
    return this;
  }

  public PrecondScorer setSetLevel(double level) {
    set(setLevel, (Object) level);
    return this;
  }

  public PrecondScorer setSetScore(String score) {
    set(setScore, score);
    return this;
  }

  public PrecondScorer setNeighbors(int count) {
    set(neighbors, (Object) count);
    return this;
  }

  public PrecondScorer setBatchSize(int rows) {
    set(batchSize, (Object) rows);
    return this;
  }

  /** What the params ask for beside the predictions. */
  PredictionColumns.Request request() {
    List<Double> levels = new ArrayList<>();
    for (double q : getOrDefault(quantiles)) {
      levels.add(q);
    }
    return new PredictionColumns.Request(
        isDefined(intervalLevel) ? (Double) getOrDefault(intervalLevel) : null,
        levels,
        Difficulty.valueOf(getOrDefault(difficulty).toUpperCase(Locale.ROOT)),
        isDefined(setLevel) ? (Double) getOrDefault(setLevel) : null,
        SetScore.valueOf(getOrDefault(setScore).toUpperCase(Locale.ROOT)),
        (Integer) getOrDefault(neighbors));
  }

  /**
   * The names of the point predictions: {@link #predictionCol()}, or after the targets (see
   * there).
   */
  List<String> predictionNames() {
    PrecondModel m = model();
    String name = getOrDefault(predictionCol);
    List<String> targets =
        m.preprocessing().isClassification()
            ? List.of(m.preprocessing().classes().target())
            : m.targetNames();
    if (name.isEmpty()) {
      return targets;
    }
    return targets.size() == 1
        ? List.of(name)
        : targets.stream().map(t -> name + "_" + t).toList();
  }

  /** The output columns' names and kinds. */
  PredictionColumns layout() {
    try {
      return PredictionColumns.of(model(), request(), predictionNames());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("precond scorer " + uid + ": " + e.getMessage(), e);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> present = Arrays.asList(schema.fieldNames());
    for (String column : model().columnNames()) {
      if (!present.contains(column)) {
        throw new IllegalArgumentException(
            "the DataFrame has no column \"" + column + "\", which the model reads; it has "
                + present);
      }
    }
    StructType out = schema;
    for (PredictionColumns.Column c : layout().columns()) {
      if (present.contains(c.name())) {
        throw new IllegalArgumentException(
            "the DataFrame already has a column \"" + c.name() + "\"; set predictionCol");
      }
      out = out.add(new StructField(c.name(), typeOf(c.kind()), true,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  private static DataType typeOf(PredictionColumns.Kind kind) {
    return switch (kind) {
      case NUMBER -> DataTypes.FloatType;
      case ROW -> DataTypes.IntegerType;
      case TEXT -> DataTypes.StringType;
    };
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType in = dataset.schema();
    StructType out = transformSchema(in);
    Broadcast<ModelFile> shared =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(file);
    ScorePartition score = new ScorePartition(shared, request(), predictionNames(),
        in.fieldNames(), (Integer) getOrDefault(batchSize));
    return dataset.toDF().mapPartitions(score, Encoders.row(out));
  }

  @Override
  public PrecondScorer copy(ParamMap extra) {
    PrecondScorer copy = new PrecondScorer(uid, file);
    return copyValues(copy, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new ScorerPersistence.Writer(this);
  }

  /** Reads a scorer saved with {@link #write()}; Spark ML's pipelines find it by this name. */
  public static MLReader<PrecondScorer> read() {
    return new ScorerPersistence.Reader();
  }

  /** Reads a scorer saved with {@link #write()} at {@code path}. */
  public static PrecondScorer load(String path) {
    return read().load(path);
  }

  private static List<String> labels(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
  }
}
