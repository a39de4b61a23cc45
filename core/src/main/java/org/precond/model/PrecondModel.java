package org.precond.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.precond.concurrent.Workers;
import org.precond.data.Dataset;
import org.precond.io.ModelArchive;
import org.precond.io.ModelFormatException;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.DifficultyEstimator;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.interpolate.WeightedNeighbors;
import org.precond.io.Tensor;
import org.precond.nn.Architecture;
import org.precond.nn.Initializer;
import org.precond.nn.Mlp;
import org.precond.prep.Standardizer;
import org.precond.space.Space;
import org.precond.train.OptimizerType;
import org.precond.train.Schedule;
import org.precond.train.StopReason;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingHistory;

/**
 * A fitted precond model: the network with the standardisation of its inputs and targets, and
 * how it was made (configuration, loss history, data fingerprint, library version). It predicts
 * in the data's own units and embeds into the network's last hidden layer; it is saved to and
 * loaded from one model file ({@link ModelArchive}).
 */
public final class PrecondModel {

  private static final String PARAMETERS = "network.parameters";
  private static final String LOSS = "training.loss";
  private static final String VALIDATION_STEPS = "training.validation_steps";
  private static final String VALIDATION_LOSS = "training.validation_loss";
  private static final String TRAINING_INPUTS = "training.features";
  private static final String TRAINING_TARGETS = "training.targets";
  private static final String ROW_NUMBERS = "training.row_numbers";
  private static final String CALIBRATION_INPUTS = "calibration.features";
  private static final String CALIBRATION_TARGETS = "calibration.targets";
  private static final String POINTS = "interpolant.points";
  private static final String VALUES = "interpolant.values";
  private static final String RADII = "interpolant.radii";
  private static final String GRADIENTS = "interpolant.gradients";

  private final List<String> featureNames;
  private final List<String> targetNames;
  private final Standardizer inputScaling;
  private final Standardizer targetScaling;
  private final Mlp mlp;
  private final TrainingConfig config;
  private final TrainingHistory history;
  private final String dataFingerprint;
  private final String version;
  private final float[] trainingFeatures;
  private final float[] trainingTargetValues;
  private final float[] trainingInputs;
  private final float[] trainingTargets;
  private final Estimator estimator;
  private final Interpolant interpolant;
  private final int[] trainingRowNumbers;
  private final float[] calibrationFeatures;
  private final float[] calibrationTargetValues;
  private final float[] calibrationInputs;
  private final float[] calibrationTargets;
  private Calibration calibration;

  PrecondModel(
      List<String> featureNames,
      List<String> targetNames,
      Standardizer inputScaling,
      Standardizer targetScaling,
      Mlp mlp,
      TrainingConfig config,
      TrainingHistory history,
      String dataFingerprint,
      String version,
      float[] trainingFeatures,
      float[] trainingTargetValues,
      Estimator estimator,
      Interpolant interpolant,
      int[] trainingRowNumbers,
      float[] calibrationFeatures,
      float[] calibrationTargetValues) {
    this.featureNames = List.copyOf(featureNames);
    this.targetNames = List.copyOf(targetNames);
    this.inputScaling = inputScaling;
    this.targetScaling = targetScaling;
    this.mlp = mlp;
    this.config = config;
    this.history = history;
    this.dataFingerprint = dataFingerprint;
    this.version = version;
    // Rows are kept in their own units, so that explanations show the values as given; the
    // standardised copies are what the network and the interpolants work with.
    this.trainingFeatures = trainingFeatures;
    this.trainingTargetValues = trainingTargetValues;
    this.trainingInputs = inputScaling.transform(trainingFeatures);
    this.trainingTargets = targetScaling.transform(trainingTargetValues);
    this.estimator = estimator;
    this.interpolant = interpolant;
    this.trainingRowNumbers = trainingRowNumbers;
    this.calibrationFeatures = calibrationFeatures;
    this.calibrationTargetValues = calibrationTargetValues;
    this.calibrationInputs = inputScaling.transform(calibrationFeatures);
    this.calibrationTargets = targetScaling.transform(calibrationTargetValues);
  }

