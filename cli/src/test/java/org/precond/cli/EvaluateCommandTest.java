package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
import org.precond.evaluate.Evaluation;
import org.precond.synthetic.ReferenceFunction;

class EvaluateCommandTest {

  @TempDir Path dir;

  @Test
  void theTableAndTheJsonAgree() throws IOException {
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.csv");
    Path model = dir.resolve("model.pcm");
    CsvWriter.write(ReferenceFunction.E2.uniform(60, 1), train);
    CsvWriter.write(ReferenceFunction.E2.uniform(100, 2), test);
    assertEquals(0, Run.of("fit", "--data", train.toString(), "--model", model.toString(),
        "--width", "4", "--depth", "2", "--steps", "100", "--calibration", "0.2", "--quiet")
        .exitCode());

    Run table = Run.of("evaluate", "--model", model.toString(), "--data", test.toString());
    assertEquals(0, table.exitCode(), table.err());
    List<String> rows =
        table.out().lines().dropWhile(l -> !l.equals("target y")).skip(2)
            .takeWhile(l -> !l.isBlank()).toList();
    assertEquals(Evaluation.everyPredictor().size(), rows.size());
    String best = rows.stream().filter(l -> l.startsWith("*")).findFirst().orElseThrow();

    Run json = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(),
        "--json", "-");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode results = JsonMapper.builder().build().readTree(json.out()).get("results");
    assertEquals(rows.size(), results.size());
    JsonNode lowest = results.get(0);
    for (JsonNode r : results) {
      if (rmse(r) < rmse(lowest)) {
        lowest = r;
      }
    }
    assertTrue(best.startsWith("* " + lowest.get("method").asText() + " "), best);
    // The model holds 20% of its rows out to calibrate: intervals follow the table.
    assertTrue(table.out().contains("intervals at 90%"), table.out());
    assertEquals(13, JsonMapper.builder().build().readTree(json.out()).get("intervals").size());
  }

  @Test
  void evaluateShowsWhatFitChoseAndTheTestRowsDoNotChangeIt() throws IOException {
    Path train = dir.resolve("train300.csv");
    Path test = dir.resolve("test300.csv");
    Path shuffled = dir.resolve("shuffled.csv");
    Path model = dir.resolve("chosen.pcm");
    CsvWriter.write(ReferenceFunction.E2.uniform(300, 1), train);
    Dataset rows = ReferenceFunction.E2.uniform(100, 2);
    CsvWriter.write(rows, test);
    float[] y = rows.targets();
    float[] reversed = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      reversed[i] = y[y.length - 1 - i];
    }
    CsvWriter.write(
        new Dataset(100, rows.features(), rows.featureNames(), reversed, rows.targetNames()),
        shuffled);
    Run fit = Run.of("fit", "--data", train.toString(), "--model", model.toString(),
        "--width", "8", "--depth", "2", "--steps", "100");
    assertEquals(0, fit.exitCode(), fit.err());
    assertTrue(fit.err().contains("chose "), fit.err());

    JsonNode one = JsonMapper.builder().build().readTree(
        Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json", "-")
            .out()).get("candidates");
    JsonNode two = JsonMapper.builder().build().readTree(
        Run.of("evaluate", "--model", model.toString(), "--data", shuffled.toString(), "--json",
            "-").out()).get("candidates");
    assertEquals(13, one.size(), "the network; 3 weightings × 2 spaces × targets or residuals");
    assertEquals(one, two, "the choice was made when fitting, from the validation rows alone");
    Run table = Run.of("evaluate", "--model", model.toString(), "--data", test.toString());
    String chosen = org.precond.model.PrecondModel.load(model).predictorSpec().describe();
    assertTrue(table.out().startsWith("chose " + chosen + " by RMSE"), table.out());
  }

  private static double rmse(JsonNode result) {
    return result.get("targets").get("y").get("rmse").asDouble();
  }
}
