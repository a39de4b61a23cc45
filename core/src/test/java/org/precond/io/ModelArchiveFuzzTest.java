package org.precond.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.model.ModelFormatException;

/**
 * Fuzzes {@link ModelArchive#read(Path)} with arbitrary files: whatever the bytes, reading either
 * yields an archive whose tensors hold what their shapes say or fails with a {@link
 * ModelFormatException} whose message is one line naming the file. Any other exception, and any
 * message that breaks the line, is a bug.
 *
 * <p>Each input is read twice: as it is, which exercises the magic, version, truncation and
 * checksum checks, and with its checksum repaired ({@link ModelFileInputs#withRepairedChecksum}),
 * which lets altered structure through to the reader's own complaint or to a successful read.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs as an ordinary test over the committed inputs in {@code
 * src/test/resources/org/precond/io/ModelArchiveFuzzTestInputs/readsOrRefuses/}: a valid small
 * archive (from {@link SampleArchives#small()}), a valid model file, damaged ones, and every input
 * a fuzzing run found to fail.
 * The names say where an input came from: {@code valid_*} must keep succeeding (a plain test
 * below checks it), {@code crash_*} failed before a fix, {@code gen_*} were kept from a fuzzing
 * run's generated corpus for outcomes the seeds did not reach; the rest are hand-made.
 *
 * <p>To fuzz for ten minutes (the {@code maxDuration}; {@code -Djazzer.max_duration=30m} overrides
 * it), one target at a time:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl core test-compile surefire:test@default-test -Dtest=ModelArchiveFuzzTest
 * </pre>
 */
class ModelArchiveFuzzTest {

  @TempDir static Path dir;

  @FuzzTest(maxDuration = "10m")
  void readsOrRefuses(byte[] input) throws IOException {
    readOrRefuse(ModelFileInputs.write(dir.resolve("as-given.pcm"), input));
    byte[] repaired = ModelFileInputs.withRepairedChecksum(input);
    if (repaired != input) {
      readOrRefuse(ModelFileInputs.write(dir.resolve("repaired.pcm"), repaired));
    }
  }

  private static void readOrRefuse(Path file) throws IOException {
    ModelArchive archive;
    try {
      archive = ModelArchive.read(file);
    } catch (ModelFormatException e) {
      ModelFileInputs.checkRefusal(e, file);
      return;
    }
    if (!archive.source().equals(file.toString())) {
      throw new AssertionError("the archive names another source: " + archive.source());
    }
    for (String name : archive.tensorNames()) {
      Tensor t = archive.tensor(name);
      long expected = Arrays.stream(t.shape()).asLongStream().reduce(1, (a, b) -> a * b);
      int length =
          t.type() == Tensor.ElementType.FLOAT32
              ? t.toFloatArray().length
              : t.toIntArray().length;
      if (length != expected) {
        throw new AssertionError(t + " holds " + length + " values");
      }
    }
  }

  /** The seeds named valid_* must stay readable, or the corpus no longer starts from real files. */
  @Test
  void theValidSeedsAreRead() throws IOException {
    for (Path seed : ModelFileInputs.validSeeds(ModelArchiveFuzzTest.class, "readsOrRefuses")) {
      ModelArchive.read(seed);
    }
  }
}
