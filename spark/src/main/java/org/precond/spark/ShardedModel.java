package org.precond.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;
import org.precond.data.DataFormatException;
import org.precond.data.Table;
import org.precond.interpolate.InterpolantSpec;
import org.precond.model.NeighborShard;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.prep.Preprocessing;
import org.precond.space.Space;
import scala.Option;
import scala.Tuple2;

/**
 * A regressor whose neighbour database is sharded over the executors ({@link ShardedEstimator}):
 * its network embeds the rows to predict where they lie; each partition of them is searched in
 * every shard, and the shards' partial k nearest are merged into the exact k nearest of all rows,
 * whose targets make the k-NN prediction. It appends {@link #predictionCol()} and, when asked, a
 * split-conformal interval (calibrated on rows held out of fitting, measured the same way) and
 * the neighbours' row numbers in the fitted DataFrame (1 = its first row) and distances. Rows
 * come out grouped by partition, not necessarily in their input order.
 *
 * <p>It is saved as a directory: Spark ML's metadata, the network's model file, one file per
 * shard, and the calibration.
 */
public final class ShardedModel extends Model<ShardedModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  /** The network's model file in a saved model's directory. */
  static final String NETWORK_FILE = "network.pcm";

  /** The shards' directory in a saved model's directory. */
  static final String SHARDS = "shards";

  /** The calibration's file in a saved model's directory, when it has one. */
  static final String CALIBRATION = "calibration";

  private final String uid;
  private final ModelFile file;
  private final transient JavaRDD<Shard> shards;
  private final ShardCalibration calibration;
  private final Param<String> predictionCol;
  private final IntParam neighbors;
  private final DoubleParam intervalLevel;
  private final Param<String> difficulty;

  /** @param calibration null when no rows were held out to calibrate */
  ShardedModel(String uid, ModelFile file, JavaRDD<Shard> shards, ShardCalibration calibration) {
    this.uid = uid;
    this.file = file;
    this.shards = shards;
    this.calibration = calibration;
    predictionCol = new Param<>(this, "predictionCol",
        "name of the prediction column, which also prefixes the interval's bounds");
    intervalLevel = new DoubleParam(this, "intervalLevel",
        "level of the split-conformal intervals in <prediction>_lower and _upper; unset: none",
        ParamValidators.inRange(0, 1, false, false));
    difficulty = new Param<>(this, "difficulty",
        "what scales intervals per row: none, spread or distance",
        ParamValidators.inArray(Arrays.stream(Difficulty.values()).map(Difficulty::label)
            .toList()));
    setDefault(difficulty, Predictions.DEFAULT_DIFFICULTY.label());
    neighbors = new IntParam(this, "neighbors",
        "how many of the nearest training rows to name in neighbor_<i>_row and _distance",
        ParamValidators.gtEq(0));
    setDefault(predictionCol, "prediction");
    setDefault(neighbors, (Object) 0);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public IntParam neighbors() {
    return neighbors;
  }

  public ShardedModel setPredictionCol(String name) {
    set(predictionCol, name);
    return this;
  }

  public ShardedModel setNeighbors(int count) {
    set(neighbors, (Object) count);
    return this;
  }

  public DoubleParam intervalLevel() {
    return intervalLevel;
  }

  public Param<String> difficulty() {
    return difficulty;
  }

  public ShardedModel setIntervalLevel(double level) {
    set(intervalLevel, (Object) level);
    return this;
  }

  public ShardedModel setDifficulty(String kind) {
    set(difficulty, kind);
    return this;
  }

  /** Whether rows were held out to calibrate intervals. */
  public boolean isCalibrated() {
    return calibration != null;
  }

  /** This model with {@code c} for its intervals. */
  ShardedModel calibrated(ShardCalibration c) {
    return copyValues(new ShardedModel(uid, file, shards, c), ParamMap.empty());
  }

  /**
   * The {@code k} nearest rows of all shards to each query, row-major: each shard answers, the
   * answers merge.
   */
  NeighborShard.Nearest nearest(float[] queries, int k) {
    return shards.map(s -> s.search(queries, k))
        .reduce((a, b) -> NeighborShard.Nearest.merge(a, b, k));
  }

  /**
   * The network and the way it predicts, fitted on the sample: its {@link PrecondModel#predict}
   * searches only the sample's rows; this model searches every row.
   */
  public PrecondModel network() {
    return file.model();
  }

  /** How many rows the shards hold in all. */
  public long rows() {
    return shards.map(s -> (long) s.size()).fold(0L, Long::sum);
  }

  /** The row numbers the shards hold, ascending: the rows neither held out nor without target. */
  long[] rowNumbers() {
    return shards.flatMap(s -> Arrays.stream(s.rows()).boxed().iterator()).collect().stream()
        .mapToLong(Long::longValue).sorted().toArray();
  }

  /** How many shards hold them. */
  public long shardCount() {
    return shards.count();
  }

  ModelFile file() {
    return file;
  }

  JavaRDD<Shard> shardRdd() {
    return shards;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> present = List.of(schema.fieldNames());
    for (String column : network().columnNames()) {
      if (!present.contains(column)) {
        throw new IllegalArgumentException(
            "the DataFrame has no column \"" + column + "\", which the model reads; it has "
                + present);
      }
    }
    String name = getOrDefault(predictionCol);
    StructType out = schema.add(name, DataTypes.FloatType, true);
    if (isDefined(intervalLevel)) {
      if (calibration == null) {
        throw new IllegalArgumentException(
            "the model held out no rows to calibrate intervals; fit it with calibrationRows");
      }
      out = out.add(name + "_lower", DataTypes.FloatType, true)
          .add(name + "_upper", DataTypes.FloatType, true);
    }
    int n = (Integer) getOrDefault(neighbors);
    for (int i = 1; i <= n; i++) {
      out = out.add("neighbor_" + i + "_row", DataTypes.LongType, true)
          .add("neighbor_" + i + "_distance", DataTypes.FloatType, true);
    }
    if (List.of(out.fieldNames()).stream().distinct().count() != out.fieldNames().length) {
      throw new IllegalArgumentException(
          "the DataFrame already has a column the model would add; set predictionCol");
    }
    return out;
  }

  /** One partition of the rows to predict, with their coordinates in the embedding. */
  private record Queries(List<Row> rows, float[] coordinates) implements Serializable {}

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> df = dataset.toDF();
    StructType out = transformSchema(df.schema());
    PrecondModel network = network();
    int k = network.predictorSpec().interpolant().k();
    int named = (Integer) getOrDefault(neighbors);
    if (named > k) {
      throw new IllegalArgumentException(
          "the model predicts from " + k + " neighbours; cannot name " + named);
    }
    // Intervals: each row's difficulty from its nearest rows, as the calibration rows' was.
    Interval interval = isDefined(intervalLevel)
        ? new Interval((Double) getOrDefault(intervalLevel),
            Difficulty.valueOf(getOrDefault(difficulty).toUpperCase(Locale.ROOT)), calibration)
        : null;
    int reach = interval == null ? k : Math.max(k, DifficultyEstimator.NEIGHBORS);
    String[] columns = df.columns();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    Broadcast<ModelFile> shared = jsc.broadcast(file);
    JavaPairRDD<Integer, Queries> queries = df.javaRDD()
        .mapPartitionsWithIndex((p, rows) -> embed(shared, columns, p, rows), true)
        .mapToPair(t -> t);
    // Every partition of queries meets every shard, which needs only their coordinates; the
    // shards' answers merge per partition.
    JavaPairRDD<Integer, NeighborShard.Nearest> nearest = queries
        .mapToPair(t -> new Tuple2<>(t._1(), t._2().coordinates()))
        .cartesian(shards)
        .mapToPair(t -> new Tuple2<>(t._1()._1(), t._2().search(t._1()._2(), reach)))
        .reduceByKey((a, b) -> NeighborShard.Nearest.merge(a, b, reach));
    JavaRDD<Row> scored = queries.join(nearest)
        .flatMap(t -> predict(shared, named, interval, t._2()._1(), t._2()._2()));
    return df.sparkSession().createDataFrame(scored, out);
  }

  private static Iterator<Tuple2<Integer, Queries>> embed(
      Broadcast<ModelFile> shared, String[] columns, int partition, Iterator<Row> rows) {
    List<Row> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    if (all.isEmpty()) {
      return List.<Tuple2<Integer, Queries>>of().iterator();
    }
    PrecondModel network = shared.value().model();
    List<String> features = network.columnNames();
    String source = "partition " + partition;
    Table table = RowCells.read(network.rowReader().targets(List.of()).build(), features,
        RowCells.positions(features, columns), all, source, 1);
    try {
      float[] coordinates =
          network.pass(network.encode(table, source)).coordinates(Space.EMBEDDING);
      return List.of(new Tuple2<>(partition, new Queries(all, coordinates))).iterator();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The interval asked for: its level, the difficulty that scales it, the calibration. */
  private record Interval(double level, Difficulty difficulty, ShardCalibration calibration)
      implements Serializable {}

  /**
   * Each row with its k-NN prediction from its merged nearest rows, its interval when asked, and
   * the rows named.
   */
  private static Iterator<Row> predict(Broadcast<ModelFile> shared, int named, Interval interval,
      Queries queries, NeighborShard.Nearest nearest) {
    PrecondModel network = shared.value().model();
    Preprocessing prep = network.preprocessing();
    InterpolantSpec spec = network.predictorSpec().interpolant();
    int q = nearest.queries();
    float[] means = ShardCalibration.predict(spec, nearest);
    double[] sigma = null;
    ConformalCalibration scores = null;
    if (interval != null) {
      sigma = ShardCalibration.difficulty(nearest)[interval.difficulty().ordinal()];
      scores = interval.calibration().scores(interval.difficulty());
    }
    int bounds = interval == null ? 0 : 2;
    List<Row> out = new ArrayList<>(q);
    for (int r = 0; r < q; r++) {
      Row in = queries.rows().get(r);
      int at = in.length();
      Object[] values = new Object[at + 1 + bounds + 2 * named];
      for (int i = 0; i < at; i++) {
        values[i] = in.get(i);
      }
      // As Predictions maps standardised predictions and bounds back to the target's units.
      values[at++] = (float) prep.toUnits(means[r], 0);
      if (interval != null) {
        double[] b = scores.interval(interval.level(), means[r], sigma[r]);
        values[at++] = (float) prep.toUnits(b[0], 0);
        values[at++] = (float) prep.toUnits(b[1], 0);
      }
      for (int i = 0; i < named; i++) {
        boolean there = i < nearest.k();
        values[at++] = there ? nearest.row(r, i) + 1 : null;
        values[at++] = there ? nearest.distance(r, i) : null;
      }
      out.add(RowFactory.create(values));
    }
    return out.iterator();
  }

  @Override
  public ShardedModel copy(ParamMap extra) {
    return copyValues(new ShardedModel(uid, file, shards, calibration), extra)
        .setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Reads a model saved with {@link #write()}; Spark ML's pipelines find it by this name. */
  public static MLReader<ShardedModel> read() {
    return new Reader();
  }

  public static ShardedModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final ShardedModel model;

    Writer(ShardedModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sparkSession());
      ScorerPersistence.writeModel(
          model.file(), new Path(path, NETWORK_FILE), sc().hadoopConfiguration());
      // One file per shard: a partition each.
      model.shardRdd().saveAsObjectFile(new Path(path, SHARDS).toString());
      if (model.calibration != null) {
        Path file = new Path(path, CALIBRATION);
        try (ObjectOutputStream out = new ObjectOutputStream(
            file.getFileSystem(sc().hadoopConfiguration()).create(file, true))) {
          out.writeObject(model.calibration);
        } catch (IOException e) {
          throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static final class Reader extends MLReader<ShardedModel> {
    @Override
    public ShardedModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sparkSession(), ShardedModel.class.getName());
      ModelFile network = ScorerPersistence.readModel(
          new Path(path, NETWORK_FILE), sc().hadoopConfiguration());
      JavaRDD<Shard> shards = JavaSparkContext.fromSparkContext(sc())
          .<Shard>objectFile(new Path(path, SHARDS).toString())
          .persist(StorageLevel.MEMORY_AND_DISK());
      Path file = new Path(path, CALIBRATION);
      ShardCalibration calibration = null;
      try {
        FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
        if (fs.exists(file)) {
          try (ObjectInputStream in = new ObjectInputStream(fs.open(file))) {
            calibration = (ShardCalibration) in.readObject();
          }
        }
      } catch (IOException | ClassNotFoundException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
      ShardedModel model = new ShardedModel(metadata.uid(), network, shards, calibration);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
