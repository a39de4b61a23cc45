package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.data.CsvWriter;
import org.precond.synthetic.ReferenceFunction;

class HeapExhaustedTest {

  @TempDir Path dir;

  @Test
  void theMessageSaysHowMuchHeapThereWasAndHowToGiveMore() {
    String message = HeapExhausted.message(6_000_000_000L);
    assertTrue(message.startsWith("out of memory: the Java heap is limited to 6.0 GB"), message);
    assertTrue(message.contains("PRECOND_JAVA_OPTS=-Xmx12g"), message);
    assertTrue(HeapExhausted.message(40_000_000).contains("limited to 40 MB"));
  }

  /**
   * A fit whose rows' embedding alone outgrows the heap of a separate JVM: one line on standard
   * error, exit code 1, and nothing written where the model was to go.
   */
  @Test
  void aFitThatRunsOutOfHeapFailsInOneLineAndWritesNoModel() throws Exception {
    Path train = dir.resolve("train.csv");
    CsvWriter.write(ReferenceFunction.E1.uniform(200_000, 1), train);
    Path out = Files.createDirectory(dir.resolve("out"));
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p =
        new ProcessBuilder(
                java, "-Xmx40m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "fit", "--data", train.toString(), "--model",
                out.resolve("model.pcm").toString(), "--steps", "1", "--quiet")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the fit did not end");
    assertEquals(1, p.exitValue(), err);
    List<String> lines = err.lines().filter(l -> !l.startsWith("WARNING")).toList();
    assertEquals(1, lines.size(), err);
    assertTrue(
        lines.get(0).startsWith("precond: out of memory: the Java heap is limited to 4"), err);
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.toList(), "files left behind");
    }
  }
}
