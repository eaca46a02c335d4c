package io.bidsift.auctionlog;

import io.bidsift.json.JsonInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads auction log files (contracts.md §1): plain or gzipped JSON Lines, one file or a whole
 * directory tree. Bad data never stops a read: a malformed line is counted, sampled and
 * skipped, and a file whose gzip data is truncated or corrupt (a crashed writer, a partial
 * copy) yields every complete line before the damage. Thread-safe.
 */
public final class AuctionLogReader {

  private static final int MAX_SAMPLE_ERRORS = 10;
  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final AuctionLogCodec codec;

  public AuctionLogReader(AuctionLogCodec codec) {
    this.codec = codec;
  }

  /**
   * The log files under {@code path}, sorted by path: every {@code *.jsonl} and
   * {@code *.jsonl.gz} file in the tree, skipping files and directories whose name starts with
   * {@code .} or {@code _} (Hadoop's hidden files, such as Spark's {@code _temporary} output).
   * A regular file is returned as is, whatever its name.
   *
   * @throws UncheckedIOException when the path does not exist or cannot be listed
   */
  public List<Path> listFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new UncheckedIOException(new NoSuchFileException(path.toString(), null, "no such log file or directory"));
    }
    try (Stream<Path> tree = Files.walk(path)) {
      return tree.filter(p -> isLogFile(path.relativize(p)) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
  }

  /** Reads every log file under {@code path} (see {@link #listFiles}), in path order. */
  public AuctionLogReadStats read(Path path, Consumer<AuctionRecord> consumer) {
    return read(listFiles(path), consumer);
  }

  /** Reads the given files in the given order, whatever their names. */
  public AuctionLogReadStats read(List<Path> files, Consumer<AuctionRecord> consumer) {
    Tally tally = new Tally();
    for (Path file : files) {
      readFile(file, consumer, tally);
    }
    return tally.stats();
  }

  private static boolean isLogFile(Path relative) {
    for (Path segment : relative) {
      String name = segment.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return false;
      }
    }
    String name = relative.getFileName().toString();
    return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
  }

  private void readFile(Path file, Consumer<AuctionRecord> consumer, Tally tally) {
    tally.files++;
    LineSplitter lines = new LineSplitter(file, consumer, tally);
    try (InputStream in = open(file)) {
      lines.readAll(in);
    } catch (IOException e) {
      tally.lines++;
      tally.malformed(file, lines.lineNumber + 1,
          "the rest of the file is unreadable (truncated or corrupt gzip, or a read error): " + e);
    }
  }

  /** Decompresses when the file starts with the gzip magic number, whatever its name. */
  private static InputStream open(Path file) throws IOException {
    PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
    try {
      int b1 = in.read();
      int b2 = b1 < 0 ? -1 : in.read();
      if (b2 >= 0) {
        in.unread(b2);
      }
      if (b1 >= 0) {
        in.unread(b1);
      }
      return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2 ? new GZIPInputStream(in, INITIAL_BUFFER_BYTES) : in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static boolean isBlank(byte[] buf, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Splits one file into lines over a reusable byte buffer and decodes them without a String copy. */
  private final class LineSplitter {
    private final Path file;
    private final Consumer<AuctionRecord> consumer;
    private final Tally tally;
    private final int maxBufferBytes;
    long lineNumber;

    LineSplitter(Path file, Consumer<AuctionRecord> consumer, Tally tally) {
      this.file = file;
      this.consumer = consumer;
      this.tally = tally;
      // The longest accepted line plus its \r\n.
      this.maxBufferBytes = codec.maxLineBytes() + 2;
    }

    void readAll(InputStream in) throws IOException {
      byte[] buf = new byte[INITIAL_BUFFER_BYTES];
      int end = 0;
      int lineStart = 0;
      int scan = 0;
      boolean skippingLongLine = false;
      while (true) {
        for (; scan < end; scan++) {
          if (buf[scan] == '\n') {
            lineNumber++;
            if (skippingLongLine) {
              skippingLongLine = false;
            } else {
              line(buf, lineStart, scan - lineStart);
            }
            lineStart = scan + 1;
          }
        }
        if (lineStart > 0) {
          System.arraycopy(buf, lineStart, buf, 0, end - lineStart);
          end -= lineStart;
          scan = end;
          lineStart = 0;
        }
        if (end == buf.length) {
          if (buf.length < maxBufferBytes) {
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, maxBufferBytes)];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
          } else {
            // Bounded memory whatever the input: drop the line's bytes until its newline.
            if (!skippingLongLine) {
              tally.lines++;
              tally.malformed(file, lineNumber + 1, "line is longer than " + codec.maxLineBytes() + " bytes");
              skippingLongLine = true;
            }
            end = 0;
            scan = 0;
          }
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          break;
        }
        end += n;
      }
      if (end > 0 && !skippingLongLine) {
        lineNumber++;
        line(buf, 0, end);
      }
    }

    private void line(byte[] buf, int offset, int length) {
      if (length > 0 && buf[offset + length - 1] == '\r') {
        length--;
      }
      if (isBlank(buf, offset, length)) {
        return;
      }
      tally.lines++;
      AuctionRecord record;
      try {
        record = codec.decode(buf, offset, length);
      } catch (JsonInputException e) {
        tally.malformed(file, lineNumber, e.getMessage());
        return;
      }
      tally.records++;
      consumer.accept(record);
    }
  }

  private static final class Tally {
    long files;
    long lines;
    long records;
    long malformed;
    final List<String> sampleErrors = new ArrayList<>();

    void malformed(Path file, long lineNumber, String reason) {
      malformed++;
      if (sampleErrors.size() < MAX_SAMPLE_ERRORS) {
        sampleErrors.add(file + ":" + lineNumber + ": " + reason);
      }
    }

    AuctionLogReadStats stats() {
      return new AuctionLogReadStats(files, lines, records, malformed, sampleErrors);
    }
  }
}
