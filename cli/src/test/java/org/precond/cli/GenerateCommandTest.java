package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.synthetic.ReferenceFunction;

class GenerateCommandTest {

  @TempDir Path dir;

  private Dataset generate(String... args) throws IOException {
    Path out = dir.resolve("out.csv");
    String[] full = new String[args.length + 3];
    full[0] = "generate";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--out";
    full[args.length + 2] = out.toString();
    Run run = Run.of(full);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
    return CsvReader.withDefaults().read(out);
  }

  @Test
  void writesTheReferenceSizeByDefault() throws IOException {
    Dataset e2 = generate("e2");
    assertEquals(40, e2.rows());
    assertEquals(List.of("x1", "x2"), e2.featureNames());
    assertEquals(List.of("y"), e2.targetNames());
    for (int i = 0; i < e2.rows(); i++) {
      assertEquals(
          (float) ReferenceFunction.E2.value(e2.feature(i, 0), e2.feature(i, 1)),
          e2.target(i, 0));
    }
    assertEquals(10_000, generate("E1").rows());
  }

  @Test
  void theSeedFixesThePoints() throws IOException {
    float[] a = generate("e1", "--n", "50", "--seed", "5").features();
    float[] b = generate("e1", "--n", "50", "--seed", "5").features();
    float[] c = generate("e1", "--n", "50", "--seed", "6").features();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertArrayEquals(ReferenceFunction.E1.uniform(50, 5).features(), a);
  }

  @Test
  void gridHasCeilSqrtNSquaredPoints() throws IOException {
    assertEquals(9, generate("e2", "--grid", "--n", "7").rows());
  }

  @Test
  void dashWritesToStandardOutput() throws IOException {
    Run run = Run.of("generate", "e2", "--n", "3", "--out", "-");
    assertEquals(0, run.exitCode(), run.err());
    Dataset data =
        CsvReader.withDefaults()
            .read(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)), "out");
    assertArrayEquals(ReferenceFunction.E2.uniform(3, 42).targets(), data.targets());
  }

  @Test
  void badUsageExitsWithTwo() {
    for (String[] args :
        List.of(
            new String[] {"generate", "e3"},
            new String[] {"generate", "e1", "--n", "0"},
            new String[] {"generate", "e1", "--n", "many"},
            new String[] {"generate"})) {
      Run run = Run.of(args);
      assertEquals(2, run.exitCode(), String.join(" ", args));
      assertTrue(run.err().startsWith("precond: "), run.err());
    }
  }

  @Test
  void anUnwritableDestinationExitsWithOneAndLeavesNothing() throws IOException {
    Path out = dir.resolve("missing").resolve("out.csv");
    Run run = Run.of("generate", "e2", "--out", out.toString());
    assertEquals(1, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("no such directory"), run.err());
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void helpShowsDefaults() {
    Run run = Run.of("generate", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("Default: 42"), run.out());
  }
}
