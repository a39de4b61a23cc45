package org.precond.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link CsvReader} with arbitrary bytes: whatever the input, reading either yields a
 * consistent dataset of finite numbers or fails with a {@link DataFormatException} whose message is
 * one line naming the input. Any other exception, and any message that breaks the line, is a bug.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs as an ordinary test over the committed inputs in {@code
 * src/test/resources/org/precond/data/CsvReaderFuzzTestInputs/readsOrRefuses/}: a few valid files,
 * malformed ones, and every input a fuzzing run found to fail.
 * The names say where an input came from: {@code valid_*} must keep succeeding (a plain test
 * below checks it), {@code crash_*} failed before a fix, {@code gen_*} were kept from a fuzzing
 * run's generated corpus for outcomes the seeds did not reach; the rest are hand-made.
 *
 * <p>To fuzz for ten minutes (the {@code maxDuration}; {@code -Djazzer.max_duration=30m} overrides
 * it), one target at a time:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl core test-compile surefire:test@default-test -Dtest=CsvReaderFuzzTest
 * </pre>
 */
class CsvReaderFuzzTest {

  private static final String SOURCE = "fuzz.csv";

  /** Every line terminator {@code \R} knows; a one-line message holds none of them. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");

  /**
   * Each input is read with the defaults and with two explicit configurations, so that named and
   * optional targets, chosen features and a given delimiter are fuzzed as well as the detection.
   */
  private static final List<CsvReader> READERS =
      List.of(
          CsvReader.withDefaults(),
          CsvReader.builder()
              .delimiter(Delimiter.COMMA)
              .targets("y", "z")
              .targetsOptional(true)
              .build(),
          CsvReader.builder().features("a", "b").targets("y").build());

  @FuzzTest(maxDuration = "10m")
  void readsOrRefuses(byte[] input) throws IOException {
    for (CsvReader reader : READERS) {
      Dataset data;
      try {
        data = reader.read(new ByteArrayInputStream(input), SOURCE);
      } catch (DataFormatException e) {
        checkMessage(e);
        continue;
      }
      checkDataset(data);
    }
  }

  private static void checkMessage(DataFormatException e) {
    String message = e.getMessage();
    if (!message.startsWith(SOURCE + ": ") || !SOURCE.equals(e.source())) {
      throw new AssertionError("the message does not name the input: " + message, e);
    }
    if (LINE_BREAK.matcher(message).find()) {
      throw new AssertionError("the message is not one line: " + message, e);
    }
  }

  private static void checkDataset(Dataset data) {
    if (data.rows() < 1) {
      throw new AssertionError("a dataset without rows was read: " + data);
    }
    for (float[] block : List.of(data.features(), data.targets())) {
      for (float v : block) {
        if (!Float.isFinite(v)) {
          throw new AssertionError("a non-finite value was read: " + v);
        }
      }
    }
  }

  /** The seeds named valid_* must stay readable, or the corpus no longer starts from real files. */
  @Test
  void theValidSeedsAreRead() throws IOException, URISyntaxException {
    Path folder =
        Path.of(getClass().getResource("CsvReaderFuzzTestInputs/readsOrRefuses").toURI());
    List<Path> seeds;
    try (Stream<Path> files = Files.list(folder)) {
      seeds = files.filter(f -> f.getFileName().toString().startsWith("valid_")).toList();
    }
    if (seeds.isEmpty()) {
      throw new AssertionError("no valid_* seeds in " + folder);
    }
    for (Path seed : seeds) {
      try (InputStream in = Files.newInputStream(seed)) {
        checkDataset(CsvReader.withDefaults().read(in, seed.toString()));
      }
    }
  }
}
