package org.precond.io;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.precond.model.ModelFormatException;

/** What the model-file fuzz tests share: turning fuzzer bytes into files, and the error contract. */
final class ModelFileInputs {

  /** Every line terminator {@code \R} knows; a one-line message holds none of them. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");

  private ModelFileInputs() {}

  /**
   * The bytes with the checksum recomputed, when they end in a footer; otherwise unchanged.
   *
   * <p>Nearly every mutation of a model file breaks its CRC-32C, and the reader then reports a
   * corrupted file without ever looking at what the content means. Repairing the checksum lets the
   * fuzzer reach the checks behind it: the structure's own complaint in the archive reader, and
   * everything the model loader does with metadata and tensors.
   */
  static byte[] withRepairedChecksum(byte[] bytes) {
    int n = bytes.length;
    if (n < ModelArchive.FOOTER_LENGTH) {
      return bytes;
    }
    int magicAt = n - ModelArchive.FOOTER_LENGTH;
    byte[] magic = Arrays.copyOfRange(bytes, magicAt, magicAt + ModelArchive.FOOTER_MAGIC.length);
    if (!Arrays.equals(magic, ModelArchive.FOOTER_MAGIC)) {
      return bytes;
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, n - Integer.BYTES);
    byte[] repaired = bytes.clone();
    ByteBuffer.wrap(repaired).order(ByteOrder.LITTLE_ENDIAN).putInt(n - Integer.BYTES, (int) crc.getValue());
    return repaired;
  }

  /** Writes the bytes to {@code file}, replacing what it held. */
  static Path write(Path file, byte[] bytes) throws IOException {
    return Files.write(file, bytes);
  }

  /**
   * Checks a documented failure: a {@link ModelFormatException} whose message is one line that
   * starts with the file's name.
   *
   * @throws AssertionError if the message breaks the contract
   */
  static void checkRefusal(ModelFormatException e, Path file) {
    String message = e.getMessage();
    if (!message.startsWith(file + ": ") || !file.toString().equals(e.source())) {
      throw new AssertionError("the message does not name the file: " + message, e);
    }
    if (LINE_BREAK.matcher(message).find()) {
      throw new AssertionError("the message is not one line: " + message, e);
    }
  }

  /**
   * The committed seeds named {@code valid_*} of a fuzz test: files in its {@code
   * <TestClass>Inputs/<method>/} resource folder.
   */
  static List<Path> validSeeds(Class<?> fuzzTest, String method) throws IOException {
    URL folder = fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs/" + method);
    if (folder == null) {
      throw new AssertionError("no inputs folder for " + fuzzTest.getSimpleName() + "." + method);
    }
    List<Path> seeds;
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      seeds = files.filter(f -> f.getFileName().toString().startsWith("valid_")).sorted().toList();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if (seeds.isEmpty()) {
      throw new AssertionError("no valid_* seeds in " + folder);
    }
    return seeds;
  }
}
