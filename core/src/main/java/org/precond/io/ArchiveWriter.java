package org.precond.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Collection;
import java.util.zip.CRC32C;

/** Streams a {@link ModelArchive} to a channel in the layout documented there. */
final class ArchiveWriter {

  static final int BUFFER_SIZE = 1 << 16;

  private final WritableByteChannel channel;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C checksum = new CRC32C();

  ArchiveWriter(WritableByteChannel channel) {
    this.channel = channel;
  }

  void write(byte[] metadataJson, Collection<Tensor> tensors) throws IOException {
    putBytes(ModelArchive.MAGIC);
    putInt(ModelArchive.FORMAT_VERSION);
    putInt(metadataJson.length);
    putBytes(metadataJson);
    putInt(tensors.size());
    for (Tensor t : tensors) {
      byte[] name = t.name().getBytes(UTF_8);
      putInt(name.length);
      putBytes(name);
      putInt(t.type().code);
      int[] shape = t.shape();
      putInt(shape.length);
      for (int d : shape) {
        putInt(d);
      }
      putLong((long) t.size() * Integer.BYTES);
      switch (t.type()) {
        case FLOAT32 -> putFloats(t.floatData());
        case INT32 -> putInts(t.intData());
      }
    }
    putBytes(ModelArchive.FOOTER_MAGIC);
    drain();
    buffer.putInt((int) checksum.getValue()).flip();
    writeFully(buffer);
  }

  private void putInt(int v) throws IOException {
    makeRoom(Integer.BYTES);
    buffer.putInt(v);
  }

  private void putLong(long v) throws IOException {
    makeRoom(Long.BYTES);
    buffer.putLong(v);
  }

  private void putBytes(byte[] bytes) throws IOException {
    for (int off = 0; off < bytes.length; ) {
      makeRoom(1);
      int n = Math.min(bytes.length - off, buffer.remaining());
      buffer.put(bytes, off, n);
      off += n;
    }
  }

  private void putFloats(float[] values) throws IOException {
    for (int off = 0; off < values.length; ) {
      makeRoom(Float.BYTES);
      int n = Math.min(values.length - off, buffer.remaining() / Float.BYTES);
      buffer.asFloatBuffer().put(values, off, n);
      buffer.position(buffer.position() + n * Float.BYTES);
      off += n;
    }
  }

  private void putInts(int[] values) throws IOException {
    for (int off = 0; off < values.length; ) {
      makeRoom(Integer.BYTES);
      int n = Math.min(values.length - off, buffer.remaining() / Integer.BYTES);
      buffer.asIntBuffer().put(values, off, n);
      buffer.position(buffer.position() + n * Integer.BYTES);
      off += n;
    }
  }

  private void makeRoom(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      drain();
    }
  }

  /** Writes out what is buffered; everything written this way counts towards the checksum. */
  private void drain() throws IOException {
    buffer.flip();
    checksum.update(buffer.duplicate());
    writeFully(buffer);
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    bytes.clear();
  }
}
