package io.bidsift.auctionlog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how an {@link AuctionLogWriter} writes.
 *
 * @param root              directory under which {@code dt=YYYY-MM-DD/hr=HH/} partitions are created
 * @param writerId          names this writer's files ({@code <writerId>-<seq>.jsonl.gz}); unique among
 *                          writers running at the same time on the same root (e.g. host name + instance)
 * @param maxFileBytes      a file is finished once it holds this many uncompressed bytes (it may exceed
 *                          the limit by its last line)
 * @param maxRecordsPerFile a file is finished once it holds this many records
 * @param maxOpenFiles      most files open at once; opening one more finishes the least recently used
 * @param maxIdle           a file that received nothing for this long is finished (checked on every
 *                          append and by {@link AuctionLogWriter#finishDueFiles()}), so an hour's last
 *                          file becomes visible to readers soon after the hour ends
 * @param maxFileAge        a file open this long is finished however busy it is (checked like
 *                          {@code maxIdle}), so shipped logs are never older than this plus the shipping
 */
public record AuctionLogWriterConfig(Path root, String writerId, long maxFileBytes, int maxRecordsPerFile,
                                     int maxOpenFiles, Duration maxIdle, Duration maxFileAge) {

  /** About 30 to 60 MB gzipped: one Spark task per file (gzip is not splittable) stays short. */
  public static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;
  public static final int DEFAULT_MAX_RECORDS_PER_FILE = 1_000_000;
  /** The current hour, the previous one (late auctions) and some slack; each costs ~300 KB of buffers. */
  public static final int DEFAULT_MAX_OPEN_FILES = 4;
  /** Auctions end within their tmax (a second or so): a minute of silence means the hour is over. */
  public static final Duration DEFAULT_MAX_IDLE = Duration.ofMinutes(1);
  /** Logs reach their readers within minutes, in files few enough (12 an hour per writer) for Spark. */
  public static final Duration DEFAULT_MAX_FILE_AGE = Duration.ofMinutes(5);

  private static final Pattern WRITER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public AuctionLogWriterConfig {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(maxIdle, "maxIdle");
    Objects.requireNonNull(maxFileAge, "maxFileAge");
    requireValidWriterId(writerId);
    if (maxFileBytes <= 0 || maxRecordsPerFile <= 0 || maxOpenFiles <= 0) {
      throw new IllegalArgumentException("maxFileBytes, maxRecordsPerFile and maxOpenFiles must be positive");
    }
    if (maxIdle.isNegative() || maxIdle.isZero() || maxFileAge.isNegative() || maxFileAge.isZero()) {
      throw new IllegalArgumentException("maxIdle and maxFileAge must be positive");
    }
  }

  public static AuctionLogWriterConfig defaults(Path root, String writerId) {
    return new AuctionLogWriterConfig(root, writerId, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_RECORDS_PER_FILE,
        DEFAULT_MAX_OPEN_FILES, DEFAULT_MAX_IDLE, DEFAULT_MAX_FILE_AGE);
  }

  /**
   * Checks that a writer id is a safe file-name token, so callers can refuse a bad one where it
   * is configured rather than when the first file is opened.
   *
   * @throws IllegalArgumentException naming the id and the rule
   */
  public static String requireValidWriterId(String writerId) {
    Objects.requireNonNull(writerId, "writerId");
    if (!WRITER_ID.matcher(writerId).matches()) {
      throw new IllegalArgumentException("writer id must be 1 to 100 of [A-Za-z0-9._-], not starting with"
          + " '.', '_' or '-': " + writerId);
    }
    return writerId;
  }

  public AuctionLogWriterConfig withMaxFileBytes(long bytes) {
    return new AuctionLogWriterConfig(root, writerId, bytes, maxRecordsPerFile, maxOpenFiles, maxIdle, maxFileAge);
  }

  public AuctionLogWriterConfig withMaxRecordsPerFile(int records) {
    return new AuctionLogWriterConfig(root, writerId, maxFileBytes, records, maxOpenFiles, maxIdle, maxFileAge);
  }

  public AuctionLogWriterConfig withMaxOpenFiles(int files) {
    return new AuctionLogWriterConfig(root, writerId, maxFileBytes, maxRecordsPerFile, files, maxIdle, maxFileAge);
  }

  public AuctionLogWriterConfig withMaxIdle(Duration idle) {
    return new AuctionLogWriterConfig(root, writerId, maxFileBytes, maxRecordsPerFile, maxOpenFiles, idle, maxFileAge);
  }

  public AuctionLogWriterConfig withMaxFileAge(Duration age) {
    return new AuctionLogWriterConfig(root, writerId, maxFileBytes, maxRecordsPerFile, maxOpenFiles, maxIdle, age);
  }
}
