package org.precond.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.precond.model.ModelFormatException;

/**
 * Reads a {@link ModelArchive} from a file in one pass, computing the checksum as it goes.
 *
 * <p>Every length in the file is checked against the bytes that are left before it is used, so a
 * damaged length can neither run past the end nor make the reader allocate more than the file
 * holds. When the structure does not add up, the reader looks at the footer to tell the user what
 * actually happened: no footer at the end means the file was cut short, a checksum mismatch means
 * it was altered, and only a file whose checksum is intact gets the structural complaint itself.
 */
final class ArchiveReader {

  /** The smallest possible model file: header, two empty lengths and the footer. */
  private static final int MIN_LENGTH =
      ModelArchive.HEADER_LENGTH + 2 * Integer.BYTES + ModelArchive.FOOTER_LENGTH;

  private static final int BUFFER_SIZE = 1 << 16;

  /** The structure does not add up; {@link #diagnose} decides what to tell the user. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was being read when the bytes ran out, as in a truncated file; else {@code null}. */
    final String ranOutIn;

    Malformed(String problem, String ranOutIn, Throwable cause) {
      super(problem, cause, false, false);
      this.ranOutIn = ranOutIn;
    }
  }

  private final String source;
  private final FileChannel channel;
  private final Path file;
  private final ModelArchive.Deferral deferral;
  private final long size;
  /** Where the checksum is stored; it covers every byte before this offset. */
  private final long checksumOffset;

  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN).limit(0);
  private final CRC32C checksum = new CRC32C();
  /** File offset just past the bytes read into the buffer so far. */
  private long filled;
  /** Reads may not go past this offset: the footer while reading the body, then the checksum. */
  private long limit;

  /**
   * @param file the file {@code channel} reads, where tensors that {@code deferral} defers are read
   *     again when asked for
   */
  ArchiveReader(String source, FileChannel channel, Path file, ModelArchive.Deferral deferral)
      throws IOException {
    this.source = source;
    this.channel = channel;
    this.file = file;
    this.deferral = deferral;
    this.size = channel.size();
    this.checksumOffset = size - Integer.BYTES;
  }

  ModelArchive read() throws IOException {
    checkHeader();
    limit = size - ModelArchive.FOOTER_LENGTH;
    try {
      // Checked already; read again so that the checksum covers it.
      readBytes(ModelArchive.HEADER_LENGTH, "header");
      ObjectNode metadata = readMetadata();
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      Map<String, ModelArchive.Stored> deferred = new LinkedHashMap<>();
      List<String> names = readTensors(metadata, tensors, deferred);
      if (position() != limit) {
        throw invalid((limit - position()) + " unexpected bytes after the last tensor");
      }
      limit = checksumOffset;
      byte[] footer = readBytes(ModelArchive.FOOTER_MAGIC.length, "footer");
      if (!Arrays.equals(footer, ModelArchive.FOOTER_MAGIC)) {
        throw invalid("no footer");
      }
      int stored = storedChecksum();
      if (stored != (int) checksum.getValue()) {
        throw corrupted(stored, (int) checksum.getValue());
      }
      return new ModelArchive(source, file, metadata, names, tensors, deferred);
    } catch (Malformed m) {
      throw diagnose(m);
    }
  }

  /** Magic and version come first: a file of another format or version has its own structure. */
  private void checkHeader() throws IOException {
    ByteBuffer header = ByteBuffer.allocate((int) Math.min(size, ModelArchive.HEADER_LENGTH));
    readFully(header, 0);
    byte[] magic =
        Arrays.copyOf(header.array(), Math.min(header.capacity(), ModelArchive.MAGIC.length));
    if (!Arrays.equals(magic, Arrays.copyOf(ModelArchive.MAGIC, magic.length))) {
      throw new ModelFormatException(
          source, "not a precond model file (starts with bytes " + hex(magic) + ")");
    }
    if (header.capacity() < ModelArchive.HEADER_LENGTH) {
      throw truncated("ran out reading the header");
    }
    int version = header.order(ByteOrder.LITTLE_ENDIAN).getInt(ModelArchive.MAGIC.length);
    if (version != ModelArchive.FORMAT_VERSION) {
      throw new ModelFormatException(
          source,
          "unsupported format version " + Integer.toUnsignedString(version)
              + " (this precond reads version " + ModelArchive.FORMAT_VERSION + ")");
    }
    if (size < MIN_LENGTH) {
      throw truncated("a model file has at least " + MIN_LENGTH);
    }
  }

  private ObjectNode readMetadata() throws IOException, Malformed {
    byte[] json = readBytes(readLength("metadata length"), "metadata");
    // Decoded here rather than by Jackson, which would guess UTF-16 or UTF-32 from the first bytes
    // and report their invalid characters with a plain IOException.
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("metadata is not valid UTF-8", null, e);
    }
    JsonNode node;
    try {
      node = ModelArchive.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new Malformed("malformed metadata JSON (" + e.getOriginalMessage() + ")", null, e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw invalid("metadata is not a JSON object");
    }
    return object;
  }

  /**
   * Reads each tensor into {@code tensors}, or for one that is deferred, where it lies into {@code
   * stored}; returns their names in file order.
   */
  private List<String> readTensors(
      ObjectNode metadata, Map<String, Tensor> tensors, Map<String, ModelArchive.Stored> stored)
      throws IOException, Malformed {
    int count = readLength("tensor count");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(readTensor(metadata, tensors, stored));
    }
    return names;
  }

  /** Reads the next tensor into one of the maps and returns its name. */
  private String readTensor(
      ObjectNode metadata, Map<String, Tensor> tensors, Map<String, ModelArchive.Stored> stored)
      throws IOException, Malformed {
    String name = readName();
    String what = "tensor '" + name + "'";
    int code = readInt(what + " element type");
    Tensor.ElementType type = Tensor.ElementType.ofCode(code);
    if (type == null) {
      throw invalid(what + ": unknown element type " + code);
    }
    int rank = readLength(what + " rank");
    require((long) rank * Integer.BYTES, what + " shape");
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = readInt(what + " shape");
    }
    long elements;
    try {
      elements = Tensor.elementCount(shape);
    } catch (IllegalArgumentException e) {
      throw invalid(what + ": " + e.getMessage());
    }
    long dataLength = readLong(what + " data length");
    if (dataLength != elements * Integer.BYTES) {
      throw invalid(
          what + ": data length " + dataLength + " bytes does not match shape "
              + Arrays.toString(shape) + " (" + elements * Integer.BYTES + " bytes)");
    }
    require(dataLength, what + " data");
    boolean deferred = deferral.defers(metadata, name);
    long offset = position();
    Tensor read = null;
    int checksum = 0;
    if (deferred) {
      checksum = skip(dataLength);
    } else if (type == Tensor.ElementType.FLOAT32) {
      float[] data = new float[(int) elements];
      readFloats(data);
      read = Tensor.wrapFloats(name, shape, data);
    } else {
      int[] data = new int[(int) elements];
      readInts(data);
      read = Tensor.wrapInts(name, shape, data);
    }
    if (tensors.containsKey(name) || stored.containsKey(name)) {
      throw invalid("duplicate tensor '" + name + "'");
    }
    if (deferred) {
      stored.put(name, new ModelArchive.Stored(name, type, shape, offset, checksum));
    } else {
      tensors.put(name, read);
    }
    return name;
  }

  private String readName() throws IOException, Malformed {
    byte[] bytes = readBytes(readLength("tensor name length"), "tensor name");
    String name;
    try {
      name = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("tensor name is not valid UTF-8", null, e);
    }
    try {
      Tensor.requireValidName(name);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    return name;
  }

  /** A count or length, which a well-formed file never has negative. */
  private int readLength(String what) throws IOException, Malformed {
    int n = readInt(what);
    if (n < 0) {
      throw invalid("negative " + what + " " + n);
    }
    return n;
  }

  private int readInt(String what) throws IOException, Malformed {
    require(Integer.BYTES, what);
    fill(Integer.BYTES);
    return buffer.getInt();
  }

  private long readLong(String what) throws IOException, Malformed {
    require(Long.BYTES, what);
    fill(Long.BYTES);
    return buffer.getLong();
  }

  private byte[] readBytes(int length, String what) throws IOException, Malformed {
    require(length, what);
    byte[] bytes = new byte[length];
    for (int off = 0; off < length; ) {
      fill(1);
      int n = Math.min(length - off, buffer.remaining());
      buffer.get(bytes, off, n);
      off += n;
    }
    return bytes;
  }

  private void readFloats(float[] values) throws IOException {
    for (int off = 0; off < values.length; ) {
      fill(Float.BYTES);
      int n = Math.min(values.length - off, buffer.remaining() / Float.BYTES);
      buffer.asFloatBuffer().get(values, off, n);
      buffer.position(buffer.position() + n * Float.BYTES);
      off += n;
    }
  }

  private void readInts(int[] values) throws IOException {
    for (int off = 0; off < values.length; ) {
      fill(Integer.BYTES);
      int n = Math.min(values.length - off, buffer.remaining() / Integer.BYTES);
      buffer.asIntBuffer().get(values, off, n);
      buffer.position(buffer.position() + n * Integer.BYTES);
      off += n;
    }
  }

  /** Passes over {@code length} bytes, adding them to the checksum; their own CRC-32C. */
  private int skip(long length) throws IOException {
    CRC32C own = new CRC32C();
    for (long left = length; left > 0; ) {
      fill(1);
      int n = (int) Math.min(left, buffer.remaining());
      own.update(buffer.slice(buffer.position(), n));
      buffer.position(buffer.position() + n);
      left -= n;
    }
    return (int) own.getValue();
  }

  /**
   * Reads a deferred tensor from its file, which must still hold the bytes it held when the
   * archive was read: their checksum is compared.
   *
   * @throws ModelFormatException naming the file if it changed since, or no longer holds them
   */
  static Tensor reread(String source, Path file, ModelArchive.Stored stored) throws IOException {
    long elements = Tensor.elementCount(stored.shape());
    ByteBuffer chunk = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C own = new CRC32C();
    float[] floats = stored.type() == Tensor.ElementType.FLOAT32 ? new float[(int) elements] : null;
    int[] ints = floats == null ? new int[(int) elements] : null;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long offset = stored.offset();
      for (int done = 0; done < elements; ) {
        int n = (int) Math.min(elements - done, chunk.capacity() / Integer.BYTES);
        chunk.clear().limit(n * Integer.BYTES);
        while (chunk.hasRemaining()) {
          if (channel.read(chunk, offset + chunk.position()) < 0) {
            throw changed(source, stored);
          }
        }
        chunk.flip();
        own.update(chunk.duplicate());
        if (floats != null) {
          chunk.asFloatBuffer().get(floats, done, n);
        } else {
          chunk.asIntBuffer().get(ints, done, n);
        }
        offset += n * Integer.BYTES;
        done += n;
      }
    } catch (NoSuchFileException e) {
      throw changed(source, stored);
    }
    if ((int) own.getValue() != stored.checksum()) {
      throw changed(source, stored);
    }
    return floats != null
        ? Tensor.wrapFloats(stored.name(), stored.shape(), floats)
        : Tensor.wrapInts(stored.name(), stored.shape(), ints);
  }

  private static ModelFormatException changed(String source, ModelArchive.Stored stored) {
    return new ModelFormatException(
        source, "changed since it was opened (tensor '" + stored.name()
            + "' is not what it was); open it again");
  }

  /** File offset of the next unread byte. */
  private long position() {
    return filled - buffer.remaining();
  }

  /** Refuses to read {@code length} bytes unless the file holds them before {@link #limit}. */
  private void require(long length, String what) throws Malformed {
    long left = limit - position();
    if (length > left) {
      throw new Malformed(
          what + " needs " + length + " bytes but only " + left + " remain before the footer",
          what,
          null);
    }
  }

  /**
   * Makes at least {@code bytes} bytes available in the buffer, reading as much as fits, and adds
   * what it reads to the checksum. Callers have checked with {@link #require} that the bytes exist.
   */
  private void fill(int bytes) throws IOException {
    while (buffer.remaining() < bytes) {
      buffer.compact();
      // Never read the stored checksum into the running one.
      long room = Math.min(buffer.remaining(), checksumOffset - filled);
      int start = buffer.position();
      buffer.limit(start + (int) room);
      int n = room == 0 ? -1 : channel.read(buffer);
      buffer.limit(buffer.capacity());
      if (n < 0) {
        throw shrank();
      }
      filled += n;
      checksum.update(buffer.duplicate().flip().position(start));
      buffer.flip();
    }
  }

  private int storedChecksum() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    readFully(b, checksumOffset);
    return b.getInt(0);
  }

  private void readFully(ByteBuffer b, long offset) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, offset + b.position()) < 0) {
        throw shrank();
      }
    }
  }

  /**
   * Decides what to report for a structure that does not add up. A file that was cut short no
   * longer ends with the footer; one that was altered fails its checksum; only a file that passes
   * both really has the structural problem.
   */
  private ModelFormatException diagnose(Malformed m) throws IOException {
    ByteBuffer tail = ByteBuffer.allocate(ModelArchive.FOOTER_MAGIC.length);
    readFully(tail, size - ModelArchive.FOOTER_LENGTH);
    if (!Arrays.equals(tail.array(), ModelArchive.FOOTER_MAGIC)) {
      return m.ranOutIn != null
          ? truncated("ran out reading " + m.ranOutIn)
          : new ModelFormatException(source, "corrupted (no footer at the end of the file)");
    }
    CRC32C whole = new CRC32C();
    ByteBuffer chunk = ByteBuffer.allocateDirect(BUFFER_SIZE);
    for (long offset = 0; offset < checksumOffset; offset += chunk.limit()) {
      chunk.clear().limit((int) Math.min(chunk.capacity(), checksumOffset - offset));
      readFully(chunk, offset);
      whole.update(chunk.flip());
    }
    int stored = storedChecksum();
    if (stored != (int) whole.getValue()) {
      return corrupted(stored, (int) whole.getValue());
    }
    return new ModelFormatException(source, m.getMessage(), m.getCause());
  }

  private Malformed invalid(String problem) {
    return new Malformed(problem, null, null);
  }

  private ModelFormatException truncated(String detail) {
    return new ModelFormatException(source, "truncated at " + size + " bytes (" + detail + ")");
  }

  /** Someone truncated the file in place while we read it; it was not written atomically. */
  private ModelFormatException shrank() {
    return new ModelFormatException(source, "shrank while it was read");
  }

  private ModelFormatException corrupted(int stored, int computed) {
    return new ModelFormatException(
        source,
        "corrupted (checksum mismatch: stored " + hex(stored) + ", computed " + hex(computed)
            + ")");
  }

  private static String hex(int v) {
    return String.format("%08x", v);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
