package org.precond.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precond.model.ModelFormatException;

/**
 * The contents of a model file ({@code .pcm}): JSON metadata and named tensors, written as one
 * versioned, checksummed file.
 *
 * <p>The archive knows nothing about networks or interpolants; the code that saves a model decides
 * what goes into the metadata and which tensors it needs. Archives are immutable: assemble one with
 * {@link #builder()}, save it with {@link #write(Path)}, load it with {@link #read(Path)}.
 *
 * <h2>File layout, format version 1</h2>
 *
 * All integers are little-endian, the byte order of the machines that run precond, so tensor data
 * is copied to and from the file without swapping bytes.
 *
 * <pre>
 * ModelFile   := Header, Metadata, TensorCount, TensorCount × Tensor, Footer
 * Header      := Magic (bytes 89 50 43 4D, "\x89PCM"), FormatVersion (int32, 1)
 * Metadata    := Length (int32), a JSON object in UTF-8 (Length bytes)
 * TensorCount := int32
 * Tensor      := NameLength (int32), Name in UTF-8 (NameLength bytes),
 *                ElementType (int32: 1 float32, 2 int32),
 *                Rank (int32), Rank × Dim (int32 each, outermost first),
 *                DataLength (int64: 4 × the product of the dimensions),
 *                Data (DataLength bytes, row-major: the last dimension varies fastest)
 * Footer      := FooterMagic (bytes 89 45 4E 44, "\x89END"), Checksum (int32)
 * </pre>
 *
 * The checksum is the CRC-32C of every byte before it, footer magic included. Both magics start
 * with byte 0x89 so that neither reads as text.
 *
 * <p>A reader checks the magic, then the version, then the structure and finally the checksum; a
 * file that fails any check is reported with a {@link ModelFormatException} that names the file and
 * says whether it is not a model file, of an unsupported version, truncated or corrupted. A file
 * that is truncated or altered never yields an archive.
 */
public final class ModelArchive {

  static final byte[] MAGIC = {(byte) 0x89, 'P', 'C', 'M'};
  static final byte[] FOOTER_MAGIC = {(byte) 0x89, 'E', 'N', 'D'};
  static final int FORMAT_VERSION = 1;
  static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES;
  static final int FOOTER_LENGTH = FOOTER_MAGIC.length + Integer.BYTES;

  /** Tokens after the metadata object would mean that its length and content disagree. */
  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final String UNSAVED = "unsaved model archive";

  private final String source;
  private final Path file;
  private final ObjectNode metadata;
  private final Map<String, Tensor> tensors;
  private final Map<String, Stored> stored;
  private final List<String> names;

  ModelArchive(String source, ObjectNode metadata, Map<String, Tensor> tensors) {
    this(source, null, metadata, List.copyOf(tensors.keySet()), tensors, Map.of());
  }

  /**
   * @param file where the {@code stored} tensors are read from when asked for
   * @param names every tensor's name, in file order
   * @param tensors the tensors read
   * @param stored the tensors not read yet
   */
  ModelArchive(
      String source, Path file, ObjectNode metadata, List<String> names,
      Map<String, Tensor> tensors, Map<String, Stored> stored) {
    this.source = source;
    this.file = file;
    this.metadata = metadata;
    this.names = List.copyOf(names);
    this.tensors = Collections.unmodifiableMap(tensors);
    this.stored = Map.copyOf(stored);
  }

  /** Decides from a file's metadata which of its tensors are read only when asked for. */
  @FunctionalInterface
  interface Deferral {
    Deferral NONE = (metadata, tensor) -> false;

    boolean defers(ObjectNode metadata, String tensor);
  }

  /**
   * Where a tensor that is read only when asked for lies in its file, and the CRC-32C its bytes
   * had when the file was read and checked as a whole.
   */
  record Stored(String name, Tensor.ElementType type, int[] shape, long offset, int checksum) {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a model file written by {@link #write(Path)}.
   *
   * @throws ModelFormatException if the file is not a model file, has a format version this build
   *     does not read, is truncated or corrupted, or its content is malformed
   * @throws IOException if the file cannot be read
   */
  public static ModelArchive read(Path file) throws IOException {
    return read(file, Deferral.NONE);
  }

  /**
   * Reads a model file, all of it for its checksum, but keeping of the tensors that {@code
   * deferral} defers only where they lie: {@link #tensor} reads them when asked for, from the
   * same file, which must not change meanwhile.
   */
  static ModelArchive read(Path file, Deferral deferral) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new ArchiveReader(file.toString(), channel, file, deferral).read();
    }
  }

  /**
   * Writes this archive to {@code file}, atomically: readers see either the previous file or the
   * complete new one, and a failed write leaves the previous file as it was.
   */
  public void write(Path file) throws IOException {
    // Serialised first: metadata that cannot be written fails before any file is touched.
    byte[] json = JSON.writeValueAsBytes(metadata);
    AtomicFile.write(file, channel -> new ArchiveWriter(channel).write(json, tensors.values()));
  }

  /**
   * The file this archive was read from, or a note that it was never read from one; for error
   * messages about its content.
   */
  public String source() {
    return source;
  }

  /**
   * A copy of the metadata. Numbers come back as JSON parsing makes them: integers as the smallest
   * integral node that holds them, decimals as doubles.
   */
  public ObjectNode metadata() {
    return metadata.deepCopy();
  }

  public boolean hasTensor(String name) {
    return tensors.containsKey(name) || stored.containsKey(name);
  }

  /**
   * The tensor called {@code name}; one that was deferred is read now, each time it is asked for.
   *
   * @throws ModelFormatException naming this archive's file if it holds no such tensor, as happens
   *     when a file was written by a different kind of model, or a deferred tensor is no longer
   *     in the file as it was
   */
  public Tensor tensor(String name) throws IOException {
    Tensor t = tensors.get(name);
    if (t != null) {
      return t;
    }
    Stored s = stored.get(name);
    if (s == null) {
      throw new ModelFormatException(source, "no tensor named '" + name + "'");
    }
    return ArchiveReader.reread(source, file, s);
  }

  /** Whether tensor {@code name} is read only when asked for. */
  boolean isDeferred(String name) {
    return stored.containsKey(name);
  }

  /** The shape of tensor {@code name}, deferred or not, without reading it. */
  int[] shape(String name) throws ModelFormatException {
    Stored s = stored.get(name);
    if (s != null) {
      return s.shape().clone();
    }
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new ModelFormatException(source, "no tensor named '" + name + "'");
    }
    return t.shape();
  }

  /** The tensor names, in the order they were added. */
  public List<String> tensorNames() {
    return names;
  }

  @Override
  public String toString() {
    return "ModelArchive[" + source + ", tensors " + tensors.values() + "]";
  }

  /** Assembles a {@link ModelArchive}; tensors keep the order in which they are added. */
  public static final class Builder {

    private ObjectNode metadata = JSON.createObjectNode();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the metadata to a copy of {@code metadata}; without it, the metadata is empty. */
    public Builder metadata(ObjectNode metadata) {
      this.metadata = metadata.deepCopy();
      return this;
    }

    /**
     * Adds a tensor.
     *
     * @throws IllegalArgumentException if a tensor of the same name was already added
     */
    public Builder add(Tensor tensor) {
      if (tensors.putIfAbsent(tensor.name(), tensor) != null) {
        throw new IllegalArgumentException("duplicate tensor '" + tensor.name() + "'");
      }
      return this;
    }

    public ModelArchive build() {
      return new ModelArchive(UNSAVED, metadata.deepCopy(), new LinkedHashMap<>(tensors));
    }
  }
}
