package org.precond.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.precond.conformal.ConformalCalibration;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetCalibration;
import org.precond.conformal.SetScore;
import org.precond.interpolate.Interpolant;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.Calibration;
import org.precond.model.Candidate;
import org.precond.model.KeptRows;
import org.precond.model.NeighborSearch;
import org.precond.neighbors.HnswIndex;
import org.precond.model.ModelFormatException;
import org.precond.model.PrecondModel;
import org.precond.model.Predictor;
import org.precond.model.PredictorSpec;
import org.precond.model.Provenance;
import org.precond.nn.Architecture;
import org.precond.nn.Ensemble;
import org.precond.nn.Initializer;
import org.precond.nn.Mlp;
import org.precond.nn.PiecewiseLinearEncoding;
import org.precond.data.ColumnType;
import org.precond.prep.Classes;
import org.precond.prep.InputScaling;
import org.precond.prep.Preprocessing;
import org.precond.prep.Standardizer;
import org.precond.prep.TableEncoding;
import org.precond.space.Space;
import org.precond.train.Objective;
import org.precond.train.OptimizerType;
import org.precond.train.Schedule;
import org.precond.train.StopReason;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingHistory;

/**
 * Writes a {@link PrecondModel} into a {@link ModelArchive} and reads it back: which metadata and
 * tensors hold each of the model's parts.
 *
 * <p>The schema has its own version, {@value #SCHEMA}, in the metadata; a file of another schema
 * is refused with a message saying whether it was written by an older or a newer precond.
 * Everything fitting computed — the predictor's nodes, radii and gradients, the calibration
 * scores — is stored, so that loading a model searches nothing.
 */
public final class ModelCodec {

  /**
   * Schema 4: the network's weight in a classifier's blend and the temperature of its
   * probabilities (optional: older files read with the network as one more neighbour and at
   * temperature 1, as they predicted; an older precond refuses the file rather than predict
   * without them). Schema 3: columns encoded and classes (optional fields, so schema 2 files read
   * as numeric regressors). Schema 2: the model in parts, calibration stored. Schema 1 (no field)
   * recomputed it.
   */
  static final int SCHEMA = 4;

  /** The oldest schema this version reads. */
  static final int OLDEST_SCHEMA = 2;

  /** Per network of the ensemble, suffixed with its number. */
  private static final String PARAMETERS = "network.parameters.";
  private static final String LOSS = "training.loss.";
  private static final String VALIDATION_STEPS = "training.validation_steps.";
  private static final String VALIDATION_LOSS = "training.validation_loss.";
  private static final String FEATURES = "rows.features";
  private static final String TARGETS = "rows.targets";
  private static final String ROW_NUMBERS = "rows.row_numbers";
  private static final String VALIDATION = "rows.validation";
  private static final String NODES = "predictor.nodes";
  private static final String NODE_VALUES = "predictor.values";
  private static final String RADII = "predictor.radii";
  private static final String GRADIENTS = "predictor.gradients";
  private static final String GRAPH = "predictor.graph.";
  private static final String SCORES = "calibration.scores.";
  private static final String SET_SCORES = "calibration.set_scores.";
  private static final String ENCODING_COUNTS = "network.encoding.edge_counts";
  private static final String ENCODING_EDGES = "network.encoding.edges";

  private ModelCodec() {}

