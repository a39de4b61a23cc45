package org.precond.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReadingTest {

  private static Table read(CsvReader reader, String csv) throws IOException {
    return reader.readTable(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "data.csv");
  }

  private static Table read(String csv) throws IOException {
    return read(CsvReader.withDefaults(), csv);
  }

  @Test
  void infersNumericAndCategoricalColumnsAndKeepsMissingCells() throws IOException {
    Table t = read("x,color,code,y\n1.5,red,3,10\n,blue,NA,20\n2,?,5,\n");
    assertEquals(List.of("x", "color", "code"), t.featureNames());
    assertEquals(List.of("y"), t.targetNames());
    Column.Numeric x = assertInstanceOf(Column.Numeric.class, t.features().get(0));
    assertArrayEquals(new float[] {1.5f, Float.NaN, 2}, x.values());
    Column.Categorical color = assertInstanceOf(Column.Categorical.class, t.features().get(1));
    assertEquals(List.of("red", "blue"), color.levels());
    assertArrayEquals(new int[] {0, 1, Column.MISSING}, color.codes());
    // A column of numbers is numeric, whatever they encode, unless named categorical.
    assertInstanceOf(Column.Numeric.class, t.features().get(2));
    assertEquals(1, t.targets().get(0).missing());
  }

  @Test
  void numbersBeforeTheFirstTextBecomeCategoriesNamedByValue() throws IOException {
    Table t = read("grade,y\n020,1\n20.0,2\n7,3\nA,4\n,5\n");
    Column.Categorical grade = assertInstanceOf(Column.Categorical.class, t.features().get(0));
    assertEquals(List.of("20", "7", "A"), grade.levels());
    assertArrayEquals(new int[] {0, 0, 1, 2, Column.MISSING}, grade.codes());
  }

  @Test
  void givenTypesOverrideInference() throws IOException {
    CsvReader reader =
        CsvReader.builder().types(Map.of("code", ColumnType.CATEGORICAL)).build();
    Table t = read(reader, "code,y\n3,1\n05,2\n3,3\n");
    Column.Categorical code = assertInstanceOf(Column.Categorical.class, t.features().get(0));
    assertEquals(List.of("3", "5"), code.levels());

    CsvReader numeric = CsvReader.builder().types(Map.of("x", ColumnType.NUMERIC)).build();
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> read(numeric, "x,y\n1,2\nabc,3\n"));
    assertEquals(
        "data.csv: row 3, column 1 (x): expected a number or a missing-value marker, found \"abc\"",
        e.getMessage());
    CsvReader model = CsvReader.builder().modelTypes(Map.of("x", ColumnType.NUMERIC)).build();
    e = assertThrows(DataFormatException.class, () -> read(model, "x,y\n1,2\nabc,3\n"));
    assertTrue(e.getMessage().contains("(the column is numeric in the model)"), e.getMessage());
  }

  @Test
  void missingMarkersAreConfigurableAndAnEmptyCellIsAlwaysMissing() throws IOException {
    CsvReader reader = CsvReader.builder().missing(List.of("-999")).build();
    Table t = read(reader, "x,y\n-999,1\n,2\nNA,3\n4,4\n");
    // "NA" is no longer a marker, so the column holds text.
    Column.Categorical x = assertInstanceOf(Column.Categorical.class, t.features().get(0));
    assertEquals(List.of("NA", "4"), x.levels());
    assertArrayEquals(new int[] {Column.MISSING, Column.MISSING, 0, 1}, x.codes());
  }

  @Test
  void aNumericTableReadsAsTheSameNumbersAsADataset() throws IOException {
    String csv = "a,b,y\n1,2,3\n4.25,-5,6e2\n";
    Table t = read(csv);
    Dataset d = CsvReader.withDefaults().read(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "data.csv");
    Table fromDataset = Table.of(d);
    for (int c = 0; c < 2; c++) {
      assertArrayEquals(((Column.Numeric) fromDataset.features().get(c)).values(),
          ((Column.Numeric) t.features().get(c)).values());
    }
  }

  @Test
  void aWrittenTableReadsBackTheSame(@TempDir Path dir) throws IOException {
    Table t = read("x,color,y\n1.5,red,a\n,blue,b\n2,,a\n");
    Path file = dir.resolve("t.csv");
    CsvWriter.write(t, file);
    Table back = CsvReader.withDefaults().readTable(file);
    assertEquals(t.featureNames(), back.featureNames());
    assertArrayEquals(((Column.Numeric) t.features().get(0)).values(),
        ((Column.Numeric) back.features().get(0)).values());
    Column.Categorical color = (Column.Categorical) back.features().get(1);
    assertEquals(List.of("red", "blue"), color.levels());
    assertArrayEquals(new int[] {0, 1, Column.MISSING}, color.codes());
    assertEquals(List.of("a", "b"), ((Column.Categorical) back.targets().get(0)).levels());
  }

  @Test
  void rowsOfCellsReadAsTheSameFileWould() throws IOException {
    CsvReader reader = CsvReader.builder().types(Map.of("grade", ColumnType.CATEGORICAL)).build();
    String[][] rows = {{"1.5", "020", "10"}, {null, "A", "NA"}, {" 2 ", "20.0", ""}};
    Table cells = reader.readTable(
        List.of("x", "grade", "y"), Arrays.asList(rows).iterator(), "part-3", 2);
    Table file = read(reader, "x,grade,y\n1.5,020,10\n,A,NA\n 2 ,20.0,\n");
    assertEquals(file.featureNames(), cells.featureNames());
    assertEquals(file.targetNames(), cells.targetNames());
    assertArrayEquals(((Column.Numeric) file.targets().get(0)).values(),
        ((Column.Numeric) cells.targets().get(0)).values());
    assertArrayEquals(((Column.Numeric) file.features().get(0)).values(),
        ((Column.Numeric) cells.features().get(0)).values());
    assertArrayEquals(((Column.Categorical) file.features().get(1)).codes(),
        ((Column.Categorical) cells.features().get(1)).codes());
    assertEquals(List.of("20", "A"), ((Column.Categorical) cells.features().get(1)).levels());

    CsvReader numeric = CsvReader.builder().modelTypes(Map.of("x", ColumnType.NUMERIC)).build();
    String[][] bad = {{"1", "2"}, {"abc", "3"}};
    DataFormatException e = assertThrows(DataFormatException.class, () -> numeric.readTable(
        List.of("x", "y"), Arrays.asList(bad).iterator(), "part-0", 7));
    assertEquals("part-0: row 8, column 1 (x): expected a number or a missing-value marker (the "
        + "column is numeric in the model), found \"abc\"", e.getMessage());
  }
}