  /**
   * This model predicting another way: the same network, with {@code other}'s interpolant fitted
   * on the stored training rows.
   */
  public PrecondModel withEstimator(Estimator other, Workers workers) {
    return new PrecondModel(
        featureNames,
        targetNames,
        inputScaling,
        targetScaling,
        mlp,
        config,
        history,
        dataFingerprint,
        version,
        trainingFeatures,
        trainingTargetValues,
        other,
        fitInterpolant(mlp, other, trainingInputs, trainingTargets, workers),
        trainingRowNumbers,
        calibrationFeatures,
        calibrationTargetValues);
  }

  /** Fits the estimator's interpolant on standardised training rows (null for the network). */
  static Interpolant fitInterpolant(
      Mlp mlp, Estimator estimator, float[] inputs, float[] targets, Workers workers) {
    if (estimator.isNetwork()) {
      return null;
    }
    Architecture a = mlp.architecture();
    float[] coordinates = estimator.space().coordinates(mlp, inputs, workers);
    float[] values = targets.clone();
    if (estimator.residual()) {
      float[] net = mlp.predict(inputs, workers);
      for (int i = 0; i < values.length; i++) {
        values[i] -= net[i];
      }
    }
    return Interpolant.fit(
        estimator.interpolant(),
        coordinates,
        estimator.space().dimension(a),
        values,
        a.outputs(),
        workers);
  }

  /** How this model predicts, with k resolved when an interpolant chose it. */
  public Estimator estimator() {
    return interpolant == null
        ? estimator
        : new Estimator(interpolant.spec(), estimator.space(), estimator.residual());
  }

  /** The fitted interpolant, or null when the network predicts alone. */
  public Interpolant interpolant() {
    return interpolant;
  }

  /** Number of training rows the model keeps. */
  public int trainingRows() {
    return trainingInputs.length / featureNames.size();
  }

  /** The training rows' targets in their own units, row-major {@code rows × targets}. */
  public float[] trainingTargets() {
    return trainingTargetValues.clone();
  }

  /** The training rows in the given space, row-major. */
  public float[] trainingCoordinates(Space space, Workers workers) {
    return space.coordinates(mlp, trainingInputs, workers);
  }