  /** Writes {@code model} to {@code file}, atomically. */
  public static void write(PrecondModel model, Path file) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode meta = f.objectNode();
    meta.put("library", "precond");
    meta.put("schema", SCHEMA);
    Provenance p = model.provenance();
    meta.put("version", p.libraryVersion());
    Preprocessing prep = model.preprocessing();
    meta.set("features", strings(prep.featureNames()));
    meta.set("targets", strings(prep.targetNames()));
    if (!prep.encoding().isIdentity()) {
      meta.set("columns", columnsNode(prep.encoding()));
    }
    if (prep.isClassification()) {
      ObjectNode classes = meta.putObject("classes");
      classes.put("target", prep.classes().target());
      classes.set("labels", strings(prep.classes().labels()));
    }
    ObjectNode scaling = meta.putObject("standardization");
    scaling.set("inputs", scalingNode(prep.inputScaling()));
    scaling.put("inputKind", prep.kind().name());
    scaling.set("targets", scalingNode(prep.targetScaling()));
    Architecture a = model.network().architecture();
    ObjectNode network = meta.putObject("network");
    network.put("inputs", a.inputs());
    network.put("width", a.width());
    network.put("depth", a.depth());
    network.put("outputs", a.outputs());
    network.put("activation", "prelu");
    network.put("ensemble", model.network().size());
    PiecewiseLinearEncoding encoding = model.network().encoding();
    writeProvenance(meta.putObject("training"), meta.putObject("provenance"), p);
    KeptRows rows = model.rows();
    int n = rows.allRowNumbers().length;
    meta.putObject("rows").put("training", rows.training());
    ModelArchive.Builder archive = ModelArchive.builder();
    writePredictor(meta.putObject("predictor"), archive, model.predictor(), a.outputs());
    if (model.calibration() != null) {
      writeCalibration(meta.putObject("calibration"), archive, model.calibration());
    }
    if (encoding != null) {
      writeEncoding(archive, encoding);
    }
    List<Mlp> members = model.network().members();
    for (int k = 0; k < members.size(); k++) {
      float[] parameters = members.get(k).parameters();
      TrainingHistory h = p.histories().get(k);
      archive
          .add(Tensor.wrapFloats(PARAMETERS + k, new int[] {parameters.length}, parameters))
          .add(Tensor.wrapFloats(LOSS + k, new int[] {h.loss().length}, h.loss()))
          .add(Tensor.wrapInts(
              VALIDATION_STEPS + k, new int[] {h.validationSteps().length}, h.validationSteps()))
          .add(Tensor.wrapFloats(
              VALIDATION_LOSS + k, new int[] {h.validationLoss().length}, h.validationLoss()));
    }
    archive
        .metadata(meta)
        .add(Tensor.wrapFloats(FEATURES, new int[] {n, prep.features()}, rows.allFeatures()))
        .add(Tensor.wrapFloats(TARGETS, new int[] {n, a.outputs()}, rows.allTargets()))
        .add(Tensor.wrapInts(ROW_NUMBERS, new int[] {n}, rows.allRowNumbers()))
        .add(Tensor.wrapInts(VALIDATION, new int[] {rows.validation().length}, rows.validation()))
        .build()
        .write(file);
  }

  private static void writeEncoding(ModelArchive.Builder archive, PiecewiseLinearEncoding e) {
    int[] counts = new int[e.inputs()];
    int total = 0;
    for (int f = 0; f < counts.length; f++) {
      counts[f] = e.edges(f).length;
      total += counts[f];
    }
    float[] edges = new float[total];
    for (int f = 0, o = 0; f < counts.length; o += counts[f], f++) {
      System.arraycopy(e.edges(f), 0, edges, o, counts[f]);
    }
    archive.add(Tensor.wrapInts(ENCODING_COUNTS, new int[] {counts.length}, counts));
    archive.add(Tensor.wrapFloats(ENCODING_EDGES, new int[] {total}, edges));
  }

  private static PiecewiseLinearEncoding readEncoding(Fields m, ModelArchive archive)
      throws IOException {
    if (!archive.hasTensor(ENCODING_COUNTS)) {
      return null;
    }
    int[] counts = archive.tensor(ENCODING_COUNTS).takeInts();
    float[] all = archive.tensor(ENCODING_EDGES).takeFloats();
    float[][] edges = new float[counts.length][];
    int o = 0;
    for (int f = 0; f < counts.length; f++) {
      if (counts[f] < 2 || counts[f] > all.length - o) {
        throw new ModelFormatException(m.source, "the input encoding's edges do not add up");
      }
      edges[f] = java.util.Arrays.copyOfRange(all, o, o + counts[f]);
      o += counts[f];
    }
    if (o != all.length) {
      throw new ModelFormatException(m.source, "the input encoding's edges do not add up");
    }
    return new PiecewiseLinearEncoding(edges);
  }

  private static void writeProvenance(ObjectNode training, ObjectNode made, Provenance p) {
    TrainingConfig c = p.training();
    training.put("steps", c.steps());
    training.put("batchSize", c.batchSize());
    training.put("optimizer", c.optimizer().name());
    training.put("learningRate", c.learningRate());
    training.put("schedule", c.schedule().name());
    training.put("initializer", c.initializer().name());
    training.put("seed", c.seed());
    training.put("validationFraction", c.validationFraction());
    training.put("weightDecay", c.weightDecay());
    training.put("patience", c.patience());
    training.put("objective", c.objective().name());
    training.put("candidateShare", c.candidateShare());
    training.put("calibrationFraction", p.calibrationFraction());
    ArrayNode runs = training.putArray("runs");
    for (TrainingHistory h : p.histories()) {
      ObjectNode run = runs.addObject();
      run.put("bestStep", h.bestStep());
      if (Double.isFinite(h.bestLoss())) {
        run.put("bestLoss", h.bestLoss());
      }
      run.put("stopReason", h.reason().name());
      run.put("message", h.message());
      run.put("seconds", h.seconds());
    }
    made.put("dataFingerprint", p.dataFingerprint());
    made.put("java", p.javaVersion());
    made.put("platform", p.platform());
    made.put("kernels", p.kernels());
    made.put("created", p.created().toString());
    ArrayNode candidates = made.putArray("candidates");
    for (Candidate candidate : p.candidates()) {
      ObjectNode node = candidates.addObject();
      writeSpec(node, candidate.spec());
      node.put("error", candidate.error());
    }
  }

  private static void writeSpec(ObjectNode node, PredictorSpec spec) {
    node.put("method", spec.isNetwork() ? "mlp" : spec.interpolant().method().name());
    node.put("space", spec.space().name());
    node.put("residual", spec.residual());
    if (!spec.isNetwork()) {
      node.put("k", spec.interpolant().k());
      node.put("power", spec.interpolant().power());
      node.put("distanceWeighted", spec.interpolant().distanceWeighted());
    }
  }

  private static void writePredictor(
      ObjectNode node, ModelArchive.Builder archive, Predictor predictor, int outputs) {
    PredictorSpec spec = predictor.spec();
    writeSpec(node, spec);
    node.put("networkWeight", predictor.networkWeight());
    node.put("temperature", predictor.temperature());
    int n = predictor.nodes().length / predictor.dimension();
    archive.add(Tensor.wrapFloats(NODES, new int[] {n, predictor.dimension()}, predictor.nodes()));
    archive.add(Tensor.wrapFloats(NODE_VALUES, new int[] {n, outputs}, predictor.nodeValues()));
    HnswIndex graph = predictor.graph();
    // Stored rather than built again on every load, which would cost minutes on many rows.
    node.put("index", graph == null ? NeighborSearch.EXACT.label() : NeighborSearch.HNSW.label());
    if (graph != null) {
      int[][] layers = graph.layers();
      node.put("graphArrays", layers.length);
      for (int i = 0; i < layers.length; i++) {
        archive.add(Tensor.wrapInts(GRAPH + i, new int[] {layers[i].length}, layers[i]));
      }
    }
    Interpolant interpolant = predictor.interpolant();
    if (interpolant == null) {
      return;
    }
    if (interpolant.radii() != null) {
      archive.add(Tensor.wrapFloats(RADII, new int[] {n}, interpolant.radii()));
    }
    if (interpolant.gradients() != null) {
      archive.add(Tensor.wrapFloats(
          GRADIENTS, new int[] {n, interpolant.dimension(), outputs}, interpolant.gradients()));
    }
  }

  private static void writeCalibration(
      ObjectNode node, ModelArchive.Builder archive, Calibration c) {
    node.put("rows", c.rows());
    ArrayNode sigma = node.putArray("networkSigma");
    double[] s = c.networkSigma();
    for (double v : s) {
      sigma.add(v);
    }
    ObjectNode betas = node.putObject("beta");
    for (Difficulty d : Difficulty.values()) {
      ArrayNode perTarget = betas.putArray(d.name());
      float[] scores = new float[s.length * c.rows()];
      for (int o = 0; o < s.length; o++) {
        ConformalCalibration cc = c.scores(d, o);
        perTarget.add(cc.beta());
        System.arraycopy(cc.signedScores(), 0, scores, o * c.rows(), c.rows());
      }
      archive.add(Tensor.wrapFloats(SCORES + d.name(), new int[] {s.length, c.rows()}, scores));
    }
    if (c.sets() != null) {
      for (SetScore kind : SetScore.values()) {
        float[] sets = c.sets().scores(kind);
        archive.add(Tensor.wrapFloats(SET_SCORES + kind.name(), new int[] {sets.length}, sets));
      }
    }
  }

  /**
   * Reads a model written by {@link #write}, sharing its work over {@code threads} threads.
   *
   * @throws ModelFormatException naming the file if it is not a complete, intact precond model of
   *     this schema
   */
  public static PrecondModel read(Path file, int threads) throws IOException {
    return read(file, threads, ModelArchive.Deferral.NONE);
  }

  /**
   * Reads a model written by {@link #write} as {@link #read} does, checking the whole file, but
   * leaving in it what only intervals and neighbours need of a model that predicts with the
   * network alone: its training rows' embedding and the graph over them, read when first needed,
   * from the same file, which must then be unchanged.
   *
   * @throws ModelFormatException naming the file if it is not a complete, intact precond model of
   *     this schema
   */
  public static PrecondModel open(Path file, int threads) throws IOException {
    return read(file, threads, ModelCodec::onDemand);
  }

  /** Whether tensor {@code name} of a model with {@code metadata} is read when first needed. */
  private static boolean onDemand(ObjectNode metadata, String name) {
    return metadata.path("predictor").path("method").asText().equals("mlp")
        && (name.equals(NODES) || name.equals(NODE_VALUES) || name.startsWith(GRAPH));
  }

  private static PrecondModel read(Path file, int threads, ModelArchive.Deferral deferral)
      throws IOException {
    ModelArchive archive = ModelArchive.read(file, deferral);
    Fields m = new Fields(archive);
    if (!"precond".equals(m.text(m.root, "library"))) {
      throw new ModelFormatException(archive.source(), "not a precond model");
    }
    checkSchema(m);
    try {
      JsonNode net = m.object(m.root, "network");
      Architecture a =
          new Architecture(
              m.integer(net, "inputs"), m.integer(net, "width"), m.integer(net, "depth"),
              m.integer(net, "outputs"));
      List<String> features = m.strings(m.root, "features");
      List<String> targets = m.strings(m.root, "targets");
      JsonNode scaling = m.object(m.root, "standardization");
      Preprocessing prep =
          new Preprocessing(
              features, targets, m.constant(scaling, "inputKind", InputScaling.class),
              m.standardizer(m.object(scaling, "inputs")),
              m.standardizer(m.object(scaling, "targets")),
              m.root.has("columns")
                  ? readColumns(m, m.root.get("columns"))
                  : TableEncoding.numeric(features),
              m.root.has("classes")
                  ? new Classes(
                      m.text(m.object(m.root, "classes"), "target"),
                      m.strings(m.object(m.root, "classes"), "labels"))
                  : null);
      int size = m.integer(net, "ensemble");
      if (size < 1) {
        throw new ModelFormatException(archive.source(), "metadata 'ensemble' is below 1");
      }
      List<Mlp> members = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        members.add(new Mlp(a, archive.tensor(PARAMETERS + k).takeFloats()));
      }
      Ensemble network = new Ensemble(members, readEncoding(m, archive));
      KeptRows rows =
          new KeptRows(
              features.size(), targets.size(),
              archive.tensor(FEATURES).takeFloats(),
              archive.tensor(TARGETS).takeFloats(),
              archive.tensor(ROW_NUMBERS).takeInts(),
              m.integer(m.object(m.root, "rows"), "training"),
              archive.tensor(VALIDATION).takeInts());
      Predictor predictor = readPredictor(m, archive, network);
      Calibration calibration =
          m.root.has("calibration")
              ? readCalibration(
                  m, archive, predictor, rows.splitCalibration() ? null : rows.fitting(),
                  a.outputs(), prep.isClassification())
              : null;
      return new PrecondModel(
          prep, network, predictor, calibration, rows, readProvenance(m, a, size), threads);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ModelFormatException(archive.source(), e.getMessage(), e);
    }
  }

  private static ArrayNode columnsNode(TableEncoding encoding) {
    ArrayNode columns = JsonNodeFactory.instance.arrayNode();
    for (TableEncoding.ColumnEncoding c : encoding.columns()) {
      ObjectNode node = columns.addObject().put("name", c.name()).put("type", c.type().name());
      switch (c) {
        case TableEncoding.Numeric n -> node.put("fill", n.fill()).put("indicator", n.indicator());
        case TableEncoding.Categorical k -> {
          node.set("levels", strings(k.levels()));
          node.set("rare", strings(k.rare()));
          node.put("missing", k.missingLevel());
        }
      }
    }
    return columns;
  }

  private static TableEncoding readColumns(Fields m, JsonNode node) throws ModelFormatException {
    List<TableEncoding.ColumnEncoding> columns = new ArrayList<>();
    for (JsonNode c : node) {
      String name = m.text(c, "name");
      columns.add(
          switch (m.constant(c, "type", ColumnType.class)) {
            case NUMERIC -> new TableEncoding.Numeric(
                name, (float) m.number(c, "fill"), m.flag(c, "indicator"));
            case CATEGORICAL -> new TableEncoding.Categorical(
                name, m.strings(c, "levels"), m.strings(c, "rare"), m.flag(c, "missing"));
          });
    }
    return new TableEncoding(columns);
  }

  private static void checkSchema(Fields m) throws ModelFormatException {
    int schema = m.root.has("schema") ? m.integer(m.root, "schema") : 1;
    String writer = m.root.path("version").asText("unknown");
    if (schema < OLDEST_SCHEMA) {
      throw new ModelFormatException(
          m.source, "written by an older precond (" + writer + ", model schema " + schema
              + "); this version reads schemas " + OLDEST_SCHEMA + " to " + SCHEMA
              + ": fit the model again");
    }
    if (schema > SCHEMA) {
      throw new ModelFormatException(
          m.source, "written by a newer precond (" + writer + ", model schema " + schema
              + "); this version reads schemas " + OLDEST_SCHEMA + " to " + SCHEMA
              + ": upgrade precond to load it");
    }
  }

  private static Provenance readProvenance(Fields m, Architecture a, int size)
      throws IOException {
    JsonNode t = m.object(m.root, "training");
    JsonNode made = m.object(m.root, "provenance");
    TrainingConfig config =
        TrainingConfig.builder()
            .width(a.width())
            .depth(a.depth())
            .steps(m.integer(t, "steps"))
            .batchSize(m.integer(t, "batchSize"))
            .optimizer(m.constant(t, "optimizer", OptimizerType.class))
            .learningRate(m.number(t, "learningRate"))
            .schedule(m.constant(t, "schedule", Schedule.class))
            .initializer(m.constant(t, "initializer", Initializer.class))
            .seed(m.longInteger(t, "seed"))
            .validationFraction(m.number(t, "validationFraction"))
            .weightDecay(m.number(t, "weightDecay"))
            .patience(m.integer(t, "patience"))
            // Models written before the neighbour objectives were trained for the linear one.
            .objective(
                t.has("objective") ? m.constant(t, "objective", Objective.class) : Objective.LINEAR)
            .candidateShare(
                t.has("candidateShare")
                    ? m.number(t, "candidateShare")
                    : TrainingConfig.DEFAULT_CANDIDATE_SHARE)
            .build();
    ModelArchive archive = m.archive;
    JsonNode runs = m.field(t, "runs");
    if (!runs.isArray() || runs.size() != size) {
      throw new ModelFormatException(m.source, "metadata 'runs' is not a list of " + size);
    }
    List<TrainingHistory> histories = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      JsonNode run = runs.get(k);
      histories.add(
          new TrainingHistory(
              archive.tensor(LOSS + k).takeFloats(),
              archive.tensor(VALIDATION_STEPS + k).takeInts(),
              archive.tensor(VALIDATION_LOSS + k).takeFloats(),
              m.integer(run, "bestStep"),
              run.has("bestLoss") ? m.number(run, "bestLoss") : Double.NaN,
              m.constant(run, "stopReason", StopReason.class),
              m.text(run, "message"),
              m.number(run, "seconds")));
    }
    Instant created;
    try {
      created = Instant.parse(m.text(made, "created"));
    } catch (DateTimeParseException e) {
      throw new ModelFormatException(m.source, "metadata 'created' is not a time");
    }
    List<Candidate> candidates = new ArrayList<>();
    JsonNode list = m.field(made, "candidates");
    if (!list.isArray()) {
      throw new ModelFormatException(m.source, "metadata 'candidates' is not a list");
    }
    for (JsonNode c : list) {
      candidates.add(new Candidate(readSpec(m, c), m.number(c, "error")));
    }
    return new Provenance(
        config, m.number(t, "calibrationFraction"), histories, m.text(made, "dataFingerprint"),
        m.text(m.root, "version"), m.text(made, "java"), m.text(made, "platform"),
        m.text(made, "kernels"), created, candidates);
  }

  private static PredictorSpec readSpec(Fields m, JsonNode p) throws ModelFormatException {
    Space space = m.constant(p, "space", Space.class);
    if (m.text(p, "method").equals("mlp")) {
      return PredictorSpec.NETWORK;
    }
    InterpolantSpec spec =
        new InterpolantSpec(
            m.constant(p, "method", Method.class), m.integer(p, "k"), m.number(p, "power"),
            m.flag(p, "distanceWeighted"));
    return new PredictorSpec(spec, space, m.flag(p, "residual"));
  }

  private static Predictor readPredictor(Fields m, ModelArchive archive, Ensemble network)
      throws IOException {
    Architecture a = network.architecture();
    JsonNode p = m.object(m.root, "predictor");
    PredictorSpec spec = readSpec(m, p);
    int dimension = spec.distanceSpace().dimension(network);
    // Files from before the HNSW graph have no "index": they searched exactly.
    String index = p.path("index").asText(NeighborSearch.EXACT.label());
    int graphArrays = NO_GRAPH;
    if (index.equals(NeighborSearch.HNSW.label())) {
      graphArrays = m.integer(p, "graphArrays");
      if (graphArrays < 0) {
        throw new ModelFormatException(m.source, "metadata 'graphArrays' is negative");
      }
    } else if (!index.equals(NeighborSearch.EXACT.label())) {
      throw new ModelFormatException(m.source, "unknown neighbour search '" + index + "'");
    }
    // Files from before schema 4 have no "temperature": their probabilities were left as made.
    double temperature = p.has("temperature") ? m.number(p, "temperature") : 1;
    if (!(temperature > 0 && Double.isFinite(temperature))) {
      throw new ModelFormatException(m.source, "metadata 'temperature' is not a positive number");
    }
    if (spec.isNetwork() && archive.isDeferred(NODES)) {
      requireNodes(m, Tensor.elementCount(archive.shape(NODES)),
          Tensor.elementCount(archive.shape(NODE_VALUES)), dimension, a.outputs());
      int arrays = graphArrays;
      return Predictor.network(dimension, () -> readNodesLater(m, dimension, a.outputs(), arrays))
          .withTemperature(temperature);
    }
    Predictor.Nodes read = readNodes(m, dimension, a.outputs(), graphArrays);
    float[] nodes = read.points();
    float[] values = read.values();
    HnswIndex graph = read.graph();
    if (spec.isNetwork()) {
      return Predictor.network(nodes, dimension, values, graph).withTemperature(temperature);
    }
    // Nor "networkWeight": the network counted as one more neighbour.
    double networkWeight = p.has("networkWeight") ? m.number(p, "networkWeight") : Double.NaN;
    if (!Double.isNaN(networkWeight) && !(networkWeight >= 0 && networkWeight <= 1)) {
      throw new ModelFormatException(m.source, "metadata 'networkWeight' is not in [0, 1]");
    }
    float[] radii = archive.hasTensor(RADII) ? archive.tensor(RADII).takeFloats() : null;
    float[] gradients =
        archive.hasTensor(GRADIENTS) ? archive.tensor(GRADIENTS).takeFloats() : null;
    Interpolant interpolant =
        graph == null
            ? Interpolant.restore(
                spec.interpolant(), nodes, dimension, values, a.outputs(), radii, gradients)
            : Interpolant.restore(
                spec.interpolant(), nodes, dimension, values, a.outputs(), radii, gradients,
                graph);
    Predictor restored = Predictor.restore(spec, interpolant);
    return (Double.isNaN(networkWeight) ? restored : restored.withNetworkWeight(networkWeight))
        .withTemperature(temperature);
  }

  /** The arrays of the graph of a predictor that searches exactly. */
  private static final int NO_GRAPH = -1;

  /**
   * The predictor's nodes, their values and the graph over them, of {@code graphArrays} arrays
   * ({@link #NO_GRAPH} for none).
   */
  private static Predictor.Nodes readNodes(Fields m, int dimension, int outputs, int graphArrays)
      throws IOException {
    ModelArchive archive = m.archive;
    float[] nodes = archive.tensor(NODES).takeFloats();
    float[] values = archive.tensor(NODE_VALUES).takeFloats();
    requireNodes(m, nodes.length, values.length, dimension, outputs);
    HnswIndex graph = null;
    if (graphArrays != NO_GRAPH) {
      int[][] layers = new int[graphArrays][];
      for (int i = 0; i < layers.length; i++) {
        layers[i] = archive.tensor(GRAPH + i).takeInts();
      }
      graph = HnswIndex.restore(nodes, dimension, layers);
    }
    return new Predictor.Nodes(nodes, values, graph);
  }

  /**
   * {@link #readNodes} when first needed, after the model was opened: a file that changed since,
   * or whose graph does not hold, is reported as a {@link ModelFormatException} unchecked.
   */
  private static Predictor.Nodes readNodesLater(
      Fields m, int dimension, int outputs, int graphArrays) {
    try {
      return readNodes(m, dimension, outputs, graphArrays);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new ModelFormatException(m.source, e.getMessage(), e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks that {@code nodes} and {@code values} values make rows of the nodes and their values. */
  private static void requireNodes(Fields m, long nodes, long values, int dimension, int outputs)
      throws ModelFormatException {
    long n = nodes / dimension;
    if (n < 1 || nodes != n * dimension || values != n * outputs) {
      throw new ModelFormatException(m.source, "predictor nodes do not match the network");
    }
  }

  private static Calibration readCalibration(
      Fields m, ModelArchive archive, Predictor predictor, int[] difficultyNodes, int outputs,
      boolean classes) throws IOException {
    JsonNode c = m.object(m.root, "calibration");
    int rows = m.integer(c, "rows");
    double[] sigma = m.numbers(c, "networkSigma", outputs);
    JsonNode betas = m.object(c, "beta");
    Map<Difficulty, ConformalCalibration[]> scores = new EnumMap<>(Difficulty.class);
    for (Difficulty d : Difficulty.values()) {
      double[] beta = m.numbers(betas, d.name(), outputs);
      float[] all = archive.tensor(SCORES + d.name()).takeFloats();
      if (rows < 1 || all.length != (long) rows * outputs) {
        throw new ModelFormatException(m.source, "calibration scores do not match their rows");
      }
      ConformalCalibration[] perTarget = new ConformalCalibration[outputs];
      for (int o = 0; o < outputs; o++) {
        float[] s = java.util.Arrays.copyOfRange(all, o * rows, (o + 1) * rows);
        perTarget[o] = ConformalCalibration.restore(d, beta[o], s);
      }
      scores.put(d, perTarget);
    }
    SetCalibration sets = null;
    if (classes) {
      float[][] setScores = new float[SetScore.values().length][];
      for (SetScore kind : SetScore.values()) {
        setScores[kind.ordinal()] = archive.tensor(SET_SCORES + kind.name()).takeFloats();
      }
      sets = SetCalibration.restore(setScores);
    }
    return Calibration.restore(predictor, difficultyNodes, scores, sigma, rows, sets);
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
  private static final class Fields {
    final String source;
    final JsonNode root;
    final ModelArchive archive;

    Fields(ModelArchive archive) {
      this.source = archive.source();
      this.root = archive.metadata();
      this.archive = archive;
    }

    JsonNode field(JsonNode node, String name) throws ModelFormatException {
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

    <E extends Enum<E>> E constant(JsonNode node, String name, Class<E> type)
        throws ModelFormatException {
      String value = text(node, name);
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(value)) {
          return e;
        }
      }
      throw new ModelFormatException(
          source, "metadata '" + name + "' is '" + value + "', not a known value");
    }

    int integer(JsonNode node, String name) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
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

    double[] numbers(JsonNode node, String name, int count) throws ModelFormatException {
      JsonNode v = field(node, name);
      if (!v.isArray() || v.size() != count) {
        throw new ModelFormatException(
            source, "metadata '" + name + "' is not a list of " + count + " numbers");
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        if (!v.get(i).isNumber()) {
          throw new ModelFormatException(
              source, "metadata '" + name + "' is not a list of " + count + " numbers");
        }
        out[i] = v.get(i).doubleValue();
      }
      return out;
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
      return Standardizer.of(
          numbers(node, "means", means.size()), numbers(node, "stds", stds.size()));
    }
  }
}
