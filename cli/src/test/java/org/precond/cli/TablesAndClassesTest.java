package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.model.PrecondModel;

/** The command line on tables with text categories, empty cells and class labels. */
class TablesAndClassesTest {

  @TempDir Path dir;
  private Path train;
  private Path rows;
  private Path model;

  /** A label from u and the colour; u empty in one row in ten, the colour in one in twenty. */
  private static String table(int n, long seed, boolean withLabel) {
    Random random = new Random(seed);
    String[] colors = {"red", "green", "blue"};
    StringBuilder sb = new StringBuilder(withLabel ? "u,color,label\n" : "u,color\n");
    for (int r = 0; r < n; r++) {
      double u = random.nextDouble();
      int c = random.nextInt(3);
      String label = u + c / 2.0 > 1 ? "yes" : "no";
      sb.append(r % 10 == 3 ? "" : String.format(Locale.ROOT, "%.3f", u)).append(',')
          .append(r % 20 == 7 ? "" : colors[c]);
      sb.append(withLabel ? "," + label : "").append('\n');
    }
    return sb.toString();
  }

  @BeforeEach
  void write() throws IOException {
    train = dir.resolve("train.csv");
    rows = dir.resolve("rows.csv");
    model = dir.resolve("model.pcm");
    Files.writeString(train, table(400, 1, true));
    Files.writeString(rows, table(30, 2, true));
  }

  private Run fit(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "fit", "--data", train.toString(), "--model", model.toString(), "--width", "8",
        "--depth", "2", "--steps", "200", "--ensemble", "1", "--quiet"));
    args.addAll(List.of(extra));
    return Run.of(args.toArray(String[]::new));
  }

  @Test
  void aTextTargetMakesAClassifierWhosePredictionsNameTheClasses() throws IOException {
    Run run = fit();
    assertEquals(0, run.exitCode(), run.err());
    Path out = dir.resolve("pred.csv");
    run = Run.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
        out.toString(), "--set", "0.9", "--method", "knn", "--k", "5", "--neighbors", "2");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(
        "label,label_p_no,label_p_yes,label_set,neighbor_1_row,neighbor_1_distance,"
            + "neighbor_1_weight,neighbor_1_label,neighbor_2_row,neighbor_2_distance,"
            + "neighbor_2_weight,neighbor_2_label",
        lines.get(0));
    assertEquals(31, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertTrue(cells[0].equals("yes") || cells[0].equals("no"), line);
      double total = Double.parseDouble(cells[1]) + Double.parseDouble(cells[2]);
      assertEquals(1, total, 1e-5, line);
      assertTrue(List.of("yes", "no", "no|yes", "").contains(cells[3]), line);
      assertTrue(cells[7].equals("yes") || cells[7].equals("no"), line);
    }

    // Rows to predict may carry a label the model never saw: predict does not read it.
    Path strange = dir.resolve("strange.csv");
    Files.writeString(strange, "u,color,label\n0.5,red,maybe\n");
    run = Run.of("predict", "--model", model.toString(), "--data", strange.toString(), "--out",
        out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(2, Files.readAllLines(out).size());

    run = Run.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
        out.toString(), "--interval", "0.9");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--set LEVEL gives prediction sets"), run.err());

    run = Run.of("evaluate", "--model", model.toString(), "--data", rows.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("accuracy"), run.out());
    assertTrue(run.out().contains("log loss"), run.out());
    run = Run.of("evaluate", "--model", model.toString(), "--data", rows.toString(), "--json",
        "-");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(5, json.get("results").size(), run.out());
    for (JsonNode estimator : json.get("results")) {
      double accuracy = estimator.get("accuracy").asDouble();
      assertTrue(accuracy >= 0 && accuracy <= 1, run.out());
      assertTrue(estimator.get("log_loss").asDouble() > 0, run.out());
    }

    run = Run.of("explain", "--model", model.toString(), "--data", rows.toString(), "--row", "1",
        "--method", "knn", "--k", "3");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("label = "), run.out());
  }

  @Test
  void unseenCategoriesAreCountedInOneWarningAndNumericCodesCanBeClasses() throws IOException {
    assertEquals(0, fit().exitCode());
    Path unseen = dir.resolve("unseen.csv");
    Files.writeString(unseen, "u,color\n0.5,purple\n0.2,purple\n0.9,red\n");
    Path out = dir.resolve("pred.csv");
    // The library warns through java.util.logging, which the command line prints on stderr.
    List<String> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger(PrecondModel.class.getName());
    logger.addHandler(handler);
    Run run;
    try {
      run = Run.of("predict", "--model", model.toString(), "--data", unseen.toString(),
          "--out", out.toString());
    } finally {
      logger.removeHandler(handler);
    }
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of(unseen + ": 2 cells hold categories not seen in training, taken as "
        + "unknown: color (2)"), warnings);
    assertEquals(4, Files.readAllLines(out).size());

    // A target of numbers is numeric unless classification is asked for.
    Files.writeString(train, table(400, 1, true).replace(",yes", ",1").replace(",no", ",0"));
    assertEquals(0, fit().exitCode());
    Path numeric = dir.resolve("numeric.csv");
    assertEquals(0, Run.of("predict", "--model", model.toString(), "--data", unseen.toString(),
        "--out", numeric.toString()).exitCode());
    assertEquals("label", Files.readAllLines(numeric).get(0));
    assertEquals(0, fit("--task", "classification").exitCode());
    assertEquals(0, Run.of("predict", "--model", model.toString(), "--data", unseen.toString(),
        "--out", numeric.toString()).exitCode());
    assertEquals("label,label_p_0,label_p_1", Files.readAllLines(numeric).get(0));
  }

  @Test
  void textWhereTrainingHadNumbersIsOneLineNamingRowAndColumn() throws IOException {
    assertEquals(0, fit().exitCode());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "u,color\n0.5,red\nhigh,blue\n");
    Path out = dir.resolve("pred.csv");
    Run run = Run.of("predict", "--model", model.toString(), "--data", bad.toString(), "--out",
        out.toString());
    assertEquals(1, run.exitCode());
    assertEquals("precond: " + bad + ": row 3, column 1 (u): expected a number or a missing-value "
        + "marker (the column is numeric in the model), found \"high\"\n",
        run.err().replace(System.lineSeparator(), "\n").replaceAll("(?m)^WARNING.*\n", ""));
    assertFalse(Files.exists(out));
  }
}
