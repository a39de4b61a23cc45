package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.precond.data.CsvReader;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
import org.precond.model.PrecondModel;
import org.precond.synthetic.ReferenceFunction;

class FitPredictEmbedTest {

  @TempDir Path dir;
  private Path train;
  private Path model;

  @BeforeEach
  void writeTrainingData() throws IOException {
    train = dir.resolve("train.csv");
    model = dir.resolve("model.pcm");
    CsvWriter.write(ReferenceFunction.E2.uniform(300, 1), train);
  }

  private Run fit(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "fit", "--data", train.toString(), "--model", model.toString(), "--width", "8",
                "--depth", "2", "--steps", "150", "--quiet"));
    args.addAll(List.of(extra));
    return Run.of(args.toArray(String[]::new));
  }

  @Test
  void anHnswIndexIsStoredInTheModel() throws IOException {
    Run run = fit("--index", "hnsw");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(PrecondModel.load(model).predictor().graph() != null);
    Run bad = fit("--index", "annoy");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("exact, hnsw"), bad.err());
  }

  @Test
  void predictAndEmbedFollowTheModelRowByRow() throws IOException {
    Run run = fit();
    assertEquals(0, run.exitCode(), run.err());
    PrecondModel m = PrecondModel.load(model);
    assertEquals(List.of("x1", "x2"), m.featureNames());

    // Rows to predict lack the target column and have their columns in another order.
    Dataset rows = ReferenceFunction.E2.uniform(50, 2);
    Path query = dir.resolve("rows.csv");
    StringBuilder csv = new StringBuilder("x2,x1\n");
    for (int r = 0; r < rows.rows(); r++) {
      csv.append(rows.feature(r, 1)).append(',').append(rows.feature(r, 0)).append('\n');
    }
    Files.writeString(query, csv);

    Path out = dir.resolve("pred.csv");
    run = Run.of("predict", "--model", model.toString(), "--data", query.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    Dataset predicted = CsvReader.builder().targets(List.of()).build().read(out);
    assertEquals(List.of("y"), predicted.featureNames());
    assertEquals(50, predicted.rows());
    float[] expected =
        m.predict(new Dataset(50, rows.features(), rows.featureNames(), new float[0], List.of()))
            .means();
    assertArrayEquals(expected, predicted.features());

    Path emb = dir.resolve("emb.csv");
    run = Run.of("embed", "--model", model.toString(), "--data", query.toString(), "--out", emb.toString());
    assertEquals(0, run.exitCode(), run.err());
    Dataset embedding = CsvReader.builder().targets(List.of()).build().read(emb);
    assertEquals(6 * 8, embedding.featureCount(), "six networks (a small table) 8 wide, side by side");
    assertEquals("embedding_1", embedding.featureNames().get(0));
    assertEquals(50, embedding.rows());
  }

  @Test
  void sameSeedSameModelWhateverTheThreads() throws IOException {
    assertEquals(0, fit("--seed", "3", "--threads", "1").exitCode());
    float[] one = PrecondModel.load(model).network().members().get(0).parameters();
    assertEquals(0, fit("--seed", "3", "--threads", "2").exitCode());
    float[] two = PrecondModel.load(model).network().members().get(0).parameters();
    assertArrayEquals(one, two);
    assertEquals(0, fit("--seed", "4", "--threads", "2").exitCode());
    assertFalse(java.util.Arrays.equals(one, PrecondModel.load(model).network().members().get(0).parameters()));
  }

  @Test
  void theModelRemembersHowItWasMade() throws IOException {
    assertEquals(0, fit("--optimizer", "lux", "--batch", "64", "--seed", "7").exitCode());
    PrecondModel m = PrecondModel.load(model);
    assertEquals("LUX", m.provenance().training().optimizer().name());
    assertEquals(64, m.provenance().training().batchSize());
    assertEquals(7, m.provenance().training().seed());
    assertEquals(150, m.provenance().history().loss().length);
    assertEquals(16, m.provenance().dataFingerprint().length());
    assertEquals("LINEAR", m.provenance().training().objective().name());
    assertEquals(0, fit("--objective", "both", "--candidates", "0.25").exitCode());
    m = PrecondModel.load(model);
    assertEquals("BOTH", m.provenance().training().objective().name());
    assertEquals(0.25, m.provenance().training().candidateShare());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--batch=0", "--batch=some", "--width=0", "--depth=0", "--steps=0", "--lr=-1",
        "--optimizer=sgd", "--threads=0", "--validation=1.5", "--init=zeros", "--objective=mse",
        "--candidates=0", "--candidates=1.5", "--ensemble=0", "--ensemble=many"
      })
  void badArgumentsAreUsageErrors(String option) {
    Run run = fit(option);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("precond: "), run.err());
    assertFalse(Files.exists(model), "no model written");
  }

  @Test
  void aDamagedModelIsReportedInOneLineNamingIt() throws IOException {
    assertEquals(0, fit().exitCode());
    byte[] bytes = Files.readAllBytes(model);
    Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Run run = Run.of("predict", "--model", model.toString(), "--data", train.toString(), "--out", "-");
    assertEquals(1, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(model.toString()) && run.err().contains("truncated"), run.err());
  }

  @Test
  void rowsMissingAFeatureFailAndLeaveNoOutput() throws IOException {
    assertEquals(0, fit().exitCode());
    Path query = dir.resolve("rows.csv");
    Files.writeString(query, "x1,z\n1,2\n");
    Path out = dir.resolve("pred.csv");
    Files.writeString(out, "previous\n");
    Run run = Run.of("predict", "--model", model.toString(), "--data", query.toString(), "--out", out.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains(query.toString()) && run.err().contains("x2"), run.err());
    assertEquals("previous\n", Files.readString(out));
  }
}
