package io.bidsift.training.preprocess;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The lines of one log file, pulled one at a time over a reusable buffer (no copy per line),
 * with the tolerance of {@code AuctionLogReader}: gzip recognised by its magic number, blank
 * lines skipped, a trailing CR dropped, a line longer than the codec accepts skipped as
 * malformed, and an unreadable rest of the file (truncated or corrupt gzip, read error) reported
 * as one malformed line after every complete line before it. Spark needs the lines as an
 * iterator, the reader hands them to a callback, hence this pull-style twin.
 */
final class LogFileLines implements Closeable {

  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final String file;
  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
  private int end;
  private int lineStart;
  private int scan;
  private boolean eof;
  private boolean skippingLongLine;
  private long lineNumber;

  private int offset;
  private int length;
  private long currentLine;
  private String problem;

  private LogFileLines(String file, InputStream in, int maxLineBytes) {
    this.file = file;
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** @throws IOException when the file cannot be opened */
  static LogFileLines open(String file, Configuration conf, int maxLineBytes) throws IOException {
    Path path = new Path(file);
    InputStream raw = path.getFileSystem(conf).open(path);
    try {
      PushbackInputStream in = new PushbackInputStream(raw, 2);
      int b1 = in.read();
      int b2 = b1 < 0 ? -1 : in.read();
      if (b2 >= 0) {
        in.unread(b2);
      }
      if (b1 >= 0) {
        in.unread(b1);
      }
      boolean gzip = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
      return new LogFileLines(file, gzip ? new GZIPInputStream(in, INITIAL_BUFFER_BYTES) : in, maxLineBytes);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * Advances to the next non-blank line, or to the next problem ({@link #problem()} non-null).
   *
   * @return false at the end of the file
   */
  boolean next() {
    problem = null;
    while (true) {
      while (scan < end) {
        if (buf[scan++] == '\n') {
          lineNumber++;
          int start = lineStart;
          lineStart = scan;
          if (skippingLongLine) {
            skippingLongLine = false;
          } else if (setLine(start, scan - 1 - start)) {
            return true;
          }
        }
      }
      if (eof) {
        if (lineStart < end && !skippingLongLine) {
          lineNumber++;
          int start = lineStart;
          lineStart = end;
          return setLine(start, end - start);
        }
        return false;
      }
      if (lineStart > 0) {
        System.arraycopy(buf, lineStart, buf, 0, end - lineStart);
        end -= lineStart;
        scan -= lineStart;
        lineStart = 0;
      }
      if (end == buf.length) {
        if (buf.length < maxLineBytes + 2) {
          byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, maxLineBytes + 2L)];
          System.arraycopy(buf, 0, bigger, 0, end);
          buf = bigger;
        } else {
          // Bounded memory whatever the input: drop the line's bytes until its newline.
          end = 0;
          scan = 0;
          if (!skippingLongLine) {
            skippingLongLine = true;
            return setProblem(lineNumber + 1, "line is longer than " + maxLineBytes + " bytes");
          }
        }
      }
      try {
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          eof = true;
        } else {
          end += n;
        }
      } catch (IOException e) {
        eof = true;
        end = 0;
        lineStart = 0;
        scan = 0;
        skippingLongLine = false;
        return setProblem(lineNumber + 1,
            "the rest of the file is unreadable (truncated or corrupt gzip, or a read error): " + e);
      }
    }
  }

  private boolean setLine(int start, int len) {
    if (len > 0 && buf[start + len - 1] == '\r') {
      len--;
    }
    for (int i = start; i < start + len; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        offset = start;
        length = len;
        currentLine = lineNumber;
        return true;
      }
    }
    return false;
  }

  private boolean setProblem(long line, String reason) {
    currentLine = line;
    problem = reason;
    length = 0;
    return true;
  }

  /** Why the current "line" could not be read; null for a line to decode. */
  String problem() {
    return problem;
  }

  /** The buffer holding the current line; valid until the next {@link #next()}. */
  byte[] bytes() {
    return buf;
  }

  int offset() {
    return offset;
  }

  int length() {
    return length;
  }

  /** {@code <file>:<line>}, for messages. */
  String where() {
    return file + ":" + currentLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
