package org.precond.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.precond.data.Dataset;
import org.precond.model.PrecondModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code precond embed}: each row's image in the network's last hidden layer. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Writes, for each row of a CSV file, the activations of the network's last hidden "
          + "layer: one column per node (embedding_1 ... embedding_W), rows in input order.",
      "The rows need the model's feature columns (by name)."
    })
final class EmbedCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Rows to embed: CSV with a header row, or - for stdin.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the embedding (atomically), or - for stdout.")
  Path out;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    PrecondModel m = run.load(model);
    Dataset rows = run.features(m, data);
    float[] embedding = m.transform(rows);
    int width = m.network().embeddingWidth();
    Table table = new Table(rows.rows());
    for (int j = 0; j < width; j++) {
      table.addFloats("embedding_" + (j + 1), embedding, width, j);
    }
    table.write(out);
    return ExitCodes.OK;
  }
}
