package org.precond.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short, stable digest of a data set's column names and values, so that a model can record which
 * data it was trained on and two runs can be checked to have seen the same data.
 *
 * <p>The fingerprint is the first 16 hex digits (64 bits) of a SHA-256 over an encoding in which
 * every name and array carries its length, so moving a value from one array to the next, or a
 * character from one name to the next, changes it. Values count bit for bit, except that every NaN
 * counts as the same value; {@code 0.0f} and {@code -0.0f} differ. The encoding is fixed: the same
 * data gives the same fingerprint on every machine and in every release.
 */
public final class DataFingerprint {

  /** Sixty-four bits make an accidental match between two data sets practically impossible. */
  private static final int BYTES = 8;

  /** Sets this digest apart from any other SHA-256 of the same bytes, and versions its encoding. */
  private static final byte[] DOMAIN = "precond data fingerprint 1".getBytes(UTF_8);

  private DataFingerprint() {}

  /**
   * The fingerprint of {@code columnNames} and {@code values}, in the order given.
   *
   * @param columnNames the names of the data's columns
   * @param values the data, in any fixed arrangement: one array per column, per row, or a
   *     row-major matrix and a target vector
   * @return 16 lower-case hex digits
   */
  public static String of(List<String> columnNames, float[]... values) {
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 13).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(DOMAIN);
    putInt(sha, buffer, columnNames.size());
    for (String name : columnNames) {
      byte[] bytes = name.getBytes(UTF_8);
      putInt(sha, buffer, bytes.length);
      for (int off = 0; off < bytes.length; ) {
        makeRoom(sha, buffer, 1);
        int n = Math.min(bytes.length - off, buffer.remaining());
        buffer.put(bytes, off, n);
        off += n;
      }
    }
    putInt(sha, buffer, values.length);
    for (float[] array : values) {
      putInt(sha, buffer, array.length);
      for (float v : array) {
        // floatToIntBits, not the raw bits: NaNs with other payloads are the same missing value.
        putInt(sha, buffer, Float.floatToIntBits(v));
      }
    }
    sha.update(buffer.flip());
    return HexFormat.of().formatHex(sha.digest(), 0, BYTES);
  }

  private static void putInt(MessageDigest sha, ByteBuffer buffer, int v) {
    makeRoom(sha, buffer, Integer.BYTES);
    buffer.putInt(v);
  }

  private static void makeRoom(MessageDigest sha, ByteBuffer buffer, int bytes) {
    if (buffer.remaining() < bytes) {
      sha.update(buffer.flip());
      buffer.clear();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
