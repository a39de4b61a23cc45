package org.precond.io;


import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precond.model.ModelFormatException;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged, foreign and hand-made files: each must fail with one clear line, never load. */
class DamagedModelFileTest {

  @TempDir Path dir;
  private Path file;
  private byte[] good;

  @BeforeEach
  void writeSmallModel() throws IOException {
    file = dir.resolve("model.pcm");
    SampleArchives.small().write(file);
    good = Files.readAllBytes(file);
  }

  @Test
  void everyTruncationIsReportedAsTruncated() throws IOException {
    for (int length = 0; length < good.length; length++) {
      String message = rejection(Arrays.copyOf(good, length));
      assertTrue(message.startsWith(file + ": truncated at " + length + " bytes"), message);
    }
  }

  @Test
  void everyAlteredByteIsCaught() throws IOException {
    for (int offset = 0; offset < good.length; offset++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] bad = good.clone();
        bad[offset] ^= (byte) mask;
        String message = rejection(bad);
        String expected =
            offset < 4 ? ": not a precond model file"
                : offset < 8 ? ": unsupported format version"
                : ": corrupted (";
        assertTrue(
            message.startsWith(file + expected), "byte " + offset + " ^ " + mask + ": " + message);
      }
    }
  }

  @Test
  void aLaterFormatVersionIsNamed() throws IOException {
    byte[] bad = good.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
    assertEquals(
        file + ": unsupported format version 2 (this precond reads version 1)", rejection(bad));
  }

  @Test
  void anotherKindOfFileIsNotAModel() throws IOException {
    assertEquals(
        file + ": not a precond model file (starts with bytes 7b 22 6b 69)",
        rejection("{\"kind\": \"json\"}\n".getBytes(UTF_8)));
  }

  @Test
  void aChecksumMismatchGivesBothValues() throws IOException {
    byte[] bad = good.clone();
    bad[bad.length - 20] ^= 1;
    assertTrue(
        rejection(bad).matches(
            ".*: corrupted \\(checksum mismatch: stored [0-9a-f]{8}, computed [0-9a-f]{8}\\)"));
  }

  @Test
  void theChecksumCoversTheFooterMagic() throws IOException {
    byte[] bad = good.clone();
    bad[bad.length - 6] ^= 1;
    assertEquals(file + ": corrupted (no footer at the end of the file)", rejection(bad));
    assertEquals(
        file + ": corrupted (no footer at the end of the file)", rejection(resealed(bad)));
  }

  // The files below have an intact checksum, as a buggy writer would leave them; the reader must
  // still refuse them, naming what is wrong.

  @Test
  void malformedMetadataJsonIsNamed() throws IOException {
    byte[] bad = oneTensorFile();
    bad[METADATA] = '[';
    assertTrue(rejection(resealed(bad)).startsWith(file + ": malformed metadata JSON ("));
  }

  @Test
  void metadataThatLooksLikeUtf32IsMalformedJson() throws IOException {
    // Found by fuzzing: given the bytes, Jackson guessed UTF-32 from the zeros after '{' and
    // failed with a CharConversionException, a plain IOException, instead of a format error.
    byte[] bad = oneTensorFile();
    Arrays.fill(bad, METADATA + 1, METADATA + 5, (byte) 0);
    assertTrue(rejection(resealed(bad)).startsWith(file + ": malformed metadata JSON ("));
  }

  @Test
  void metadataMustBeUtf8() throws IOException {
    byte[] bad = oneTensorFile();
    bad[METADATA + 2] = (byte) 0xff;
    assertEquals(file + ": metadata is not valid UTF-8", rejection(resealed(bad)));
  }

  @Test
  void metadataMustBeAnObject() throws IOException {
    byte[] bad = oneTensorFile();
    byte[] array = "[\"k\",\"v\"]".getBytes(UTF_8);
    System.arraycopy(array, 0, bad, METADATA, array.length);
    assertEquals(file + ": metadata is not a JSON object", rejection(resealed(bad)));
  }

  @Test
  void aDataLengthThatDoesNotMatchTheShapeIsNamed() throws IOException {
    byte[] bad = oneTensorFile();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(DATA_LENGTH, 12);
    assertEquals(
        file + ": tensor 't': data length 12 bytes does not match shape [2] (8 bytes)",
        rejection(resealed(bad)));
  }

  @Test
  void aShapeLargerThanTheDataIsNamed() throws IOException {
    byte[] bad = oneTensorFile();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(DIM, 3).putLong(DATA_LENGTH, 12);
    assertEquals(
        file + ": tensor 't' data needs 12 bytes but only 8 remain before the footer",
        rejection(resealed(bad)));
  }

  @Test
  void anUnknownElementTypeIsNamed() throws IOException {
    byte[] bad = oneTensorFile();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(TYPE, 9);
    assertEquals(file + ": tensor 't': unknown element type 9", rejection(resealed(bad)));
  }

  @Test
  void aNegativeDimensionIsNamed() throws IOException {
    byte[] bad = oneTensorFile();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(DIM, -2);
    assertEquals(
        file + ": tensor 't': negative dimension in shape [-2]", rejection(resealed(bad)));
  }

  @Test
  void bytesAfterTheLastTensorAreRefused() throws IOException {
    byte[] one = oneTensorFile();
    int footer = one.length - ModelArchive.FOOTER_LENGTH;
    byte[] bad = new byte[one.length + 3];
    System.arraycopy(one, 0, bad, 0, footer);
    System.arraycopy(one, footer, bad, footer + 3, ModelArchive.FOOTER_LENGTH);
    assertEquals(file + ": 3 unexpected bytes after the last tensor", rejection(resealed(bad)));
  }

  @Test
  void aRepeatedTensorNameIsRefused() throws IOException {
    Path twoTensors = dir.resolve("two.pcm");
    ModelArchive.builder()
        .add(Tensor.ofFloats("a", new int[] {0}, new float[0]))
        .add(Tensor.ofFloats("b", new int[] {0}, new float[0]))
        .build()
        .write(twoTensors);
    byte[] bad = Files.readAllBytes(twoTensors);
    int b = new String(bad, UTF_8).lastIndexOf('b');
    bad[b] = 'a';
    assertEquals(file + ": duplicate tensor 'a'", rejection(resealed(bad)));
  }

  @Test
  void aTensorNameWithAControlCharacterIsRefusedOnOneLine() throws IOException {
    byte[] bad = oneTensorFile();
    bad[NAME] = '\n';
    assertEquals(file + ": tensor name '?' holds control characters", rejection(resealed(bad)));
  }

  /** Where the parts of {@link #oneTensorFile()} start, by the layout in {@link ModelArchive}. */
  private static final int METADATA = 12;

  private static final int NAME = METADATA + "{\"k\":\"v\"}".length() + 4 + 4;
  private static final int TYPE = NAME + 1;
  private static final int DIM = TYPE + 4 + 4;
  private static final int DATA_LENGTH = DIM + 4;

  /** Metadata {"k":"v"} and one float32 tensor 't' of shape [2]. */
  private byte[] oneTensorFile() throws IOException {
    Path one = dir.resolve("one.pcm");
    ObjectNode metadata = ModelArchive.JSON.createObjectNode().put("k", "v");
    ModelArchive.builder()
        .metadata(metadata)
        .add(Tensor.ofFloats("t", new int[] {2}, new float[] {1, 2}))
        .build()
        .write(one);
    byte[] bytes = Files.readAllBytes(one);
    assertEquals(DATA_LENGTH + 8 + 8 + ModelArchive.FOOTER_LENGTH, bytes.length);
    return bytes;
  }

  /** Recomputes the checksum, as a writer would that wrote these bytes on purpose. */
  private static byte[] resealed(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  /** Writes {@code bytes} as the model file and returns the one line that reading it fails with. */
  private String rejection(byte[] bytes) throws IOException {
    Files.write(file, bytes);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
    assertEquals(file.toString(), e.source());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e.getMessage();
  }
}
