package org.precond.io;


import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.model.ModelFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelArchiveTest {

  @TempDir Path dir;

  @Test
  void metadataAndTensorsSurviveARoundTrip() throws IOException {
    ModelArchive written = SampleArchives.small();
    Path file = dir.resolve("model.pcm");
    written.write(file);

    ModelArchive read = ModelArchive.read(file);

    assertEquals(written.metadata(), read.metadata());
    assertEquals(1234567890123L, read.metadata().get("seed").longValue());
    assertEquals("σ² für Daten", read.metadata().get("note").textValue());
    assertEquals(written.tensorNames(), read.tensorNames());
    for (String name : written.tensorNames()) {
      assertEquals(written.tensor(name), read.tensor(name), name);
    }
    // Bit for bit, including the sign of zero and NaN.
    assertArrayEquals(
        new float[] {1, -2, 3.5f, 0, -0f, Float.NaN},
        read.tensor("layer.0.weight").toFloatArray());
    assertArrayEquals(new int[] {2, 3}, read.tensor("layer.0.weight").shape());
    assertArrayEquals(
        new int[] {0, -1, Integer.MAX_VALUE, 7}, read.tensor("neighbours").toIntArray());
    assertArrayEquals(new int[] {0, 5}, read.tensor("empty").shape());
    assertEquals(0, read.tensor("empty").size());
    assertArrayEquals(new int[] {}, read.tensor("scale").shape());
    assertEquals(file.toString(), read.source());
  }

  @Test
  void anArchiveWithoutMetadataOrTensorsRoundTrips() throws IOException {
    Path file = dir.resolve("empty.pcm");
    ModelArchive.builder().build().write(file);

    ModelArchive read = ModelArchive.read(file);

    assertTrue(read.metadata().isEmpty());
    assertEquals(List.of(), read.tensorNames());
  }

  @Test
  void aLargeTensorRoundTrips() throws IOException {
    // The training embedding of a 200,000-row data set in 32 dimensions, several buffers long.
    int rows = 200_000;
    int dims = 32;
    float[] embedding = new float[rows * dims];
    Random random = new Random(42);
    for (int i = 0; i < embedding.length; i++) {
      embedding[i] = (float) random.nextGaussian();
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = rows - 1 - i;
    }
    Path file = dir.resolve("large.pcm");
    ModelArchive.builder()
        .add(Tensor.ofFloats("embedding", new int[] {rows, dims}, embedding))
        .add(Tensor.ofInts("order", new int[] {rows}, order))
        .build()
        .write(file);

    ModelArchive read = ModelArchive.read(file);

    assertArrayEquals(new int[] {rows, dims}, read.tensor("embedding").shape());
    assertArrayEquals(embedding, read.tensor("embedding").toFloatArray());
    assertArrayEquals(order, read.tensor("order").toIntArray());
  }

  @Test
  void anUnknownTensorIsAFormatErrorNamingTheFile() throws IOException {
    Path file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);
    ModelArchive read = ModelArchive.read(file);

    assertFalse(read.hasTensor("layer.9.weight"));
    assertTrue(read.hasTensor("layer.0.weight"));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> read.tensor("layer.9.weight"));
    assertEquals(file + ": no tensor named 'layer.9.weight'", e.getMessage());
    assertEquals(file.toString(), e.source());
  }

  @Test
  void archivesAreImmutable() throws IOException {
    ObjectNode metadata = ModelArchive.JSON.createObjectNode().put("seed", 1);
    ModelArchive.Builder builder =
        ModelArchive.builder()
            .metadata(metadata)
            .add(Tensor.ofFloats("w", new int[] {1}, new float[] {1}));
    ModelArchive archive = builder.build();
    metadata.put("seed", 2);
    archive.metadata().put("seed", 3);
    builder.add(Tensor.ofFloats("later", new int[] {0}, new float[0]));

    assertEquals(1, archive.metadata().get("seed").intValue());
    assertEquals(List.of("w"), archive.tensorNames());
    assertThrows(UnsupportedOperationException.class, () -> archive.tensorNames().add("x"));
  }

  @Test
  void aTensorNameCanBeAddedOnlyOnce() {
    ModelArchive.Builder builder =
        ModelArchive.builder().add(Tensor.ofFloats("w", new int[] {0}, new float[0]));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.add(Tensor.ofInts("w", new int[] {0}, new int[0])));
    assertEquals("duplicate tensor 'w'", e.getMessage());
  }

  @Test
  void writingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);
    ModelArchive.builder()
        .add(Tensor.ofFloats("second", new int[] {1}, new float[] {2}))
        .build()
        .write(file);

    assertEquals(List.of(file), listing());
    assertEquals(List.of("second"), ModelArchive.read(file).tensorNames());
  }

  @Test
  void aBareFileNameIsWrittenInTheWorkingDirectory() throws IOException {
    // Such a path has no parent, yet the temporary file must go next to it.
    Path file = Path.of("bare-" + ProcessHandle.current().pid() + ".pcm");
    try {
      SampleArchives.small().write(file);
      assertEquals(SampleArchives.small().tensorNames(), ModelArchive.read(file).tensorNames());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void theModelFileGetsTheDirectorysUsualPermissions() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path reference = Files.createFile(dir.resolve("reference"));
    Path file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);

    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file));
  }

  @Test
  void aWriteThatFailsHalfwayLeavesThePreviousFileIntact() throws IOException {
    Path file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);
    byte[] before = Files.readAllBytes(file);

    // An interrupted thread makes the first write to the channel fail, after the temporary file
    // was created: the situation of a cancelled save.
    Thread.currentThread().interrupt();
    try {
      assertThrows(
          ClosedByInterruptException.class,
          () ->
              ModelArchive.builder()
                  .add(Tensor.ofFloats("other", new int[] {2}, new float[] {1, 2}))
                  .build()
                  .write(file));
    } finally {
      Thread.interrupted();
    }

    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), listing());
  }

  @Test
  void aWriteThatCannotReplaceTheTargetLeavesNoTemporaryFile() throws IOException {
    Path target = Files.createDirectory(dir.resolve("model.pcm"));
    Path inside = Files.writeString(target.resolve("keep"), "keep");

    assertThrows(IOException.class, () -> SampleArchives.small().write(target));

    assertEquals(List.of(target), listing());
    assertEquals("keep", Files.readString(inside));
  }

  @Test
  void aWriteIntoAnUnwritableDirectoryLeavesThePreviousFileIntact() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);
    byte[] before = Files.readAllBytes(file);
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(dir), "permissions do not bind this user (root?)");
      assertThrows(IOException.class, () -> ModelArchive.builder().build().write(file));
    } finally {
      Files.setPosixFilePermissions(dir, permissions);
    }

    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), listing());
  }

  @Test
  void aTensorThatDoesNotFillItsShapeNeverReachesAFile() throws IOException {
    Path file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);
    byte[] before = Files.readAllBytes(file);

    assertThrows(
        IllegalArgumentException.class,
        () ->
            ModelArchive.builder()
                .add(Tensor.ofFloats("w", new int[] {2, 2}, new float[3]))
                .build()
                .write(file));

    assertArrayEquals(before, Files.readAllBytes(file));
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
