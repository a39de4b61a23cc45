package org.precond.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvReader;
import org.precond.data.Dataset;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;

class QuickstartTest {

  @TempDir Path dir;

  @Test
  void theQuickstartRunsAsANamedModuleAndItsModelReloads() throws IOException {
    assertEquals("org.precond.core", PrecondModel.class.getModule().getName());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrecondModel reloaded = Quickstart.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).matches("row 1: -?[0-9.]+, 90% interval \\[-?[0-9.]+, -?[0-9.]+\\]"),
        lines.get(0));
    assertTrue(lines.size() > 1 && lines.get(1).startsWith("  training row "), lines.toString());

    Dataset rows = CsvReader.withDefaults().read(dir.resolve("e1.csv"));
    Predictions p = reloaded.predict(rows);
    float[][] interval = p.interval(0.9);
    int inside = 0;
    for (int i = 0; i < rows.rows(); i++) {
      assertTrue(interval[0][i] <= p.means()[i] && p.means()[i] <= interval[1][i]);
      inside += rows.target(i, 0) >= interval[0][i] && rows.target(i, 0) <= interval[1][i] ? 1 : 0;
    }
    assertTrue(inside > 0.85 * rows.rows(), "covered " + inside + " of " + rows.rows());
    assertArrayEquals(
        PrecondModel.load(dir.resolve("model.pcm")).predict(rows).means(), p.means());
  }
}
