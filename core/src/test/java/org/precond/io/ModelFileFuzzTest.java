package org.precond.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the model loader with arbitrary files: whatever the bytes, loading either yields a model
 * or fails with a {@link ModelFormatException} whose message is one line naming the file. Any
 * other exception, and any message that breaks the line, is a bug.
 *
 * <p>The checksum of each input is repaired first ({@link ModelFileInputs#withRepairedChecksum}),
 * since otherwise nearly every mutation stops at the checksum and the loader's reading of the
 * metadata and tensors is never reached; {@link ModelArchiveFuzzTest} fuzzes the unrepaired bytes.
 *
 * <p>The loader is called in {@link #load} alone, so that when it moves only that line changes.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs as an ordinary test over the committed inputs in {@code
 * src/test/resources/org/precond/io/ModelFileFuzzTestInputs/loadsOrRefuses/}: small fitted models
 * of several kinds, damaged ones, and every input a fuzzing run found to fail.
 * The names say where an input came from: {@code valid_*} must keep succeeding (a plain test
 * below checks it), {@code crash_*} failed before a fix, {@code gen_*} were kept from a fuzzing
 * run's generated corpus for outcomes the seeds did not reach; the rest are hand-made.
 *
 * <p>To fuzz for ten minutes (the {@code maxDuration}; {@code -Djazzer.max_duration=30m} overrides
 * it), one target at a time:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl core test-compile surefire:test@default-test -Dtest=ModelFileFuzzTest
 * </pre>
 */
class ModelFileFuzzTest {

  @TempDir static Path dir;

  /** The loader under test: the only line that knows where it lives. */
  private static Object load(Path file) throws IOException {
    return org.precond.model.PrecondModel.load(file);
  }

  @FuzzTest(maxDuration = "10m")
  void loadsOrRefuses(byte[] input) throws IOException {
    Path file =
        ModelFileInputs.write(
            dir.resolve("model.pcm"), ModelFileInputs.withRepairedChecksum(input));
    try {
      load(file);
    } catch (ModelFormatException e) {
      ModelFileInputs.checkRefusal(e, file);
    }
  }

  /** The seeds named valid_* must stay loadable, or the corpus no longer starts from real models. */
  @Test
  void theValidSeedsLoad() throws IOException {
    for (Path seed : ModelFileInputs.validSeeds(ModelFileFuzzTest.class, "loadsOrRefuses")) {
      load(seed);
    }
  }
}
