package org.precond.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that readers, and the file system after a crash, see either the old content or
 * the complete new content, never a mix.
 */
public final class AtomicFile {

  /** Writes the new content of a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code content} to a temporary file next to {@code target}, syncs it and renames it over
   * {@code target}. On failure the temporary file is deleted and {@code target} left untouched.
   */
  public static void write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    // Same directory, so the rename cannot cross file systems; hidden and random, so it neither
    // clutters listings nor collides with a concurrent writer. Not Files.createTempFile: its
    // owner-only permissions would end up on the model file.
    Path temp =
        dir.resolve(
            "." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    FileChannel channel = openTemporary(temp, target.toAbsolutePath());
    try {
      try (channel) {
        content.writeTo(channel);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable t) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        t.addSuppressed(e);
      }
      throw t;
    }
    syncDirectory(dir);
  }

  /** Opens the temporary file, blaming the destination, the name the user knows, on failure. */
  private static FileChannel openTemporary(Path temp, Path target) throws IOException {
    try {
      return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          target.toString(), null, "no such directory: " + target.getParent());
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(
          target.toString(), null, "no permission to write in " + target.getParent());
    }
  }

  /** Makes the rename itself durable, where the platform lets a directory be synced. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory. The new file is complete and in place either way; only
      // its survival of a power cut right now is less certain, which is no reason to fail a save.
    }
  }
}
