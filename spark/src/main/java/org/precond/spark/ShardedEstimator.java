package org.precond.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.precond.conformal.DifficultyEstimator;
import org.precond.data.CsvReader;
import org.precond.data.DataFormatException;
import org.precond.data.Table;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.NeighborSearch;
import org.precond.model.NeighborShard;
import org.precond.model.PrecondModel;
import org.precond.model.Regressor;
import org.precond.space.Space;
import scala.Tuple2;

/**
 * Fits a precond regressor whose neighbour database is spread over the executors: the network is
 * trained on the driver on a sample of at most {@link #sampleSize()} rows; then every row is
 * embedded where it lies and the rows are split into {@link #shards()} shards, each indexed
 * exactly in its own partition. The {@link ShardedModel} predicts by k-NN in the embedding over
 * every row, searching all shards and merging their answers: the predictions of one machine that
 * held every row and searched exactly. Up to {@link #calibrationRows()} rows (at most a tenth)
 * are held out of the network's sample and of the shards to calibrate its intervals, predicted
 * and measured the same way.
 *
 * <p>Every column but {@link #labelCol()} is a feature; the label is the one numeric target.
 */
public final class ShardedEstimator extends Estimator<ShardedModel> {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> labelCol;
  private static final System.Logger LOG = System.getLogger(ShardedEstimator.class.getName());

  private final IntParam sampleSize;
  private final IntParam shards;
  private final IntParam k;
  private final IntParam steps;
  private final LongParam seed;
  private final IntParam calibrationRows;

  public ShardedEstimator() {
    this(Identifiable.randomUID("precondSharded"));
  }