  /** The training rows' features in their own units, row-major {@code rows × features}. */
  public float[] trainingFeatures() {
    return trainingFeatures.clone();
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public List<String> targetNames() {
    return targetNames;
  }

  public Mlp mlp() {
    return mlp;
  }

  public TrainingConfig config() {
    return config;
  }

  public TrainingHistory history() {
    return history;
  }

  public String dataFingerprint() {
    return dataFingerprint;
  }

  /** The library version that made this model. */
  public String version() {
    return version;
  }

  /** Predictions for the rows of {@code data}, in the targets' own units. */
  public float[] predict(Dataset data, Workers workers) {
    return targetScaling.inverseTransform(predictStandardized(standardizedInputs(data), workers));
  }

  /** The network's own predictions for the rows of {@code data}, whatever the estimator. */
  public float[] predictNetwork(Dataset data, Workers workers) {
    return targetScaling.inverseTransform(mlp.predict(standardizedInputs(data), workers));
  }

  private float[] predictStandardized(float[] x, Workers workers) {
    if (interpolant == null) {
      return mlp.predict(x, workers);
    }
    float[] y = interpolant.predict(estimator.space().coordinates(mlp, x, workers), workers);
    addNetworkIfResidual(x, y, workers);
    return y;
  }

  private void addNetworkIfResidual(float[] x, float[] y, Workers workers) {
    if (estimator.residual()) {
      float[] net = mlp.predict(x, workers);
      for (int i = 0; i < y.length; i++) {
        y[i] += net[i];
      }
    }
  }

  /** Where distances are measured, also for difficulty: the network alone uses its embedding. */
  private Space distanceSpace() {
    return estimator.isNetwork() ? Space.EMBEDDING : estimator.space();
  }

  /** Whether intervals and predictive distributions are available. */
  public boolean hasCalibration() {
    return calibrationTargets.length > 0;
  }

  /** Number of calibration rows the model kept. */
  public int calibrationRows() {
    return calibrationTargets.length / targetNames.size();
  }

  /**
   * Everything the model can say about the rows of {@code data}: predictions, intervals,
   * predictive distributions (when calibrated) and the training rows behind each prediction.
   */
  public Predictions predictions(Dataset data, Workers workers) {
    float[] x = standardizedInputs(data);
    float[] coordinates = distanceSpace().coordinates(mlp, x, workers);
    WeightedNeighbors neighbors = null;
    float[] mean;
    if (interpolant == null) {
      mean = mlp.predict(x, workers);
    } else if (interpolant.spec().k() == InterpolantSpec.ALL) {
      mean = interpolant.predict(coordinates, workers);
      addNetworkIfResidual(x, mean, workers);
    } else {
      neighbors = interpolant.neighbors(coordinates, workers);
      mean = neighbors.means();
      addNetworkIfResidual(x, mean, workers);
    }
    Calibration c = calibration(workers);
    double[][] sigma = new double[Difficulty.values().length][];
    if (c != null) {
      for (Difficulty d : Difficulty.values()) {
        sigma[d.ordinal()] = c.difficulty().estimate(d, coordinates, workers);
      }
    }
    return new Predictions(mean, targetNames.size(), sigma, c, neighbors, targetScaling);
  }

  /** The calibration of this model's estimator, computed once from the calibration rows. */
  private synchronized Calibration calibration(Workers workers) {
    if (calibration != null || !hasCalibration()) {
      return calibration;
    }
    int m = targetNames.size();
    Space space = distanceSpace();
    float[] nodes;
    float[] nodeValues;
    if (interpolant != null) {
      nodes = interpolant.points();
      nodeValues = interpolant.values();
    } else {
      nodes = space.coordinates(mlp, trainingInputs, workers);
      nodeValues = trainingTargets;
    }
    DifficultyEstimator difficulty =
        new DifficultyEstimator(nodes, space.dimension(mlp.architecture()), nodeValues, m);
    float[] predicted = predictStandardized(calibrationInputs, workers);
    float[] coordinates = space.coordinates(mlp, calibrationInputs, workers);
    int n = calibrationRows();
    Map<Difficulty, ConformalCalibration[]> scores = new EnumMap<>(Difficulty.class);
    for (Difficulty d : Difficulty.values()) {
      double[] sigma = difficulty.estimate(d, coordinates, workers);
      ConformalCalibration[] perTarget = new ConformalCalibration[m];
      for (int o = 0; o < m; o++) {
        perTarget[o] =
            ConformalCalibration.fit(
                d, column(calibrationTargets, m, o), column(predicted, m, o), column(sigma, m, o));
      }
      scores.put(d, perTarget);
    }
    float[] net = mlp.predict(calibrationInputs, workers);
    double[] networkSigma = new double[m];
    for (int i = 0; i < net.length; i++) {
      double r = calibrationTargets[i] - net[i];
      networkSigma[i % m] += r * r / n;
    }
    for (int o = 0; o < m; o++) {
      networkSigma[o] = Math.sqrt(networkSigma[o]);
    }
    calibration = new Calibration(scores, difficulty, networkSigma, n);
    return calibration;
  }

  private static float[] column(float[] block, int width, int c) {
    float[] out = new float[block.length / width];
    for (int i = 0; i < out.length; i++) {
      out[i] = block[i * width + c];
    }
    return out;
  }

  private static double[] column(double[] block, int width, int c) {
    double[] out = new double[block.length / width];
    for (int i = 0; i < out.length; i++) {
      out[i] = block[i * width + c];
    }
    return out;
  }

  /** The row number, in the data {@code fit} was given, of training node {@code node}. */
  public int trainingRowNumber(int node) {
    return trainingRowNumbers[node];
  }

  /** The last hidden layer for the rows of {@code data}, row-major {@code rows × width}. */
  public float[] embed(Dataset data, Workers workers) {
    return mlp.embed(standardizedInputs(data), workers);
  }

  private float[] standardizedInputs(Dataset data) {
    if (!data.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException(
          "the model expects features " + featureNames + " but got " + data.featureNames());
    }
    return inputScaling.transform(data.features());
  }

  /** A few lines for people: what the network is, how it was trained and how that ended. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "network %s, %s, %d rows; %s (%.1f s); predicts with %s",
        mlp.architecture(),
        config.optimizer().name().toLowerCase(Locale.ROOT),
        trainingRows(),
        history.message(),
        history.seconds(),
        estimator().describe());
  }

  /** Writes the model to one file, atomically. */
  public void save(Path file) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode meta = f.objectNode();
    meta.put("library", "precond");
    meta.put("version", version);
    meta.set("features", strings(featureNames));
    meta.set("targets", strings(targetNames));
    ObjectNode scaling = meta.putObject("standardization");
    scaling.set("inputs", scalingNode(inputScaling));
    scaling.set("targets", scalingNode(targetScaling));
    Architecture a = mlp.architecture();
    ObjectNode network = meta.putObject("network");
    network.put("inputs", a.inputs());
    network.put("width", a.width());
    network.put("depth", a.depth());
    network.put("outputs", a.outputs());
    network.put("activation", "prelu");
    ObjectNode training = meta.putObject("training");
    training.put("steps", config.steps());
    training.put("batchSize", config.batchSize());
    training.put("optimizer", config.optimizer().name());
    training.put("learningRate", config.learningRate());
    training.put("schedule", config.schedule().name());
    training.put("initializer", config.initializer().name());
    training.put("seed", config.seed());
    training.put("validationFraction", config.validationFraction());
    training.put("patience", config.patience());
    training.put("rows", trainingRows());
    training.put("dataFingerprint", dataFingerprint);
    training.put("bestStep", history.bestStep());
    if (Double.isFinite(history.bestLoss())) {
      training.put("bestLoss", history.bestLoss());
    }
    training.put("stopReason", history.reason().name());
    training.put("message", history.message());
    training.put("seconds", history.seconds());
    Estimator e = estimator();
    ObjectNode predictor = meta.putObject("estimator");
    predictor.put("method", e.isNetwork() ? "mlp" : e.interpolant().method().name());
    predictor.put("space", e.space().name());
    predictor.put("residual", e.residual());
    if (!e.isNetwork()) {
      predictor.put("k", e.interpolant().k());
      predictor.put("power", e.interpolant().power());
      predictor.put("distanceWeighted", e.interpolant().distanceWeighted());
    }
    float[] parameters = mlp.parameters();
    int rows = trainingRows();
    ModelArchive.Builder archive = ModelArchive.builder();
    if (interpolant != null) {
      int n = interpolant.points().length / interpolant.dimension();
      archive.add(
          Tensor.ofFloats(
              POINTS, new int[] {n, interpolant.dimension()}, interpolant.points()));
      archive.add(Tensor.ofFloats(VALUES, new int[] {n, a.outputs()}, interpolant.values()));
      if (interpolant.radii() != null) {
        archive.add(Tensor.ofFloats(RADII, new int[] {n}, interpolant.radii()));
      }
      if (interpolant.gradients() != null) {
        archive.add(
            Tensor.ofFloats(
                GRADIENTS,
                new int[] {n, interpolant.dimension(), a.outputs()},
                interpolant.gradients()));
      }
    }
    archive
        .metadata(meta)
        .add(Tensor.ofFloats(TRAINING_INPUTS, new int[] {rows, a.inputs()}, trainingFeatures))
        .add(
            Tensor.ofFloats(TRAINING_TARGETS, new int[] {rows, a.outputs()}, trainingTargetValues))
        .add(Tensor.ofInts(ROW_NUMBERS, new int[] {rows}, trainingRowNumbers))
        .add(
            Tensor.ofFloats(
                CALIBRATION_INPUTS,
                new int[] {calibrationRows(), a.inputs()},
                calibrationFeatures))
        .add(
            Tensor.ofFloats(
                CALIBRATION_TARGETS,
                new int[] {calibrationRows(), a.outputs()},
                calibrationTargetValues))
        .add(Tensor.ofFloats(PARAMETERS, new int[] {parameters.length}, parameters))
        .add(Tensor.ofFloats(LOSS, new int[] {history.loss().length}, history.loss()))
        .add(
            Tensor.ofInts(
                VALIDATION_STEPS,
                new int[] {history.validationSteps().length},
                history.validationSteps()))
        .add(
            Tensor.ofFloats(
                VALIDATION_LOSS,
                new int[] {history.validationLoss().length},
                history.validationLoss()))
        .build()
        .write(file);
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws ModelFormatException naming the file if it is not a complete, intact precond model
   */
  public static PrecondModel load(Path file) throws IOException {
    ModelArchive archive = ModelArchive.read(file);
    try {
      return fromArchive(archive);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // What the parts refuse (a network without nodes, a tensor of the wrong element type, an
      // unknown enum name, ...) is content this build cannot use: the file is malformed.
      throw new ModelFormatException(
          archive.source(), e.getMessage() != null ? e.getMessage() : e.toString(), e);
    }
  }

  private static PrecondModel fromArchive(ModelArchive archive) throws ModelFormatException {
    Fields m = new Fields(archive.source(), archive.metadata());
    if (!"precond".equals(m.text(m.root, "library"))) {
      throw new ModelFormatException(archive.source(), "not a precond model");
    }
    JsonNode net = m.object(m.root, "network");
    Architecture a =
        new Architecture(
            m.integer(net, "inputs"),
            m.integer(net, "width"),
            m.integer(net, "depth"),
            m.integer(net, "outputs"));
    JsonNode t = m.object(m.root, "training");
    TrainingConfig config;
    try {
      config =
          TrainingConfig.builder()
              .width(a.width())
              .depth(a.depth())
              .steps(m.integer(t, "steps"))
              .batchSize(m.integer(t, "batchSize"))
              .optimizer(OptimizerType.valueOf(m.text(t, "optimizer")))
              .learningRate(m.number(t, "learningRate"))
              .schedule(Schedule.valueOf(m.text(t, "schedule")))
              .initializer(Initializer.valueOf(m.text(t, "initializer")))
              .seed(m.longInteger(t, "seed"))
              .validationFraction(m.number(t, "validationFraction"))
              .patience(m.integer(t, "patience"))
              .build();
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(archive.source(), "invalid training settings: " + e.getMessage());
    }
    TrainingHistory history =
        new TrainingHistory(
            archive.tensor(LOSS).toFloatArray(),
            archive.tensor(VALIDATION_STEPS).toIntArray(),
            archive.tensor(VALIDATION_LOSS).toFloatArray(),
            m.integer(t, "bestStep"),
            t.has("bestLoss") ? m.number(t, "bestLoss") : Double.NaN,
            StopReason.valueOf(m.text(t, "stopReason")),
            m.text(t, "message"),
            m.number(t, "seconds"));
    List<String> features = m.strings(m.root, "features");
    List<String> targets = m.strings(m.root, "targets");
    if (features.size() != a.inputs() || targets.size() != a.outputs()) {
      throw new ModelFormatException(
          archive.source(), "column names do not match the network " + a);
    }
    JsonNode scaling = m.object(m.root, "standardization");
    try {
      float[] inputs = archive.tensor(TRAINING_INPUTS).toFloatArray();
      float[] trainingTargets = archive.tensor(TRAINING_TARGETS).toFloatArray();
      int rows = m.integer(t, "rows");
      if (inputs.length != rows * a.inputs() || trainingTargets.length != rows * a.outputs()) {
        throw new ModelFormatException(archive.source(), "training rows do not match the network");
      }
      JsonNode p = m.object(m.root, "estimator");
      String method = m.text(p, "method");
      Space space = Space.valueOf(m.text(p, "space"));
      boolean residual = m.flag(p, "residual");
      Estimator estimator;
      Interpolant interpolant = null;
      if (method.equals("mlp")) {
        estimator = Estimator.NETWORK;
      } else {
        InterpolantSpec spec =
            new InterpolantSpec(
                Method.valueOf(method),
                m.integer(p, "k"),
                m.number(p, "power"),
                m.flag(p, "distanceWeighted"));
        estimator = new Estimator(spec, space, residual);
        interpolant =
            Interpolant.restore(
                spec,
                archive.tensor(POINTS).toFloatArray(),
                space.dimension(a),
                archive.tensor(VALUES).toFloatArray(),
                a.outputs(),
                archive.hasTensor(RADII) ? archive.tensor(RADII).toFloatArray() : null,
                archive.hasTensor(GRADIENTS) ? archive.tensor(GRADIENTS).toFloatArray() : null);
      }
      return new PrecondModel(
          features,
          targets,
          m.standardizer(m.object(scaling, "inputs")),
          m.standardizer(m.object(scaling, "targets")),
          new Mlp(a, archive.tensor(PARAMETERS).toFloatArray()),
          config,
          history,
          m.text(t, "dataFingerprint"),
          m.text(m.root, "version"),
          inputs,
          trainingTargets,
          estimator,
          interpolant,
          archive.tensor(ROW_NUMBERS).toIntArray(),
          archive.tensor(CALIBRATION_INPUTS).toFloatArray(),
          archive.tensor(CALIBRATION_TARGETS).toFloatArray());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(archive.source(), e.getMessage());
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static ObjectNode scalingNode(Standardizer s) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode means = node.putArray("means");
    ArrayNode stds = node.putArray("stds");
    for (double v : s.means()) {
      means.add(v);
    }
    for (double v : s.stds()) {
      stds.add(v);
    }
    return node;
  }

  /** Required metadata fields, each missing or mistyped one reported with the file's name. */
  private record Fields(String source, JsonNode root) {

    private JsonNode field(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        throw new ModelFormatException(source, "metadata lacks '" + name + "'");
      }
      return v;
    }

    JsonNode object(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isObject()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not an object");
      }
      return v;
    }

    String text(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isTextual()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not text");
      }
      return v.asText();
    }

    int integer(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not an integer");
      }
      return v.intValue();
    }

    long longInteger(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not an integer");
      }
      return v.longValue();
    }

    boolean flag(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isBoolean()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not true or false");
      }
      return v.booleanValue();
    }

    double number(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isNumber()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not a number");
      }
      return v.doubleValue();
    }

    List<String> strings(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      List<String> out = new ArrayList<>();
      if (v.isArray()) {
        for (JsonNode e : v) {
          if (!e.isTextual()) {
            break;
          }
          out.add(e.asText());
        }
      }
      if (!v.isArray() || out.size() != v.size()) {
        throw new ModelFormatException(source, "metadata '" + name + "' is not a list of names");
      }
      return out;
    }

    Standardizer standardizer(JsonNode node) throws ModelFormatException {
      JsonNode means = field(node, "means");
      JsonNode stds = field(node, "stds");
      double[] m = new double[means.size()];
      double[] s = new double[stds.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = means.get(i).asDouble(Double.NaN);
      }
      for (int i = 0; i < s.length; i++) {
        s[i] = stds.get(i).asDouble(Double.NaN);
      }
      return Standardizer.of(m, s);
    }
  }
}
