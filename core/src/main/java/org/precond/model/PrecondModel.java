package org.precond.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precond.concurrent.Workers;
import org.precond.data.CsvReader;
import org.precond.data.ColumnType;
import org.precond.data.DataFormatException;
import org.precond.data.Dataset;
import org.precond.data.Table;
import org.precond.io.ModelCodec;
import org.precond.nn.Ensemble;
import org.precond.prep.Classes;
import org.precond.prep.Preprocessing;
import org.precond.prep.TableEncoding;
import org.precond.train.TrainingConfig;

/**
 * A fitted precond model, immutable: the preprocessing of its columns, the network, the predictor
 * (the network alone, or an interpolant in some space), the conformal calibration when it kept
 * rows for one, the rows it keeps, and how it was made. It predicts in the targets' own units,
 * embeds rows into the network's last hidden layer, names the training rows behind each
 * prediction, and is saved to and loaded from one model file.
 *
 * <p>Work is shared out over {@link #threads()} threads; results do not depend on how many.
 */
public final class PrecondModel {

  private static final System.Logger LOG = System.getLogger(PrecondModel.class.getName());

  private final Preprocessing preprocessing;
  private final Ensemble network;
  private final Predictor predictor;
  private final Calibration calibration;
  private final KeptRows rows;
  private final Provenance provenance;
  private final int threads;