  ShardedEstimator(String uid) {
    this.uid = uid;
    labelCol = new Param<>(this, "labelCol", "the target column; empty: the last column");
    sampleSize = new IntParam(this, "sampleSize",
        "rows collected to the driver to train the network on; 0: as many as half the driver's "
            + "heap holds", ParamValidators.gtEq(0));
    shards = new IntParam(this, "shards",
        "shards of the neighbour database; 0: one per partition of the DataFrame",
        ParamValidators.gtEq(0));
    k = new IntParam(this, "k", "neighbours per prediction", ParamValidators.gtEq(1));
    steps = new IntParam(this, "steps", "training steps of the network", ParamValidators.gtEq(1));
    seed = new LongParam(this, "seed", "seed of the sample and of training");
    calibrationRows = new IntParam(this, "calibrationRows",
        "rows held out of the shards, at most a tenth of all, to calibrate intervals; 0: none",
        ParamValidators.gtEq(0));
    Regressor defaults = Regressor.builder().build();
    setDefault(labelCol, "");
    setDefault(sampleSize, (Object) 0);
    setDefault(shards, (Object) 0);
    setDefault(k, (Object) 10);
    setDefault(steps, (Object) defaults.training().steps());
    setDefault(seed, (Object) defaults.training().seed());
    setDefault(calibrationRows, (Object) Regressor.CALIBRATION_SAMPLE);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public IntParam sampleSize() {
    return sampleSize;
  }

  public IntParam shards() {
    return shards;
  }

  public IntParam k() {
    return k;
  }

  public IntParam steps() {
    return steps;
  }

  public LongParam seed() {
    return seed;
  }

  public IntParam calibrationRows() {
    return calibrationRows;
  }

  public ShardedEstimator setCalibrationRows(int rows) {
    set(calibrationRows, (Object) rows);
    return this;
  }

  public ShardedEstimator setLabelCol(String name) {
    set(labelCol, name);
    return this;
  }

  public ShardedEstimator setSampleSize(int rows) {
    set(sampleSize, (Object) rows);
    return this;
  }

  public ShardedEstimator setShards(int count) {
    set(shards, (Object) count);
    return this;
  }

  public ShardedEstimator setK(int count) {
    set(k, (Object) count);
    return this;
  }

  public ShardedEstimator setSteps(int count) {
    set(steps, (Object) count);
    return this;
  }

  public ShardedEstimator setSeed(long value) {
    set(seed, (Object) value);
    return this;
  }

  private String label(String[] columns) {
    String name = getOrDefault(labelCol);
    return name.isEmpty() ? columns[columns.length - 1] : name;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String label = label(schema.fieldNames());
    if (!List.of(schema.fieldNames()).contains(label) || schema.fieldNames().length < 2) {
      throw new IllegalArgumentException(
          "the DataFrame needs the label column \"" + label + "\" and at least one feature");
    }
    return schema;
  }

  @Override
  public ShardedModel fit(Dataset<?> dataset) {
    Dataset<Row> df = dataset.toDF();
    transformSchema(df.schema());
    String[] columns = df.columns();
    String label = label(columns);
    long seedValue = (Long) getOrDefault(seed);
    // Row numbers in the DataFrame's order; a share of the rows, drawn by row number from the
    // seed, calibrates: neither the network nor the shards see them (split conformal).
    long rows = df.count();
    double share = Math.min((Integer) getOrDefault(calibrationRows), rows / 10) / (double) rows;
    JavaPairRDD<Long, Row> numbered =
        df.javaRDD().zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()));
    JavaPairRDD<Long, Row> fitting = numbered.filter(t -> !held(seedValue, t._1(), share));
    PrecondModel network = train(
        df.sparkSession().createDataFrame(fitting.map(Tuple2::_2), df.schema()), columns, label,
        seedValue);
    if (network.preprocessing().isClassification()) {
      throw new IllegalArgumentException(
          "the sharded model predicts numbers; the label \"" + label + "\" holds classes");
    }
    ModelFile file = ModelFile.of(network);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    Broadcast<ModelFile> shared = jsc.broadcast(file);
    int count = (Integer) getOrDefault(shards);
    int partitions = count > 0 ? count : df.rdd().getNumPartitions();
    // A shard takes every partitions-th row, so that each spans the whole table and a skewed
    // table still gives shards of one size.
    JavaRDD<Shard> built = fitting
        .partitionBy(new HashPartitioner(partitions))
        .mapPartitions(part -> build(shared, columns, part))
        .persist(StorageLevel.MEMORY_AND_DISK());
    // Built now, at fitting time, not at the first prediction.
    built.count();
    ShardedModel model = new ShardedModel(uid, file, built, null);
    if (share > 0) {
      List<Row> calibration = numbered.filter(t -> held(seedValue, t._1(), share))
          .map(Tuple2::_2).collect();
      model = model.calibrated(calibrate(model, calibration, columns));
    }
    return copyValues(model, ParamMap.empty()).setParent(this);
  }

  /** Whether row {@code row} is held out to calibrate: by chance {@code share}, from the seed. */
  private static boolean held(long seed, long row, double share) {
    return share > 0
        && new SplittableRandom(seed ^ (row * 0x9E3779B97F4A7C15L)).nextDouble() < share;
  }

  /** Calibrates on the held-out rows, searched in every shard as new rows are. */
  private static ShardCalibration calibrate(ShardedModel model, List<Row> rows, String[] columns) {
    PrecondModel network = model.network();
    List<String> names = List.of(columns);
    Table table = RowCells.read(network.rowReader().build(), names,
        RowCells.positions(names, columns), rows, "the calibration rows", 1);
    org.precond.data.Dataset encoded;
    try {
      encoded = network.encode(table, "the calibration rows");
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    float[] targets = network.preprocessing().targets(encoded.targets());
    int[] present = IntStream.range(0, targets.length)
        .filter(i -> !Float.isNaN(targets[i])).toArray();
    org.precond.data.Dataset kept = encoded.select(present);
    float[] coordinates = network.pass(kept).coordinates(Space.EMBEDDING);
    InterpolantSpec spec = network.predictorSpec().interpolant();
    NeighborShard.Nearest near = model.nearest(
        coordinates, Math.max(spec.k(), DifficultyEstimator.NEIGHBORS));
    return ShardCalibration.fit(spec, network.preprocessing().targets(kept.targets()), near);
  }

  /** The network, trained on the driver on a sample of the rows. */
  private PrecondModel train(Dataset<Row> df, String[] columns, String label, long seedValue) {
    int given = (Integer) getOrDefault(sampleSize);
    // This runs on the driver: its own heap is the one the sample must fit in.
    int size = given > 0 ? given : DriverSample.rows(columns.length, Runtime.getRuntime().maxMemory());
    long rows = df.count();
    LOG.log(System.Logger.Level.INFO, "training the network on {0} of {1} rows{2}",
        Math.min(size, rows), rows, given > 0 ? "" : " (as many as half the driver's heap holds)");
    List<Row> sample =
        rows <= size
            ? df.collectAsList()
            // A little more than needed, cut to size: sample() only keeps each row by chance.
            : df.sample(false, Math.min(1, 1.1 * size / rows), seedValue).limit(size)
                .collectAsList();
    List<String> names = List.of(columns);
    Table table = RowCells.read(CsvReader.builder().targets(List.of(label)).build(), names,
        RowCells.positions(names, columns), sample, "the sample", 1);
    int neighbours = (Integer) getOrDefault(k);
    return Regressor.builder()
        .steps((Integer) getOrDefault(steps))
        .seed(seedValue)
        .predictor(InterpolantSpec.of(Method.KNN).withK(neighbours), Space.EMBEDDING)
        .neighborSearch(NeighborSearch.EXACT)
        .build()
        .fit(table);
  }

  /** One shard from one partition's rows, numbered, through the network. */
  private static Iterator<Shard> build(
      Broadcast<ModelFile> shared, String[] columns, Iterator<Tuple2<Long, Row>> rows) {
    List<Tuple2<Long, Row>> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    if (all.isEmpty()) {
      return List.<Shard>of().iterator();
    }
    // The shard's index breaks ties by position: in row order, that is by row number.
    all.sort(Comparator.comparingLong(Tuple2::_1));
    PrecondModel network = shared.value().model();
    List<Row> data = all.stream().map(Tuple2::_2).toList();
    List<String> names = List.of(columns);
    TaskContext task = TaskContext.get();
    String source = "shard " + (task == null ? 0 : task.partitionId());
    Table table = RowCells.read(network.rowReader().build(), names,
        RowCells.positions(names, columns), data, source, 1);
    org.precond.data.Dataset encoded;
    try {
      encoded = network.encode(table, source);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    float[] points = network.pass(encoded).coordinates(Space.EMBEDDING);
    int dimension = points.length / encoded.rows();
    int outputs = encoded.targetCount();
    float[] values = network.preprocessing().targets(encoded.targets());
    // Rows without a target take no part, as in fitting on one machine.
    int kept = 0;
    long[] ids = new long[all.size()];
    for (int r = 0; r < all.size(); r++) {
      boolean present = true;
      for (int o = 0; o < outputs; o++) {
        present &= !Float.isNaN(values[r * outputs + o]);
      }
      if (present) {
        System.arraycopy(points, r * dimension, points, kept * dimension, dimension);
        System.arraycopy(values, r * outputs, values, kept * outputs, outputs);
        ids[kept++] = all.get(r)._1();
      }
    }
    if (kept == 0) {
      return List.<Shard>of().iterator();
    }
    return List.of(new Shard(
        Arrays.copyOf(points, kept * dimension), dimension,
        Arrays.copyOf(ids, kept), Arrays.copyOf(values, kept * outputs),
        outputs)).iterator();
  }

  @Override
  public ShardedEstimator copy(ParamMap extra) {
    return copyValues(new ShardedEstimator(uid), extra);
  }
}
