package org.precond.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.precond.model.PrecondModel;

/**
 * A precond model file's bytes, which is what travels to the executors (in a broadcast), and the
 * model read from them, once per JVM: Spark keeps one deserialised copy of a broadcast value per
 * executor, whose tasks then share the model this holds.
 */
final class ModelFile implements Serializable {

  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private transient PrecondModel model;

  ModelFile(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The contents of the model file {@code file}.
   *
   * @throws IOException naming the file if it cannot be read or is not an intact precond model
   */
  static ModelFile read(Path file) throws IOException {
    ModelFile m = new ModelFile(Files.readAllBytes(file));
    m.model = load(m.bytes, file.toString());
    return m;
  }

  /** The file {@code model} saves. */
  static ModelFile of(PrecondModel model) {
    try {
      Path file = Files.createTempFile("precond-", ".pcm");
      try {
        model.save(file);
        return new ModelFile(Files.readAllBytes(file));
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] bytes() {
    return bytes;
  }

  /**
   * The model, working on one thread: Spark runs one task per core, each its own partition, so
   * threads within a task would only compete with the other tasks.
   *
   * @throws UncheckedIOException if the bytes are not an intact precond model
   */
  synchronized PrecondModel model() {
    if (model == null) {
      try {
        model = load(bytes, "the model file");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return model;
  }

  /** The model in {@code bytes}; errors name them {@code name}. */
  private static PrecondModel load(byte[] bytes, String name) throws IOException {
    // The model codec reads files: the bytes go through a temporary one, whose name means
    // nothing to the user.
    Path file = Files.createTempFile("precond-", ".pcm");
    try {
      Files.write(file, bytes);
      return PrecondModel.load(file).withThreads(1);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage()).replace(file.toString(), name);
      throw new IOException(message, e);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
