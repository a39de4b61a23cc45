package org.precond.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {

  private static Dataset read(CsvReader reader, String csv) throws IOException {
    return reader.read(stream(csv), "data.csv");
  }

  private static Dataset read(String csv) throws IOException {
    return read(CsvReader.withDefaults(), csv);
  }

  private static DataFormatException failure(CsvReader reader, String csv) {
    return assertThrows(DataFormatException.class, () -> read(reader, csv));
  }

  private static DataFormatException failure(String csv) {
    return failure(CsvReader.withDefaults(), csv);
  }

  private static InputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertLocation(
      DataFormatException e, long row, int column, String columnName) {
    assertEquals("data.csv", e.source());
    assertEquals(row, e.row(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals(columnName, e.columnName(), e.getMessage());
    assertTrue(e.getMessage().startsWith("data.csv: "), e.getMessage());
    assertTrue(e.getMessage().indexOf('\n') < 0, "one line: " + e.getMessage());
  }

  @Test
  void lastColumnIsTheTargetByDefault() throws IOException {
    Dataset data = read("a,b,y\n1,2,3\n4.5,-6e-1,7\n");
    assertEquals(2, data.rows());
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(List.of("y"), data.targetNames());
    assertArrayEquals(new float[] {1, 2, 4.5f, -0.6f}, data.features());
    assertArrayEquals(new float[] {3, 7}, data.targets());
  }

  @Test
  void columnsAreChosenByNameInTheGivenOrder() throws IOException {
    CsvReader reader = CsvReader.builder().targets("t2", "t1").features("b", "a").build();
    Dataset data = read(reader, "id,a,t1,b,t2\nfirst,1,2,3,4\nsecond,5,6,7,8\n");
    assertEquals(List.of("b", "a"), data.featureNames());
    assertEquals(List.of("t2", "t1"), data.targetNames());
    assertArrayEquals(new float[] {3, 1, 7, 5}, data.features());
    assertArrayEquals(new float[] {4, 2, 8, 6}, data.targets());
  }

  @Test
  void featuresDefaultToEveryColumnThatIsNotATarget() throws IOException {
    Dataset data = read(CsvReader.builder().targets("a").build(), "a,b,c\n1,2,3\n");
    assertEquals(List.of("b", "c"), data.featureNames());
    assertArrayEquals(new float[] {1}, data.targets());
  }

  @Test
  void noTargetsReadsEveryColumnAsAFeature() throws IOException {
    Dataset data = read(CsvReader.builder().targets(List.of()).build(), "a,b\n1,2\n");
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(0, data.targetCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {",", ";", "\t"})
  void detectsTheDelimiterFromTheHeader(String delimiter) throws IOException {
    String csv =
        String.join(delimiter, "a", "b", "y") + "\n" + String.join(delimiter, "1", "2", "3") + "\n";
    Dataset data = read(csv);
    assertEquals(List.of("a", "b"), data.featureNames());
    assertArrayEquals(new float[] {3}, data.targets());
  }

  @Test
  void detectionIgnoresDelimitersInsideQuotes() throws IOException {
    Dataset data = read("\"a;1\";\"b;2\";y\n1;2;3\n");
    assertEquals(List.of("a;1", "b;2"), data.featureNames());
  }

  @Test
  void anExplicitDelimiterOverridesDetection() throws IOException {
    CsvReader reader = CsvReader.builder().delimiter(Delimiter.SEMICOLON).build();
    Dataset data = read(reader, "a,b;y\n1;2\n");
    assertEquals(List.of("a,b"), data.featureNames());
    assertArrayEquals(new float[] {1}, data.features());
  }

  @Test
  void anAmbiguousHeaderAsksForTheDelimiter() {
    DataFormatException e = failure("a;b,c\n1;2,3\n");
    assertLocation(e, 1, 0, null);
    assertTrue(e.getMessage().contains("delimiter"), e.getMessage());
  }

  @Test
  void aOneColumnFileNeedsNoDelimiter() throws IOException {
    CsvReader reader = CsvReader.builder().targets(List.of()).build();
    assertArrayEquals(new float[] {1, 2}, read(reader, "x\n1\n2\n").features());
  }

  @Test
  void readsQuotedFields() throws IOException {
    Dataset data = read("\"a, first\",\"b \"\"quoted\"\"\",y\n\"1.5\",2,\"3\"\n");
    assertEquals(List.of("a, first", "b \"quoted\""), data.featureNames());
    assertArrayEquals(new float[] {1.5f, 2}, data.features());
  }

  @Test
  void rowNumbersCountLinesOfMultiLineFields() {
    CsvReader reader = CsvReader.builder().features("a").targets("y").build();
    DataFormatException e = failure(reader, "note,a,y\n\"two\nlines\",1,2\nok,x,3\n");
    assertLocation(e, 4, 2, "a");
  }

  @Test
  void stripsAUtf8ByteOrderMark() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "a,y\n1,2\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(text, 0, bytes, bom.length, text.length);
    Dataset data = CsvReader.withDefaults().read(new ByteArrayInputStream(bytes), "bom.csv");
    assertEquals(List.of("a"), data.featureNames());
    assertArrayEquals(new float[] {1}, data.features());
  }

  @Test
  void acceptsCrlfBlankLinesSpacesAndNoFinalNewline() throws IOException {
    Dataset data = read(" a , y \r\n 1 , 2 \r\n\r\n3,4");
    assertEquals(List.of("a"), data.featureNames());
    assertEquals(List.of("y"), data.targetNames());
    assertArrayEquals(new float[] {1, 3}, data.features());
    assertArrayEquals(new float[] {2, 4}, data.targets());
  }

  @Test
  void readsAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("small.csv");
    Files.writeString(file, "a,y\n1,2\n3,4\n");
    assertArrayEquals(new float[] {2, 4}, CsvReader.withDefaults().read(file).targets());
    assertThrows(
        NoSuchFileException.class, () -> CsvReader.withDefaults().read(dir.resolve("none.csv")));
  }

  @Test
  void dashReadsStandardInput() throws IOException {
    InputStream saved = System.in;
    try {
      System.setIn(stream("a,y\n1,2\nx,4\n"));
      DataFormatException e =
          assertThrows(
              DataFormatException.class, () -> CsvReader.withDefaults().read(Path.of("-")));
      assertEquals("<stdin>: row 3, column 1 (a): expected a number, found \"x\"", e.getMessage());
      System.setIn(stream("a,y\n1,2\n"));
      assertArrayEquals(new float[] {2}, CsvReader.withDefaults().read(Path.of("-")).targets());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void optionalTargetsMayBeAbsent() throws IOException {
    CsvReader reader =
        CsvReader.builder().features("a", "b").targets("y").targetsOptional(true).build();
    Dataset without = read(reader, "b,a\n1,2\n");
    assertEquals(0, without.targetCount());
    assertArrayEquals(new float[] {2, 1}, without.features());
    Dataset with = read(reader, "a,b,y\n1,2,3\n");
    assertArrayEquals(new float[] {3}, with.targets());
  }

  @Test
  void optionalTargetsMustBeAllPresentOrAllAbsent() {
    CsvReader reader = CsvReader.builder().targets("y", "z").targetsOptional(true).build();
    DataFormatException e = failure(reader, "a,y\n1,2\n");
    assertTrue(e.getMessage().contains("\"z\" is missing"), e.getMessage());
  }

  @Test
  void optionalTargetsMustBeNamed() {
    assertThrows(
        IllegalStateException.class, () -> CsvReader.builder().targetsOptional(true).build());
  }

  @Test
  void aNameGivenTwiceIsAUsageError() {
    assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().features("a", "a"));
  }

  // ---- bad input: one exception, one line, naming file, row and column ----

  @Test
  void emptyFile() {
    DataFormatException e = failure("");
    assertLocation(e, 0, 0, null);
    assertEquals("data.csv: the file is empty; expected a header row", e.getMessage());
  }

  @Test
  void headerOnly() {
    DataFormatException e = failure("a,b,y\n");
    assertLocation(e, 0, 0, null);
    assertEquals(
        "data.csv: no data rows; expected at least one row after the header", e.getMessage());
  }

  @Test
  void rowWithTooFewFields() {
    DataFormatException e = failure("a,b,y\n1,2,3\n4,5\n");
    assertLocation(e, 3, 3, "y");
    assertEquals(
        "data.csv: row 3, column 3 (y): expected 3 fields as in the header, found 2",
        e.getMessage());
  }

  @Test
  void rowWithTooManyFields() {
    DataFormatException e = failure("a,b,y\n1,2,3\n4,5,6\n7,8,9,10\n");
    assertLocation(e, 4, 4, null);
    assertEquals(
        "data.csv: row 4, column 4: expected 3 fields as in the header, found 4", e.getMessage());
  }

  @Test
  void anUnclosedQuoteIsSuspectedWhenAShortRowSpansLines() {
    DataFormatException e = failure("a,y\n1,2\n\"3,4\n5,6\n");
    assertLocation(e, 3, 2, "y");
    assertEquals(
        "data.csv: row 3, column 2 (y): expected 2 fields as in the header, found 1;"
            + " is a quote left open?",
        e.getMessage());
  }

  @Test
  void nonNumericCell() {
    DataFormatException e = failure("a,MedInc,y\n1,2,3\n1,2,3\n4,abc,6\n");
    assertLocation(e, 4, 2, "MedInc");
    assertEquals(
        "data.csv: row 4, column 2 (MedInc): expected a number, found \"abc\"", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1f", "2d", "0x1p3", "1.2.3", "1,5", "--1", "e5", "NA", "?"})
  void textThatJavaOrOtherToolsMightParseIsNotANumber(String cell) {
    DataFormatException e = failure("a,y\n" + ("1,5".equals(cell) ? "\"1,5\"" : cell) + ",1\n");
    assertLocation(e, 2, 1, "a");
    assertTrue(
        e.getMessage().endsWith("expected a number, found \"" + cell + "\""), e.getMessage());
  }

  @Test
  void emptyCell() {
    DataFormatException e = failure("a,b,y\n1,,3\n");
    assertLocation(e, 2, 2, "b");
    assertEquals(
        "data.csv: row 2, column 2 (b): expected a number, found an empty field", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"NaN", "nan", "inf", "-inf", "+Inf", "Infinity", "-Infinity", "INFINITY"})
  void nonFiniteWords(String cell) {
    DataFormatException e = failure("a,y\n1,2\n3," + cell + "\n");
    assertLocation(e, 3, 2, "y");
    assertEquals(
        "data.csv: row 3, column 2 (y): expected a finite number, found \"" + cell + "\"",
        e.getMessage());
  }

  @Test
  void numbersBeyondFloat32() {
    DataFormatException e = failure("a,y\n1e39,2\n");
    assertLocation(e, 2, 1, "a");
    assertTrue(e.getMessage().contains("float32 range"), e.getMessage());
  }

  @Test
  void longAndMultiLineCellsAreShownOnOneShortLine() {
    DataFormatException e = failure("a,y\n\"" + "x".repeat(100) + "\ny\",1\n");
    assertLocation(e, 2, 1, "a");
    assertTrue(e.getMessage().length() < 120, e.getMessage());
  }

  @Test
  void duplicateColumnName() {
    DataFormatException e = failure("a,b,a,y\n1,2,3,4\n");
    assertLocation(e, 1, 3, "a");
    assertEquals(
        "data.csv: row 1, column 3 (a): duplicate column name; column 1 has the same name",
        e.getMessage());
  }

  @Test
  void emptyColumnName() {
    DataFormatException e = failure(",a,y\n1,2,3\n");
    assertLocation(e, 1, 1, null);
  }

  @Test
  void unknownTarget() {
    DataFormatException e = failure(CsvReader.builder().targets("price").build(), "a,y\n1,2\n");
    assertLocation(e, 1, 0, null);
    assertEquals(
        "data.csv: row 1: no column named \"price\" for the target; the header has a, y",
        e.getMessage());
  }

  @Test
  void aWideHeaderIsListedOnlyInPart() {
    StringBuilder header = new StringBuilder();
    for (int c = 1; c <= 30; c++) {
      header.append('c').append(c).append(',');
    }
    String csv = header.append("y\n").append("0,".repeat(30)).append("0\n").toString();
    DataFormatException e = failure(CsvReader.builder().targets("price").build(), csv);
    assertTrue(e.getMessage().endsWith("c19, c20, ... (31 columns)"), e.getMessage());
  }

  @Test
  void unknownFeature() {
    DataFormatException e =
        failure(CsvReader.builder().features("a", "size").build(), "a,y\n1,2\n");
    assertLocation(e, 1, 0, null);
    assertEquals(
        "data.csv: row 1: no column named \"size\" for the feature; the header has a, y",
        e.getMessage());
  }

  @Test
  void targetThatIsAlsoAFeature() {
    DataFormatException e = failure(CsvReader.builder().features("a", "y").build(), "a,y\n1,2\n");
    assertLocation(e, 1, 2, "y");
    assertEquals(
        "data.csv: row 1, column 2 (y): the column is chosen both as a target and as a feature",
        e.getMessage());
  }

  @Test
  void onlyTargetColumns() {
    DataFormatException e = failure("y\n1\n");
    assertNull(e.columnName());
    assertTrue(e.getMessage().contains("no feature columns"), e.getMessage());
  }

  @Test
  void lineBreaksInQuotedNamesAreEscapedInMessages() {
    // Found by the fuzz test's corpus: a quoted header name may span lines, and messages that
    // name the column or list the header then broke in two.
    DataFormatException listed =
        failure(CsvReader.builder().features("b").build(), "a,\"b\nc\",y\n1,2,3\n");
    assertLocation(listed, 1, 0, null);
    assertEquals(
        "data.csv: row 1: no column named \"b\" for the feature; the header has a, b\\nc, y",
        listed.getMessage());

    DataFormatException named = failure("\"a\u2028b\",y\nx,1\n");
    assertLocation(named, 2, 1, "a\u2028b");
    assertEquals(
        "data.csv: row 2, column 1 (a\\u2028b): expected a number, found \"x\"", named.getMessage());
  }
}
