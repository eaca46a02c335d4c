package io.bidsift.auctionlog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One gzipped log file being written as {@code <name>.inprogress} and renamed to its final name
 * when finished, so a reader never sees half a file. Not thread-safe: the writer serialises access.
 */
final class LogFile {

  static final String IN_PROGRESS_SUFFIX = ".inprogress";
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path finalPath;
  private final Path inProgressPath;
  private final FileChannel channel;
  private final GZIPOutputStream gzip;
  private final OutputStream out;
  private long records;
  private long bytes;
  private long lastAppendMillis;
  private final long openedMillis;

  private LogFile(Path finalPath, Path inProgressPath, FileChannel channel, long nowMillis) throws IOException {
    this.finalPath = finalPath;
    this.inProgressPath = inProgressPath;
    this.channel = channel;
    // syncFlush: flush() ends the deflate block so everything so far decompresses from the file.
    this.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES, true);
    this.out = new BufferedOutputStream(gzip, BUFFER_BYTES);
    this.lastAppendMillis = nowMillis;
    this.openedMillis = nowMillis;
  }

  /** Creates {@code <finalPath>.inprogress}; fails rather than overwrite an existing file. */
  static LogFile create(Path finalPath, long nowMillis) throws IOException {
    Path inProgress = finalPath.resolveSibling(finalPath.getFileName() + IN_PROGRESS_SUFFIX);
    if (Files.exists(finalPath)) {
      throw new IOException("refusing to overwrite " + finalPath);
    }
    FileChannel channel = FileChannel.open(inProgress, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return new LogFile(finalPath, inProgress, channel, nowMillis);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  void append(byte[] line, long nowMillis) throws IOException {
    out.write(line);
    out.write('\n');
    records++;
    bytes += line.length + 1L;
    lastAppendMillis = nowMillis;
  }

  /** Makes every appended line decompressible from the file and durable on disk. */
  void flush() throws IOException {
    out.flush();
    channel.force(false);
  }

  /**
   * Writes the gzip trailer, syncs, closes and renames to the final name.
   *
   * @return the finished file's size in bytes
   */
  long finish() throws IOException {
    out.flush();
    gzip.finish();
    channel.force(false);
    long size = channel.size();
    out.close();
    Files.move(inProgressPath, finalPath, StandardCopyOption.ATOMIC_MOVE);
    return size;
  }

  /** Closes after a failure, leaving the {@code .inprogress} file (with whatever was flushed) for inspection. */
  void abandon() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already failing: the caller reports the original error.
    }
  }

  long records() {
    return records;
  }

  long bytes() {
    return bytes;
  }

  long lastAppendMillis() {
    return lastAppendMillis;
  }

  long openedMillis() {
    return openedMillis;
  }

  Path finalPath() {
    return finalPath;
  }
}
