package org.precond.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.testing.RandomizedTest;

class CsvWriterTest extends RandomizedTest {

  @Test
  void writesHeaderThenRowsWithShortestFloats() throws IOException {
    Dataset data =
        new Dataset(
            2,
            new float[] {0.1f, 2, 1e-7f, -3.5f},
            List.of("a", "b, quoted"),
            new float[] {1f / 3, 100},
            List.of("y"));
    StringWriter out = new StringWriter();
    CsvWriter.write(data, out);
    assertEquals(
        "a,\"b, quoted\",y\n0.1,2.0,0.33333334\n1.0E-7,-3.5,100.0\n", out.toString());
  }

  @Test
  void roundTripsEveryValueExactly(@TempDir Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(seed());
    int rows = 500;
    float[] x = new float[rows * 3];
    float[] y = new float[rows * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.intBitsToFloat(random.nextInt());
      if (!Float.isFinite(x[i])) {
        x[i] = (float) random.nextGaussian();
      }
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (random.nextGaussian() * 1e6);
    }
    Dataset data = new Dataset(rows, x, List.of("a", "b", "c"), y, List.of("y1", "y2"));
    Path file = dir.resolve("out.csv");
    CsvWriter.write(data, file);
    Dataset back = CsvReader.builder().targets("y1", "y2").build().read(file);
    assertArrayEquals(x, back.features());
    assertArrayEquals(y, back.targets());
    assertEquals(data.featureNames(), back.featureNames());
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out.csv");
    Files.writeString(file, "old content that is longer than the new content, much longer\n");
    Dataset data = new Dataset(1, new float[] {1}, List.of("x"), new float[] {2}, List.of("y"));
    CsvWriter.write(data, file);
    assertEquals("x,y\n1.0,2.0\n", Files.readString(file));
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void aFailedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
    // A non-empty directory cannot be replaced by the finished file: the final rename fails.
    Path occupied = dir.resolve("out.csv");
    Files.createDirectory(occupied);
    Files.writeString(occupied.resolve("keep"), "keep");
    Dataset data = new Dataset(1, new float[] {1}, List.of("x"), new float[] {2}, List.of("y"));
    assertThrows(IOException.class, () -> CsvWriter.write(data, occupied));
    assertEquals(List.of(occupied), list(dir));
    assertEquals("keep", Files.readString(occupied.resolve("keep")));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
