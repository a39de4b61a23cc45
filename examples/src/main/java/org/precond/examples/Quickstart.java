package org.precond.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.precond.data.CsvReader;
import org.precond.data.CsvWriter;
import org.precond.data.Dataset;
import org.precond.model.Explanation;
import org.precond.model.PrecondModel;
import org.precond.model.Predictions;
import org.precond.model.Regressor;
import org.precond.synthetic.ReferenceFunction;

/**
 * The README's quickstart: train on a CSV file, predict with 90% intervals, show the training
 * rows behind one prediction, save and reload the model.
 */
public final class Quickstart {

  private Quickstart() {}

  /** Runs the quickstart in {@code dir}, printing to {@code out}; returns the reloaded model. */
  public static PrecondModel run(Path dir, PrintStream out) throws IOException {
    Path csv = dir.resolve("e1.csv");
    CsvWriter.write(ReferenceFunction.E1.uniform(3_000, 1), csv); // cos(|x|): x1, x2, y

    // --- the README's quickstart starts here ---
    Dataset data = CsvReader.withDefaults().read(csv); // the target is the last column
    PrecondModel model = Regressor.builder().steps(300).seed(1).build().fit(data);
    Dataset rows = model.readRows(csv); // any rows with the model's feature columns
    Predictions p = model.predict(rows);
    float[][] interval = p.interval(0.9);
    out.printf("row 1: %.3f, 90%% interval [%.3f, %.3f]%n",
        p.means()[0], interval[0][0], interval[1][0]);
    for (Explanation.Contribution c : p.explain(0).contributions()) {
      out.printf("  training row %d, weight %.2f, y = %.3f%n",
          c.trainingRow() + 1, c.weight(), c.targets()[0]);
    }
    model.save(dir.resolve("model.pcm"));
    PrecondModel again = PrecondModel.load(dir.resolve("model.pcm"));
    // --- and ends here ---
    return again;
  }

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("precond");
    run(dir, System.out);
  }
}
