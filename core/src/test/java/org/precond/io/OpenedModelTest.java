package org.precond.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.Dataset;
import org.precond.interpolate.InterpolantSpec;
import org.precond.interpolate.Method;
import org.precond.model.ModelFormatException;
import org.precond.model.NeighborSearch;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.PredictorSpec;
import org.precond.model.Regressor;
import org.precond.space.Space;
import org.precond.synthetic.ReferenceFunction;

/**
 * A model file opened to predict ({@link PrecondModel#open}) predicts as the loaded one does; with
 * the network alone it reads its nodes and their graph only when intervals first need them, and
 * then from the file as it was when opened.
 */
class OpenedModelTest {

  @TempDir static Path dir;
  private static Path network;
  private static Path knn;
  private static final Dataset ROWS = ReferenceFunction.E2.uniform(50, 9);

  @BeforeAll
  static void save() throws IOException {
    Regressor.Builder small = Regressor.builder().width(4).depth(2).steps(30).threads(1)
        .neighborSearch(NeighborSearch.HNSW);
    Dataset data = ReferenceFunction.E2.uniform(400, 1);
    network = dir.resolve("network.pcm");
    small.predictor(PredictorSpec.NETWORK).build().fit(data).save(network);
    knn = dir.resolve("knn.pcm");
    small.predictor(PredictorSpec.of(InterpolantSpec.of(Method.KNN), Space.EMBEDDING)).build()
        .fit(data).save(knn);
  }

  @Test
  void anOpenedModelPredictsAsTheLoadedOne() throws IOException {
    for (Path file : new Path[] {network, knn}) {
      Predictions loaded = PrecondModel.load(file).predict(ROWS);
      Predictions opened = PrecondModel.open(file).predict(ROWS);
      String what = file.getFileName().toString();
      assertArrayEquals(loaded.means(), opened.means(), what);
      float[][] a = loaded.interval(0.9);
      float[][] b = opened.interval(0.9);
      for (int i = 0; i < a.length; i++) {
        assertArrayEquals(a[i], b[i], what + " interval bound " + i);
      }
    }
    PrecondModel opened = PrecondModel.open(network);
    assertTrue(opened.predictor().graph() != null, "the graph is read when asked for");
    assertArrayEquals(PrecondModel.load(network).predictor().nodes(), opened.predictor().nodes());
  }

  @Test
  void theNetworkAloneReadsItsNodesOnlyForIntervalsAndFromTheFileAsItWas() throws IOException {
    Path file = dir.resolve("replaced.pcm");
    Files.copy(network, file, StandardCopyOption.REPLACE_EXISTING);
    PrecondModel opened = PrecondModel.open(file);
    float[] expected = PrecondModel.load(file).predict(ROWS).means();
    // Another model in its place: its nodes are not those this one was opened with.
    Files.copy(knn, file, StandardCopyOption.REPLACE_EXISTING);
    Predictions p = opened.predict(ROWS);
    assertArrayEquals(expected, p.means(), "point predictions read nothing more");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> p.interval(0.9));
    ModelFormatException cause = assertInstanceOf(ModelFormatException.class, e.getCause());
    assertEquals(
        file + ": changed since it was opened (tensor 'predictor.nodes' is not what it was); "
            + "open it again",
        cause.getMessage());
    Files.delete(file);
    assertThrows(UncheckedIOException.class, () -> opened.predictor().nodes());
  }

  @Test
  void anArchiveReadsWhatItDefersWhenAskedAndAsItWas() throws IOException {
    ModelArchive eager = ModelArchive.read(network);
    ModelArchive lazy = ModelArchive.read(network, (metadata, name) -> name.startsWith("predictor"));
    assertEquals(eager.tensorNames(), lazy.tensorNames(), "in file order");
    for (String name : eager.tensorNames()) {
      assertEquals(eager.tensor(name), lazy.tensor(name), name);
      assertArrayEquals(eager.tensor(name).shape(), lazy.shape(name), name);
    }
    assertTrue(lazy.isDeferred("predictor.nodes"));
    byte[] bytes = Files.readAllBytes(network);
    Path altered = dir.resolve("altered.pcm");
    Files.write(altered, bytes);
    ModelArchive opened = ModelArchive.read(altered, (metadata, name) -> true);
    // One bit of the last tensor's data flipped after the archive was read.
    bytes[bytes.length - ModelArchive.FOOTER_LENGTH - 1] ^= 1;
    Files.write(altered, bytes);
    String last = opened.tensorNames().get(opened.tensorNames().size() - 1);
    assertThrows(ModelFormatException.class, () -> opened.tensor(last));
    assertEquals(eager.tensor(eager.tensorNames().get(0)),
        opened.tensor(eager.tensorNames().get(0)), "the tensors that did not change");
  }
}
