package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
import org.precond.synthetic.ReferenceFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code precond generate}: samples of the reference functions E1 and E2 as CSV. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Writes samples of a reference function as CSV with columns x1, x2, y.",
      "  e1: y = cos(sqrt(x1^2 + x2^2)) on [-4pi, 4pi]^2",
      "  e2: y = 3 x1 + cos(8 x1)/2 + sin(5 x2) on [0, 1]^2"
    })
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FUNCTION", description = "e1 or e2.")
  ReferenceFunction function;

  @Option(
      names = "--n",
      paramLabel = "N",
      description =
          "Number of points; by default that of the reference experiment, 10000 for e1 and 40"
              + " for e2.")
  Integer n;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "42",
      description = "Seed of the random points.")
  long seed;

  @Option(
      names = "--grid",
      description =
          "A regular grid of ceil(sqrt(N))^2 points, corners included, instead of random points.")
  boolean grid;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "-",
      description = "Output CSV file, written atomically, or - for stdout.")
  Path out;

  @Override
  public Integer call() throws IOException {
    int points = n != null ? n : function.referenceSize();
    if (points < 1) {
      throw new UsageException("--n must be at least 1, got " + points);
    }
    Dataset data = grid ? function.grid(points) : function.uniform(points, seed);
    if (out.toString().equals("-")) {
      CsvWriter.write(data, spec.commandLine().getOut());
    } else {
      CsvWriter.write(data, out);
    }
    return ExitCodes.OK;
  }
}