  /**
   * A model from its parts.
   *
   * @param calibration null when the model kept no calibration rows
   * @param threads how many threads its work is shared over; at least 1
   */
  public PrecondModel(
      Preprocessing preprocessing,
      Ensemble network,
      Predictor predictor,
      Calibration calibration,
      KeptRows rows,
      Provenance provenance,
      int threads) {
    if (network.inputs() != preprocessing.features()
        || network.architecture().outputs() != preprocessing.targets()) {
      throw new IllegalArgumentException(
          "network " + network.architecture() + " does not match the columns");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.preprocessing = preprocessing;
    this.network = network;
    this.predictor = predictor;
    this.calibration = calibration;
    this.rows = rows;
    this.provenance = provenance;
    this.threads = threads;
  }

  /**
   * Reads a model written by {@link #save}; its work goes to every available processor.
   *
   * @throws ModelFormatException naming the file if it is not a complete, intact precond model
   *     this version can read
   */
  public static PrecondModel load(Path file) throws IOException {
    return ModelCodec.read(file, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Opens a model file written by {@link #save} to predict with: reads and checks all of it, as
   * {@link #load} does, but a model that predicts with the network alone keeps in the file what
   * only intervals and neighbours use, its training rows' embedding and the graph over them, and
   * reads them when first needed. Predicting a few rows of a large model then takes a fraction of
   * the time and memory. The file must stay as it is while the model is used: one that changed is
   * reported when they are read, as an {@link java.io.UncheckedIOException} of a {@link
   * ModelFormatException} naming it.
   *
   * @throws ModelFormatException naming the file if it is not a complete, intact precond model
   *     this version can read
   */
  public static PrecondModel open(Path file) throws IOException {
    return ModelCodec.open(file, Runtime.getRuntime().availableProcessors());
  }

  /** Writes the model to one file, atomically. */
  public void save(Path file) throws IOException {
    ModelCodec.write(this, file);
  }

  /** Everything the model can say about {@code data}'s rows: see {@link Predictions}. */
  public Predictions predict(Dataset data) {
    try (Workers workers = new Workers(threads)) {
      return predict(pass(data, workers), workers);
    }
  }

  /** Predictions for rows this model's network has already passed over ({@link #pass}). */
  public Predictions predict(RowPass pass) {
    try (Workers workers = new Workers(threads)) {
      return predict(pass, workers);
    }
  }

  private Predictions predict(RowPass pass, Workers workers) {
    if (!pass.madeBy(network)) {
      throw new IllegalArgumentException("the rows were passed through another network");
    }
    Predictor.Estimate estimate = predictor.estimate(pass, workers);
    float[] mean =
        preprocessing.isClassification()
            ? predictor.probabilities(estimate, pass, preprocessing.targets())
            : estimate.mean();
    NeighborRows neighbors =
        estimate.neighbors() == null
            ? null
            : new NeighborRows(
                estimate.neighbors(), rows, preprocessing.features(), preprocessing.targets(),
                preprocessing.classes());
    return new Predictions(
        preprocessing, mean, pass.output(),
        calibration == null ? null : pass.coordinates(predictor.spec().distanceSpace()), threads,
        calibration, neighbors);
  }

  /** {@code data}'s rows through the network, to predict with this model and its variants. */
  public RowPass pass(Dataset data) {
    try (Workers workers = new Workers(threads)) {
      return pass(data, workers);
    }
  }

  private RowPass pass(Dataset data, Workers workers) {
    return RowPass.of(
        network, preprocessing.inputs(data), preprocessing.isClassification(), workers);
  }

  /** The last hidden layer for {@code data}'s rows, row-major {@code rows × width}. */
  public float[] transform(Dataset data) {
    try (Workers workers = new Workers(threads)) {
      return network.embed(preprocessing.inputs(data), workers);
    }
  }

  /** Each row's prediction with the training rows behind it: see {@link Predictions#explain}. */
  public List<Explanation> explain(Dataset data) {
    Predictions p = predict(data);
    List<Explanation> out = new ArrayList<>(p.rows());
    for (int q = 0; q < p.rows(); q++) {
      out.add(p.explain(q));
    }
    return out;
  }

  /**
   * This model predicting another way: the same network, with {@code spec}'s predictor fitted on
   * the kept training rows and calibrated on the kept calibration rows.
   */
  public PrecondModel withPredictor(PredictorSpec spec) {
    try (Variants variants = variants(true)) {
      return variants.with(spec);
    }
  }

  /**
   * A maker of this model's variants with other predictors that passes the kept rows through the
   * network once for all of them.
   *
   * @param calibrate whether the variants are calibrated (when this model is); scoring point
   *     predictions needs no calibration
   */
  public Variants variants(boolean calibrate) {
    return new Variants(this, calibrate && calibration != null);
  }

  /** The kept training rows through the network. */
  public RowPass trainingPass() {
    try (Workers workers = new Workers(threads)) {
      return RowPass.of(
          network, preprocessing.inputs(rows.trainingFeatures()),
          preprocessing.isClassification(), workers);
    }
  }

  /** The same model with another predictor and calibration. */
  PrecondModel with(Predictor p, Calibration c) {
    return new PrecondModel(preprocessing, network, p, c, rows, provenance, threads);
  }

  /** This model sharing its work over {@code count} threads. */
  public PrecondModel withThreads(int count) {
    return new PrecondModel(
        preprocessing, network, predictor, calibration, rows, provenance, count);
  }

  /**
   * A reader of CSV tables for this model ({@link CsvReader#readTable}): its columns by name and
   * with their types, its targets when present. {@link #encode} makes rows of what it reads.
   */
  public CsvReader.Builder rowReader() {
    TableEncoding columns = preprocessing.encoding();
    Map<String, ColumnType> types = new HashMap<>(columns.types());
    Classes classes = preprocessing.classes();
    if (classes != null) {
      types.put(classes.target(), ColumnType.CATEGORICAL);
    }
    return CsvReader.builder()
        .features(columns.columnNames())
        .modelTypes(types)
        .targets(classes == null ? targetNames() : List.of(classes.target()))
        .targetsOptional(true);
  }

  /**
   * Reads rows to predict from a CSV file ({@code -} for standard input): {@link #rowReader}.
   *
   * @throws DataFormatException naming the file if a column is of another type than in
   *     training, or a label is not one of the model's classes
   */
  public Dataset readRows(Path file) throws IOException {
    return encode(rowReader().build().readTable(file), file.toString());
  }

  /**
   * The rows of {@code table} as this model reads them, its columns encoded as in training. Cells
   * of categories not seen in training are counted in one warning naming {@code source}.
   *
   * @throws DataFormatException naming {@code source} if a column is missing or of another type
   *     than in training, or a label is not one of the model's classes
   */
  public Dataset encode(Table table, String source) throws DataFormatException {
    TableRows encoded;
    try {
      encoded = TableRows.encode(preprocessing.encoding(), preprocessing.classes(), table);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(source, e.getMessage());
    }
    if (!encoded.unseen().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      int total = 0;
      for (var e : encoded.unseen().entrySet()) {
        sb.append(total == 0 ? "" : ", ").append(e.getKey()).append(" (").append(e.getValue())
            .append(')');
        total += e.getValue();
      }
      LOG.log(System.Logger.Level.WARNING, source + ": " + total
          + " cells hold categories not seen in training, taken as unknown: " + sb);
    }
    return encoded.data();
  }

  /** The names of the network's inputs: the columns as encoded ({@link #columnNames}). */
  public List<String> featureNames() {
    return preprocessing.featureNames();
  }

  /** The names of the feature columns it reads. */
  public List<String> columnNames() {
    return preprocessing.encoding().columnNames();
  }

  public List<String> targetNames() {
    return preprocessing.targetNames();
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  public Ensemble network() {
    return network;
  }

  public Predictor predictor() {
    return predictor;
  }

  /** How it predicts, with k resolved. */
  public PredictorSpec predictorSpec() {
    return predictor.spec();
  }

  /** The calibration, or null when the model kept no rows for one. */
  public Calibration calibration() {
    return calibration;
  }

  public boolean isCalibrated() {
    return calibration != null;
  }

  public KeptRows rows() {
    return rows;
  }

  public Provenance provenance() {
    return provenance;
  }

  public int threads() {
    return threads;
  }

  private static String objective(TrainingConfig training) {
    return switch (training.objective()) {
      case LINEAR -> "";
      case NEIGHBORS, BOTH ->
          String.format(
              Locale.ROOT,
              ", objective %s (candidates %.3g of the rows)",
              training.objective().name().toLowerCase(Locale.ROOT),
              training.candidateShare());
    };
  }

  /** A line for people: the network, how it was trained and how that ended, how it predicts. */
  public String describe() {
    var history = provenance.history();
    return String.format(
        Locale.ROOT,
        "network %s, %s%s, %d rows; %s (%.1f s); predicts with %s%s",
        network,
        provenance.training().optimizer().name().toLowerCase(Locale.ROOT),
        objective(provenance.training()),
        rows.training(),
        history.message(),
        history.seconds(),
        predictor.spec().describe(),
        probabilities());
  }

  /** How a classifier's probabilities are made beyond its predictor, for {@link #describe}. */
  private String probabilities() {
    if (!preprocessing.isClassification()) {
      return "";
    }
    String weight = predictor.spec().isNetwork()
        ? ""
        : String.format(Locale.ROOT, ", the network weighing %.2g in the blend",
            predictor.networkWeight());
    String temperature = predictor.temperature() == 1
        ? ""
        : String.format(Locale.ROOT, ", probabilities at temperature %.3g",
            predictor.temperature());
    return weight + temperature;
  }
}
