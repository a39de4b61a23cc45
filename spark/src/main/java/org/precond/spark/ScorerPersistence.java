package org.precond.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * How a {@link PrecondScorer} is saved where Spark ML saves its stages: its params as Spark ML's
 * metadata, beside the precond model file unchanged ({@value #MODEL_FILE}), so that the CLI reads
 * it too. Paths go through Hadoop's file systems, so that a pipeline can live on HDFS or S3.
 */
final class ScorerPersistence {

  /** The model file in a saved scorer's directory. */
  static final String MODEL_FILE = "model.pcm";

  private ScorerPersistence() {}

  static final class Writer extends MLWriter {
    private final PrecondScorer scorer;

    Writer(PrecondScorer scorer) {
      this.scorer = scorer;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(scorer, path, sparkSession());
      writeModel(scorer.file(), new Path(path, MODEL_FILE), sc().hadoopConfiguration());
    }
  }

  static final class Reader extends MLReader<PrecondScorer> {
    @Override
    public PrecondScorer load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sparkSession(), PrecondScorer.class.getName());
      ModelFile model = readModel(new Path(path, MODEL_FILE), sc().hadoopConfiguration());
      PrecondScorer scorer = new PrecondScorer(metadata.uid(), model);
      metadata.getAndSetParams(scorer, Option.empty());
      return scorer;
    }
  }

  /** Writes a model file's bytes to {@code file} on whatever file system holds it. */
  static void writeModel(ModelFile model, Path file, Configuration conf) {
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      out.write(model.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the model file {@code file}.
   *
   * @throws IllegalArgumentException naming the file if it cannot be read or is no intact model
   */
  static ModelFile readModel(Path file, Configuration conf) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (InputStream in = fs.open(file)) {
        in.transferTo(bytes);
      }
      ModelFile model = new ModelFile(bytes.toByteArray());
      model.model();
      return model;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
