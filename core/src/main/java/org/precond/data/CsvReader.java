package org.precond.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads UTF-8 CSV text with a header row: as a numeric {@link Dataset} ({@link #read}), or as a
 * {@link Table} of numeric and categorical columns with missing cells ({@link #readTable}).
 *
 * <p>Targets are chosen by name (by default the last column), features by name (by default every
 * other column); unselected columns are skipped without being parsed. The delimiter is comma,
 * semicolon or tab, detected from the header line unless given. Fields may be quoted; a UTF-8 byte
 * order mark is ignored; surrounding spaces in names and numbers are ignored.
 *
 * <p>The text is streamed: records are parsed into growing float arrays a few thousand at a time
 * ({@link #readTable} on every processor), so a file is never held in memory as text, only as the
 * float32 values kept.
 *
 * <p>For {@link #read}, anything that is not a table of finite numbers raises a {@link
 * DataFormatException} naming the file, the row (its line number, header = 1) and the column;
 * {@link #readTable} takes text and missing-value markers as they come and raises it only for a
 * file that is not a table, or a cell that does not fit its column's given type.
 */
public final class CsvReader {

  /**
   * The cells besides an empty one that mean a missing value, unless {@link Builder#missing} says
   * otherwise.
   */
  public static final List<String> DEFAULT_MISSING = List.of("NA", "NaN", "null", "?");

  /** The name errors use for standard input. */
  public static final String STDIN_NAME = "<stdin>";

  /** How far into the input the delimiter detection looks for the end of the header line. */
  private static final int HEADER_SCAN_LIMIT = 1 << 20;

  /**
   * Records whose cells a worker parses at a time: some milliseconds of work for a table of ten
   * columns, and a few megabytes of text in flight per batch.
   */
  static final int BATCH_ROWS = 4096;

  private static final int MAX_SHOWN_FIELD = 40;
  private static final int MAX_LISTED_COLUMNS = 20;

  private final Delimiter delimiter;
  private final List<String> targets;
  private final List<String> features;
  private final boolean targetsOptional;
  private final Map<String, ColumnType> types;
  private final boolean typesFromModel;
  private final ColumnType targetType;
  private final Set<String> missing;
  /**
   * The longest missing-value marker: longer cells (most numbers) skip the set look-up, which
   * hashes the whole cell and was a tenth of reading a large numeric table.
   */
  private final int longestMissing;
  /** Records a worker parses at a time ({@link #readTable}). */
  private final int batchRows;

  private CsvReader(Builder b) {
    this.delimiter = b.delimiter;
    this.targets = b.targets;
    this.features = b.features;
    this.targetsOptional = b.targetsOptional;
    this.types = b.types;
    this.typesFromModel = b.typesFromModel;
    this.targetType = b.targetType;
    this.missing = b.missing;
    this.longestMissing = missing.stream().mapToInt(String::length).max().orElse(0);
    this.batchRows = b.batchRows;
  }

  /** A reader with the defaults: detected delimiter, last column the target, the rest features. */
  public static CsvReader withDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a file, or standard input when the path is {@code -}.
   *
   * @throws DataFormatException if the content is not a table of finite numbers
   * @throws IOException if the file cannot be read
   */
  public Dataset read(Path path) throws IOException {
    if (path.toString().equals("-")) {
      return read(System.in, STDIN_NAME);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    } catch (DataFormatException | FileSystemException e) {
      throw e; // these name the file already
    } catch (IOException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads from a stream, which is left open.
   *
   * @param source the name errors give the input, usually its file name
   * @throws DataFormatException if the content is not a table of finite numbers
   */
  public Dataset read(InputStream in, String source) throws IOException {
    return parse(in, source, (layout, records) -> readRows(source, layout, records));
  }

  /**
   * Reads a file, or standard input when the path is {@code -}, as a {@link Table}: numeric and
   * categorical columns, missing-value markers kept as missing cells. A column's type is the one
   * given to the builder, else numeric when every cell that is not missing is a number, else
   * categorical.
   *
   * @throws DataFormatException if the content is not a table, or a cell does not fit the type
   *     its column was given
   */
  public Table readTable(Path path) throws IOException {
    if (path.toString().equals("-")) {
      return readTable(System.in, STDIN_NAME);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return readTable(in, path.toString());
    } catch (DataFormatException | FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Reads a {@link Table} from a stream, which is left open: see {@link #readTable(Path)}. */
  public Table readTable(InputStream in, String source) throws IOException {
    return parse(in, source, (layout, records) -> readColumns(source, layout, records));
  }

  /** What is made of the records once the header is read. */
  private interface Body<T> {
    T read(Layout layout, Iterator<CsvRecord> records) throws IOException;
  }

  private <T> T parse(InputStream in, String source, Body<T> body) throws IOException {
    BufferedReader text =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    skipByteOrderMark(text);
    char separator = (delimiter != null ? delimiter : detectDelimiter(text, source)).character();
    Iterator<CsvRecord> records =
        de.siegmar.fastcsv.reader.CsvReader.builder().fieldSeparator(separator).ofCsvRecord(text)
            .iterator();
    try {
      if (!records.hasNext()) {
        throw new DataFormatException(source, "the file is empty; expected a header row");
      }
      CsvRecord header = records.next();
      Layout layout = resolveLayout(source, header.getFields());
      return body.read(layout, records);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      // FastCSV says where the record started and, in the cause, what went wrong.
      String detail =
          e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
      throw new DataFormatException(source, "not valid CSV: " + detail);
    }
  }

  private static void skipByteOrderMark(BufferedReader text) throws IOException {
    text.mark(1);
    if (text.read() != '\uFEFF') {
      text.reset();
    }
  }

  private static Delimiter detectDelimiter(BufferedReader text, String source) throws IOException {
    text.mark(HEADER_SCAN_LIMIT);
    StringBuilder header = new StringBuilder();
    boolean quoted = false;
    while (header.length() < HEADER_SCAN_LIMIT) {
      int c = text.read();
      if (c < 0) {
        break;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      }
      header.append((char) c);
    }
    text.reset();
    Delimiter detected = Delimiter.detect(header);
    if (detected == null) {
      throw new DataFormatException(
          source,
          1,
          0,
          null,
          "cannot tell whether the delimiter is comma, semicolon or tab; give it explicitly");
    }
    return detected;
  }

  /** Which file column feeds which feature and target, after checking the header. */
  private record Layout(
      List<String> header,
      int[] featureColumns,
      int[] targetColumns,
      List<String> featureNames,
      List<String> targetNames) {}

  private Layout resolveLayout(String source, List<String> headerFields)
      throws DataFormatException {
    List<String> header = new ArrayList<>(headerFields.size());
    Map<String, Integer> columnOf = new HashMap<>();
    for (int c = 0; c < headerFields.size(); c++) {
      String name = headerFields.get(c).strip();
      if (name.isEmpty()) {
        throw new DataFormatException(
            source, 1, c + 1, null, "expected a column name, found an empty field");
      }
      Integer previous = columnOf.putIfAbsent(name, c);
      if (previous != null) {
        throw new DataFormatException(
            source,
            1,
            c + 1,
            name,
            "duplicate column name; column " + (previous + 1) + " has the same name");
      }
      header.add(name);
    }

    List<String> targetNames = targets != null ? targets : List.of(header.get(header.size() - 1));
    if (targetsOptional) {
      targetNames = presentTargets(source, targetNames, columnOf);
    }
    int[] targetColumns = columnsOf(source, targetNames, columnOf, header, "target");

    List<String> featureNames;
    if (features != null) {
      featureNames = features;
    } else {
      featureNames = new ArrayList<>(header);
      featureNames.removeAll(targetNames);
    }
    int[] featureColumns = columnsOf(source, featureNames, columnOf, header, "feature");
    for (int f = 0; f < featureNames.size(); f++) {
      if (targetNames.contains(featureNames.get(f))) {
        throw new DataFormatException(
            source,
            1,
            featureColumns[f] + 1,
            featureNames.get(f),
            "the column is chosen both as a target and as a feature");
      }
    }
    if (featureNames.isEmpty()) {
      throw new DataFormatException(
          source, 1, 0, null, "no feature columns; the header has only the targets " + targetNames);
    }
    return new Layout(
        List.copyOf(header), featureColumns, targetColumns, featureNames, targetNames);
  }

  /** With optional targets a file must carry all of them or none. */
  private static List<String> presentTargets(
      String source, List<String> targetNames, Map<String, Integer> columnOf)
      throws DataFormatException {
    List<String> present = new ArrayList<>();
    String missing = null;
    for (String name : targetNames) {
      if (columnOf.containsKey(name)) {
        present.add(name);
      } else if (missing == null) {
        missing = name;
      }
    }
    if (!present.isEmpty() && missing != null) {
      throw new DataFormatException(
          source,
          1,
          0,
          null,
          "target column \""
              + missing
              + "\" is missing while \""
              + present.get(0)
              + "\" is present; expected all targets or none");
    }
    return present;
  }

  private static int[] columnsOf(
      String source,
      List<String> names,
      Map<String, Integer> columnOf,
      List<String> header,
      String role)
      throws DataFormatException {
    int[] columns = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      Integer column = columnOf.get(names.get(i));
      if (column == null) {
        throw new DataFormatException(
            source,
            1,
            0,
            null,
            "no column named \"" + names.get(i) + "\" for the " + role + "; the header has "
                + listed(header));
      }
      columns[i] = column;
    }
    return columns;
  }

  /** The column names for a message, cut short so that a wide file still gives one line. */
  private static String listed(List<String> header) {
    if (header.size() <= MAX_LISTED_COLUMNS) {
      return String.join(", ", header);
    }
    return String.join(", ", header.subList(0, MAX_LISTED_COLUMNS))
        + ", ... ("
        + header.size()
        + " columns)";
  }

  private static Dataset readRows(String source, Layout layout, Iterator<CsvRecord> records)
      throws DataFormatException {
    int d = layout.featureColumns().length;
    int m = layout.targetColumns().length;
    FloatBlock features = new FloatBlock(source, d);
    FloatBlock targets = new FloatBlock(source, m);
    int rows = 0;
    while (records.hasNext()) {
      CsvRecord record = records.next();
      long line = record.getStartingLineNumber();
      checkFieldCount(source, line, record, layout.header());
      for (int column : layout.featureColumns()) {
        features.add(parse(source, line, column, layout.header(), record.getField(column)));
      }
      for (int column : layout.targetColumns()) {
        targets.add(parse(source, line, column, layout.header(), record.getField(column)));
      }
      rows++;
    }
    if (rows == 0) {
      throw new DataFormatException(
          source, "no data rows; expected at least one row after the header");
    }
    return new Dataset(
        rows, features.toArray(), layout.featureNames(), targets.toArray(), layout.targetNames());
  }

  /**
   * Splits the records into fields on this thread and parses their cells on workers, {@link
   * #batchRows} records at a time, and fills the columns with the batches in file order: the
   * same table, and the same first error, as reading cell by cell, whatever the number of
   * processors. A file of one batch is parsed here, without starting any thread.
   */
  private Table readColumns(String source, Layout layout, Iterator<CsvRecord> records)
      throws IOException {
    TableColumns columns = new TableColumns(source, layout);
    int[] fileColumns = columns.all.stream().mapToInt(ColumnBuilder::fileColumn).toArray();
    // This thread splits records for the whole run, the others parse: splitting is about half
    // the work, and a third thread on two processors would take time from it.
    int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    Deque<Future<CellBatch>> pending = new ArrayDeque<>();
    ExecutorService pool = null;
    RuntimeException unreadable = null;
    long rows = 0;
    try {
      boolean last = false;
      while (!last) {
        CsvRecord[] batch = new CsvRecord[batchRows];
        int count = 0;
        try {
          while (count < batchRows && records.hasNext()) {
            batch[count++] = records.next();
          }
        } catch (RuntimeException e) {
          // Not valid CSV from here on; the records before it may still hold an earlier error.
          unreadable = e;
        }
        last = unreadable != null || count < batchRows;
        int n = count;
        Supplier<CellBatch> parse =
            () -> CellBatch.parse(source, layout.header(), fileColumns, batch, n, this::isMissing);
        if (n > 0 && last && pool == null) {
          rows += columns.add(parse.get());
        } else if (n > 0) {
          if (pool == null) {
            pool = Executors.newFixedThreadPool(workers, CsvReader::worker);
          }
          pending.add(pool.submit(parse::get));
        }
        while (!pending.isEmpty() && (last || pending.size() > 2 * workers)) {
          rows += columns.add(done(pending.remove()));
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (unreadable != null) {
      throw unreadable;
    }
    if (rows == 0) {
      throw new DataFormatException(
          source, "no data rows; expected at least one row after the header");
    }
    return columns.table();
  }

  private static Thread worker(Runnable r) {
    Thread t = new Thread(r, "precond-csv");
    t.setDaemon(true);
    return t;
  }

  /** The batch a worker parsed, once it is done. */
  private static CellBatch done(Future<CellBatch> parsed) throws IOException {
    try {
      return parsed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Reads a {@link Table} from rows whose cells are already split, as {@link #readTable(Path)}
   * reads a file with this header and these rows: the same columns, types, missing-value markers
   * and errors. For rows that come from elsewhere than a CSV file, such as a partition of a Spark
   * table; a cell that is null is missing.
   *
   * @param source the name errors give the rows
   * @param firstRow the row number errors give the first row (in a file, 2: the header is row 1)
   * @throws DataFormatException if the header lacks a column, a row has fewer or more cells than
   *     the header, or a cell does not fit the type its column was given
   */
  public Table readTable(List<String> header, Iterator<String[]> rows, String source,
      long firstRow) throws DataFormatException {
    Layout layout = resolveLayout(source, header);
    TableColumns columns = new TableColumns(source, layout);
    long line = firstRow;
    while (rows.hasNext()) {
      String[] cells = rows.next();
      if (cells.length != header.size()) {
        throw new DataFormatException(source, line, 0, null,
            "expected " + header.size() + " cells as in the header, found " + cells.length);
      }
      for (ColumnBuilder column : columns.all) {
        String cell = cells[column.fileColumn()];
        String text = cell == null ? "" : cell.strip();
        column.add(line, text, isMissing(text));
      }
      line++;
    }
    if (line == firstRow) {
      throw new DataFormatException(source, "no data rows; expected at least one row");
    }
    return columns.table();
  }

  /** The builders of a table's feature and target columns, filled row by row. */
  private final class TableColumns {
    final List<ColumnBuilder> features;
    final List<ColumnBuilder> targets;
    final List<ColumnBuilder> all = new ArrayList<>();

    TableColumns(String source, Layout layout) {
      features = builders(source, layout, layout.featureColumns(), layout.featureNames(), null);
      targets = builders(source, layout, layout.targetColumns(), layout.targetNames(), targetType);
      all.addAll(features);
      all.addAll(targets);
    }

    Table table() {
      return new Table(
          features.stream().map(ColumnBuilder::build).toList(),
          targets.stream().map(ColumnBuilder::build).toList());
    }

    /**
     * Adds a batch's records, column by column, and returns how many. Of the errors they raise,
     * the one reading cell by cell would have met first: the earliest row, and in it the first
     * column, a record with the wrong number of fields before any of its cells.
     */
    int add(CellBatch batch) throws DataFormatException {
      DataFormatException first = null;
      for (int c = 0; c < all.size(); c++) {
        try {
          all.get(c).add(batch, c);
        } catch (DataFormatException e) {
          if (first == null || e.row() < first.row()) {
            first = e;
          }
        }
      }
      if (first != null) {
        throw first;
      }
      if (batch.fieldCount != null) {
        throw batch.fieldCount;
      }
      return batch.rows;
    }
  }

  private boolean isMissing(String text) {
    return text.isEmpty() || (text.length() <= longestMissing && missing.contains(text));
  }

  private List<ColumnBuilder> builders(
      String source, Layout layout, int[] fileColumns, List<String> names, ColumnType type) {
    List<ColumnBuilder> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      ColumnType given = type != null ? type : types.get(names.get(i));
      out.add(new ColumnBuilder(source, names.get(i), fileColumns[i], given, typesFromModel));
    }
    return out;
  }

  /**
   * A decimal number's float32 value; NaN when the text is not a decimal number, an infinity when
   * it is one beyond the float32 range.
   */
  static float parseNumber(String text) {
    return Decimal.parse(text);
  }

  static void checkFieldCount(
      String source, long line, CsvRecord record, List<String> header)
      throws DataFormatException {
    int expected = header.size();
    int found = record.getFieldCount();
    if (found < expected) {
      throw new DataFormatException(
          source,
          line,
          found + 1,
          header.get(found),
          "expected " + expected + " fields as in the header, found " + found
              + (spansLines(record) ? "; is a quote left open?" : ""));
    }
    if (found > expected) {
      throw new DataFormatException(
          source,
          line,
          expected + 1,
          null,
          "expected " + expected + " fields as in the header, found " + found);
    }
  }

  /** A short record spanning lines is the usual sign of an unbalanced quote swallowing rows. */
  private static boolean spansLines(CsvRecord record) {
    for (String field : record.getFields()) {
      if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
        return true;
      }
    }
    return false;
  }

  private static float parse(
      String source, long line, int column, List<String> header, String field)
      throws DataFormatException {
    String text = field.strip();
    String problem;
    if (text.isEmpty()) {
      problem = "expected a number, found an empty field";
    } else {
      float value = Decimal.parse(text);
      if (Float.isFinite(value)) {
        return value;
      }
      problem =
          Float.isNaN(value)
              ? (isNonFiniteWord(text) ? "expected a finite number, found "
                  : "expected a number, found ") + quote(field)
              : "expected a number within the float32 range, found " + quote(field);
    }
    throw new DataFormatException(source, line, column + 1, header.get(column), problem);
  }

  private static boolean isNonFiniteWord(String text) {
    String word = text.toLowerCase(Locale.ROOT);
    if (word.startsWith("-") || word.startsWith("+")) {
      word = word.substring(1);
    }
    return word.equals("nan") || word.equals("inf") || word.equals("infinity");
  }

  /** The field as the message shows it: quoted, control characters escaped, long ones cut. */
  static String quote(String field) {
    String shown =
        field.length() > MAX_SHOWN_FIELD ? field.substring(0, MAX_SHOWN_FIELD) + "..." : field;
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** A float array that grows as rows are appended, within Java's array size limit. */
  private static final class FloatBlock {
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final String source;
    private float[] values;
    private int size;

    FloatBlock(String source, int columns) {
      this.source = source;
      this.values = new float[columns * 1024];
    }

    void add(float value) throws DataFormatException {
      if (size == values.length) {
        if (size == MAX_LENGTH) {
          throw new DataFormatException(
              source, "too large: more than " + MAX_LENGTH + " values in one block");
        }
        values = Arrays.copyOf(values, (int) Math.min(MAX_LENGTH, size + (size >> 1) + 16L));
      }
      values[size++] = value;
    }

    float[] toArray() {
      return size == values.length ? values : Arrays.copyOf(values, size);
    }
  }

  /** Configures a {@link CsvReader}; unset options keep the defaults the class comment gives. */
  public static final class Builder {
    private Delimiter delimiter;
    private List<String> targets;
    private List<String> features;
    private boolean targetsOptional;
    private Map<String, ColumnType> types = Map.of();
    private boolean typesFromModel;
    private ColumnType targetType;
    private Set<String> missing = markers(DEFAULT_MISSING);
    private int batchRows = BATCH_ROWS;

    private Builder() {}

    /** Records a worker parses at a time; for tests that cut files into many batches. */
    Builder batchRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("a batch needs at least one record, got " + rows);
      }
      this.batchRows = rows;
      return this;
    }

    /**
     * Gives columns a type for {@link #readTable} instead of inferring it; columns not named are
     * inferred.
     */
    public Builder types(Map<String, ColumnType> columnTypes) {
      this.types = Map.copyOf(columnTypes);
      return this;
    }

    /**
     * The type of every target column for {@link #readTable}, whatever their names; null (the
     * default) leaves them to {@link #types} and inference.
     */
    public Builder targetType(ColumnType type) {
      this.targetType = type;
      return this;
    }

    /** The types of a fitted model's columns, which errors then name as the model's. */
    public Builder modelTypes(Map<String, ColumnType> columnTypes) {
      types(columnTypes);
      this.typesFromModel = true;
      return this;
    }

    /**
     * The cells besides an empty one that {@link #readTable} takes for missing values, compared
     * after surrounding spaces are removed ({@link #DEFAULT_MISSING} unless given).
     */
    public Builder missing(Collection<String> markers) {
      this.missing = markers(markers);
      return this;
    }

    private static Set<String> markers(Collection<String> markers) {
      Set<String> set = new HashSet<>();
      set.add("");
      for (String m : markers) {
        set.add(m.strip());
      }
      return Set.copyOf(set);
    }

    /** The field separator; {@code null} (the default) detects it from the header line. */
    public Builder delimiter(Delimiter delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /** The target columns, in this order; none at all reads every selected column as a feature. */
    public Builder targets(List<String> names) {
      this.targets = distinct(names, "target");
      return this;
    }

    public Builder targets(String... names) {
      return targets(Arrays.asList(names));
    }

    /** The feature columns, in this order; by default every column that is not a target. */
    public Builder features(List<String> names) {
      this.features = distinct(names, "feature");
      return this;
    }

    public Builder features(String... names) {
      return features(Arrays.asList(names));
    }

    /**
     * Accepts files without the target columns, for rows to predict on: the dataset then has no
     * targets. A file that has some but not all of them is still an error.
     */
    public Builder targetsOptional(boolean targetsOptional) {
      this.targetsOptional = targetsOptional;
      return this;
    }

    /**
     * @throws IllegalStateException if targets are optional but not named, since the default
     *     (the last column) would then silently take a feature as the target
     */
    public CsvReader build() {
      if (targetsOptional && targets == null) {
        throw new IllegalStateException("optional targets must be named explicitly");
      }
      return new CsvReader(this);
    }

    private static List<String> distinct(List<String> names, String role) {
      LinkedHashSet<String> set = new LinkedHashSet<>();
      for (String name : names) {
        if (!set.add(Objects.requireNonNull(name, role + " name"))) {
          throw new IllegalArgumentException(role + " column \"" + name + "\" is named twice");
        }
      }
      return List.copyOf(set);
    }
  }
}
