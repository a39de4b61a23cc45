package org.precond.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.ModelFormatException;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.prep.InputScaling;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;

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

  /**
   * Writes the valid_* seeds anew into the source tree, after a change of the model file's
   * schema: {@code ./mvnw -B -pl core test -Dtest=ModelFileFuzzTest#writeValidSeeds
   * -Dprecond.writeSeeds=src/test/resources/org/precond/io/ModelFileFuzzTestInputs/loadsOrRefuses}.
   * Small models of every kind of predictor, the default recipe and the other settings the file
   * records.
   */
  @Test
  @EnabledIfSystemProperty(named = "precond.writeSeeds", matches = ".+")
  void writeValidSeeds() throws IOException {
    Path folder = Path.of(System.getProperty("precond.writeSeeds"));
    Dataset data = ReferenceFunction.E2.uniform(200, 1);
    Regressor.Builder small = Regressor.builder().width(4).depth(2).steps(20).threads(1);
    small.build().fit(data).save(folder.resolve("valid_default"));
    small.ensemble(1).encodingBins(0).inputScaling(InputScaling.ROBUST).calibration(0.2)
        .weightDecay(0.01);
    Map<String, PredictorSpec> kinds = new LinkedHashMap<>();
    kinds.put("mlp", PredictorSpec.NETWORK);
    kinds.put("knn", new PredictorSpec(InterpolantSpec.of(Method.KNN), Space.WEIGHTED, true));
    kinds.put("linear_shepard", PredictorSpec.of(InterpolantSpec.of(Method.LINEAR_SHEPARD), Space.EMBEDDING));
    kinds.put("modified_shepard", PredictorSpec.of(InterpolantSpec.of(Method.MODIFIED_SHEPARD), Space.RAW));
    kinds.put("shepard_all",
        PredictorSpec.of(new InterpolantSpec(Method.SHEPARD, InterpolantSpec.ALL, 2, false), Space.EMBEDDING));
    for (Map.Entry<String, PredictorSpec> kind : kinds.entrySet()) {
      small.predictor(kind.getValue()).build().fit(data).save(folder.resolve("valid_" + kind.getKey()));
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
