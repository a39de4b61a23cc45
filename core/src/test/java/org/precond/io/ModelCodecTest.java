package org.precond.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.model.ModelFormatException;
import org.precond.model.PrecondModel;
import org.precond.model.Regressor;
import org.precond.prep.InputScaling;
import org.precond.synthetic.ReferenceFunction;

class ModelCodecTest {

  @TempDir static Path dir;
  private static Path good;

  @BeforeAll
  static void save() throws IOException {
    good = dir.resolve("good.pcm");
    Regressor.builder().width(4).depth(2).steps(20).threads(1).inputScaling(InputScaling.ROBUST)
        .encodingBins(8).build()
        .fit(ReferenceFunction.E2.uniform(300, 1))
        .save(good);
  }

  /** A copy of the good model file with its metadata changed by {@code edit}. */
  private static Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
    ModelArchive archive = ModelArchive.read(good);
    ObjectNode meta = archive.metadata();
    edit.accept(meta);
    ModelArchive.Builder copy = ModelArchive.builder().metadata(meta);
    for (String tensor : archive.tensorNames()) {
      copy.add(archive.tensor(tensor));
    }
    Path file = dir.resolve(name);
    copy.build().write(file);
    return file;
  }

  @Test
  void theSchemaIsWrittenAndReadBack() throws IOException {
    assertEquals(ModelCodec.SCHEMA, ModelArchive.read(good).metadata().get("schema").intValue());
    PrecondModel loaded = PrecondModel.load(good);
    assertEquals(300, loaded.rows().training());
    assertEquals(30, loaded.calibration().rows());
    assertEquals(InputScaling.ROBUST, loaded.preprocessing().kind());
    assertEquals(2, loaded.network().inputs());
    assertEquals(16, loaded.network().architecture().inputs(), "two inputs in eight bins each");
  }

  @Test
  void aFileOfAnOlderSchemaSaysSoAndHowToMendIt() throws IOException {
    Path file = edited("old.pcm", meta -> meta.remove("schema"));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(file));
    assertTrue(e.getMessage().startsWith(file + ": written by an older precond"), e.getMessage());
    assertTrue(e.getMessage().contains("fit the model again"), e.getMessage());
  }

  @Test
  void aFileOfANewerSchemaSaysSo() throws IOException {
    Path file = edited("new.pcm", meta -> meta.put("schema", ModelCodec.SCHEMA + 1));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(file));
    assertTrue(e.getMessage().startsWith(file + ": written by a newer precond"), e.getMessage());
  }

  @Test
  void missingOrMistypedMetadataIsNamed() throws IOException {
    Path noPredictor = edited("p.pcm", meta -> meta.remove("predictor"));
    assertTrue(
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(noPredictor))
            .getMessage().endsWith("metadata lacks 'predictor'"));
    Path badSpace =
        edited("s.pcm", meta -> ((ObjectNode) meta.get("predictor")).put("space", "CURVED"));
    assertTrue(
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(badSpace))
            .getMessage().contains("'space' is 'CURVED'"));
    Path badSigma =
        edited("c.pcm", meta -> ((ObjectNode) meta.get("calibration")).put("networkSigma", 1));
    assertTrue(
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(badSigma))
            .getMessage().contains("'networkSigma' is not a list of 1 numbers"));
  }

  @Test
  void aFileFromBeforeSchema4PredictsAsItDid() throws IOException {
    Path file = edited("schema3.pcm", meta -> {
      meta.put("schema", 3);
      ((ObjectNode) meta.get("predictor")).remove("temperature");
    });
    PrecondModel old = PrecondModel.load(file);
    assertEquals(1, old.predictor().temperature());
    var spec = old.predictorSpec();
    assertEquals(spec.isNetwork() ? 0 : 1.0 / (spec.interpolant().k() + 1),
        old.predictor().networkWeight(), "the network as one more neighbour");
    Path bad =
        edited("t.pcm", meta -> ((ObjectNode) meta.get("predictor")).put("temperature", -2));
    assertTrue(
        assertThrows(ModelFormatException.class, () -> PrecondModel.load(bad))
            .getMessage().contains("'temperature' is not a positive number"));
  }
}
