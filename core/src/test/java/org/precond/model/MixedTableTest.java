package org.precond.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvReader;
import org.precond.data.DataFormatException;
import org.precond.data.Dataset;
import org.precond.metrics.RegressionMetrics;

/** A model of a table with a text column and empty cells, through files as a user has them. */
class MixedTableTest {

  private static final String[] COLORS = {"red", "green", "blue"};
  private static final double[] OFFSETS = {-2, 0, 3};

  @TempDir static Path dir;

  private static PrecondModel model;

  /** y = x + offset(color); x empty in one row of ten, color empty in one of twenty. */
  private static String table(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder("x,color,y\n");
    for (int r = 0; r < rows; r++) {
      double x = random.nextDouble() * 2 - 1;
      int c = random.nextInt(3);
      String cell = r % 20 == 7 ? "" : COLORS[c];
      sb.append(r % 10 == 3 ? "" : String.format(Locale.ROOT, "%.4f", x)).append(',')
          .append(cell).append(',')
          .append(String.format(Locale.ROOT, "%.4f", x + OFFSETS[c])).append('\n');
    }
    return sb.toString();
  }

  @BeforeAll
  static void fit() throws IOException {
    Path train = dir.resolve("train.csv");
    Files.writeString(train, table(600, 1));
    model = Regressor.builder().width(16).depth(3).steps(400).ensemble(1).seed(3).threads(2)
        .build().fit(CsvReader.withDefaults().readTable(train));
  }

  @Test
  void learnsFromTheCategoryAndNamesItsInputs() throws IOException {
    assertEquals(
        Set.of("x", "x=(missing)", "color=red", "color=green", "color=blue", "color=(missing)"),
        Set.copyOf(model.featureNames()));
    assertEquals(List.of("x", "color"), model.columnNames());
    Path test = dir.resolve("test.csv");
    Files.writeString(test, table(300, 2));
    Dataset rows = model.readRows(test);
    float[] predicted = model.predict(rows).means();
    // Rows with x present: the colour's offset must be learnt (a spread of 5 in y).
    double r2 = RegressionMetrics.compute(rows.targets(), predicted, 1).r2(0);
    assertTrue(r2 > 0.8, "R² " + r2);
  }

  @Test
  void roundTripsThroughAFile() throws IOException {
    Path file = dir.resolve("model.pcm");
    model.save(file);
    PrecondModel loaded = PrecondModel.load(file).withThreads(1);
    Path test = dir.resolve("again.csv");
    Files.writeString(test, table(50, 3));
    assertArrayEquals(
        model.predict(model.readRows(test)).means(), loaded.predict(loaded.readRows(test)).means());
    assertEquals(model.featureNames(), loaded.featureNames());
  }

  @Test
  void anUnseenCategoryIsTakenAsUnknownNotAnError() throws IOException {
    Path rows = dir.resolve("unseen.csv");
    Files.writeString(rows, "x,color\n0.5,purple\n0.5,\n0.5,red\n");
    float[] means = model.predict(model.readRows(rows)).means();
    assertEquals(3, means.length);
    for (float m : means) {
      assertTrue(Float.isFinite(m));
    }
  }

  @Test
  void textInANumericColumnIsOneLineNamingRowAndColumn() throws IOException {
    Path rows = dir.resolve("text.csv");
    Files.writeString(rows, "x,color\n0.5,red\nhigh,blue\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> model.readRows(rows));
    assertEquals(
        rows + ": row 3, column 1 (x): expected a number or a missing-value marker (the column "
            + "is numeric in the model), found \"high\"",
        e.getMessage());
  }

  @Test
  void numbersInACategoricalColumnAreCategories() throws IOException {
    Path rows = dir.resolve("numbers.csv");
    Files.writeString(rows, "x,color\n0.5,7\n");
    assertEquals(1, model.predict(model.readRows(rows)).means().length);
  }

  @Test
  void rowsWithoutATargetAreLeftOutAndTheOthersKeepTheirRowNumbers() throws IOException {
    Path train = dir.resolve("gaps.csv");
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int r = 0; r < 60; r++) {
      csv.append(r).append(',').append(r % 3 == 0 ? "" : Integer.toString(2 * r)).append('\n');
    }
    Files.writeString(train, csv.toString());
    PrecondModel m = Regressor.builder().width(4).depth(1).steps(20).ensemble(1).threads(1)
        .build().fit(CsvReader.withDefaults().readTable(train));
    int[] numbers = m.rows().allRowNumbers();
    assertEquals(40, numbers.length);
    float[] x = m.rows().allFeatures();
    for (int i = 0; i < numbers.length; i++) {
      assertTrue(numbers[i] % 3 != 0, "row " + numbers[i] + " has no target");
      // The row number names the row of the file the features came from (x is the row index).
      assertEquals(numbers[i], x[i * m.featureNames().size()], 0);
    }
  }
}
