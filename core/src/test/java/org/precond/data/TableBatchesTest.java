package org.precond.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.precond.testing.RandomizedTest;

/**
 * A table read in batches of records parsed on workers ({@link CsvReader#readTable}) is the table
 * read cell by cell, and fails with the same first error, wherever the batches are cut.
 */
class TableBatchesTest extends RandomizedTest {

  private static final int[] BATCHES = {1, 2, 3, 7, 64, CsvReader.BATCH_ROWS};

  private static Table read(CsvReader.Builder reader, int batchRows, String csv)
      throws IOException {
    return reader.batchRows(batchRows).build().readTable(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "data.csv");
  }

  private static String failure(CsvReader.Builder reader, int batchRows, String csv) {
    return assertThrows(DataFormatException.class, () -> read(reader, batchRows, csv))
        .getMessage();
  }

  /** A cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
  private static String csvCell(String cell) {
    return cell.matches("(?s).*[,\"\r\n].*") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }

  @Test
  void batchesOfAnySizeReadTheTableThatCellByCellReads() throws IOException {
    Random random = random();
    List<String> header = List.of("x", "code", "grade", "note", "y");
    List<String[]> rows = new ArrayList<>();
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    int n = 300;
    int turns = 40 + random.nextInt(200); // where "grade" meets its first text
    for (int r = 0; r < n; r++) {
      String[] cells = {
        random.nextInt(10) == 0 ? "NA" : Float.toString((float) random.nextGaussian()),
        Integer.toString(random.nextInt(5)),
        r == turns ? "A" : random.nextInt(8) == 0 ? "" : Integer.toString(random.nextInt(3)),
        // Text first: a number beyond float in a column still numeric would be an error.
        switch (r == 0 ? 3 : random.nextInt(4)) {
          case 0 -> "two\nlines";
          case 1 -> "a, \"quoted\" one";
          case 2 -> " 1e50 ";
          default -> "plain";
        },
        random.nextInt(12) == 0 ? "?" : Float.toString(random.nextFloat()),
      };
      rows.add(cells);
      StringBuilder line = new StringBuilder();
      for (String cell : cells) {
        line.append(line.isEmpty() ? "" : ",").append(csvCell(cell));
      }
      csv.append(line).append(random.nextInt(20) == 0 ? "\r\n\n" : "\n"); // some empty lines
    }
    CsvReader.Builder reader = CsvReader.builder().types(Map.of("code", ColumnType.CATEGORICAL));
    Table expected = reader.build().readTable(header, rows.iterator(), "data.csv", 2);
    assertInstanceOf(Column.Categorical.class, expected.features().get(2));
    for (int batch : BATCHES) {
      assertSameTable(expected, read(reader, batch, csv.toString()), "batches of " + batch);
    }
  }

  @Test
  void anErrorInALaterBatchNamesItsRowAndColumn() {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int r = 0; r < 100; r++) {
      // A quoted line break in every tenth record: rows are lines, not records.
      csv.append(r == 83 ? "abc" : "1.5").append(r % 10 == 0 ? ",\"2\n\"\n" : ",2\n");
    }
    CsvReader.Builder reader =
        CsvReader.builder().types(Map.of("x", ColumnType.NUMERIC));
    for (int batch : BATCHES) {
      assertEquals(
          "data.csv: row 94, column 1 (x): expected a number or a missing-value marker, "
              + "found \"abc\"",
          failure(reader, batch, csv.toString()), "batches of " + batch);
    }
  }

  @Test
  void theFirstErrorInFileOrderWinsWhateverColumnOrBatchHoldsIt() {
    CsvReader.Builder reader =
        CsvReader.builder().types(Map.of("a", ColumnType.NUMERIC, "b", ColumnType.NUMERIC));
    String cells = "a,b,y\n" + "1,1,1\n".repeat(8);
    // Row 12's bad cell is in an earlier column than row 11's, and in the next batch at size 2.
    String later = cells + "1,1,1\n1,x,1\n" + "y,1,1\n" + "1,1,1\n".repeat(5);
    String tooFew = cells + "1,1,1\n1,1\n" + "y,1,1\n";
    String invalid = cells + "1,x,1\n" + "1,1,1\n".repeat(6) + "\"1\"x,1,1\n";
    for (int batch : BATCHES) {
      String what = "batches of " + batch;
      assertEquals(
          "data.csv: row 11, column 2 (b): expected a number or a missing-value marker, "
              + "found \"x\"",
          failure(reader, batch, later), what);
      assertEquals(
          "data.csv: row 11, column 3 (y): expected 3 fields as in the header, found 2",
          failure(reader, batch, tooFew), what);
      assertEquals(
          "data.csv: row 10, column 2 (b): expected a number or a missing-value marker, "
              + "found \"x\"",
          failure(reader, batch, invalid), what);
      assertEquals(
          failure(reader, CsvReader.BATCH_ROWS, invalid.replace("1,x,1", "1,2,1")),
          failure(reader, batch, invalid.replace("1,x,1", "1,2,1")), what + ": not CSV");
    }
  }

  @Test
  void aNumberBeyondFloatIsAnErrorOnlyWhileItsColumnIsNumeric() throws IOException {
    String numbersFirst = "g,y\n" + "1,1\n".repeat(10) + "1e50,1\n" + "1,1\n".repeat(10)
        + "A,1\n";
    String textFirst = "g,y\n" + "1,1\n".repeat(10) + "A,1\n" + "1,1\n".repeat(10)
        + "1e50,1\n";
    for (int batch : BATCHES) {
      assertEquals(
          "data.csv: row 12, column 1 (g): expected a number within the float32 range, "
              + "found \"1e50\"",
          failure(CsvReader.builder(), batch, numbersFirst), "batches of " + batch);
      Column.Categorical g = assertInstanceOf(
          Column.Categorical.class, read(CsvReader.builder(), batch, textFirst).features().get(0));
      assertEquals(List.of("1", "A", "1e50"), g.levels(), "batches of " + batch);
    }
  }

  private static void assertSameTable(Table expected, Table actual, String what) {
    assertEquals(expected.featureNames(), actual.featureNames(), what);
    assertEquals(expected.targetNames(), actual.targetNames(), what);
    List<Column> e = new ArrayList<>(expected.features());
    e.addAll(expected.targets());
    List<Column> a = new ArrayList<>(actual.features());
    a.addAll(actual.targets());
    for (int c = 0; c < e.size(); c++) {
      String column = what + ", column " + e.get(c).name();
      switch (e.get(c)) {
        case Column.Numeric n ->
            assertArrayEquals(
                n.values(), assertInstanceOf(Column.Numeric.class, a.get(c)).values(), column);
        case Column.Categorical k -> {
          Column.Categorical other = assertInstanceOf(Column.Categorical.class, a.get(c));
          assertEquals(k.levels(), other.levels(), column);
          assertArrayEquals(k.codes(), other.codes(), column);
        }
      }
    }
    assertEquals(
        Arrays.toString(expected.features().stream().mapToInt(Column::rows).toArray()),
        Arrays.toString(actual.features().stream().mapToInt(Column::rows).toArray()), what);
  }
}
