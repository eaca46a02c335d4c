package io.bidsift.auctionlog;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Appends auction records to gzipped JSON Lines files partitioned by the UTC hour of each
 * record's {@code ts}: {@code <root>/dt=YYYY-MM-DD/hr=HH/<writerId>-<seq>.jsonl.gz}
 * (contracts.md §1). Thread-safe: any number of threads may append concurrently.
 *
 * <p>A file is written as {@code <name>.jsonl.gz.inprogress} and atomically renamed when it is
 * finished: when it reaches {@link AuctionLogWriterConfig#maxFileBytes()} or
 * {@link AuctionLogWriterConfig#maxRecordsPerFile()}, when it has been idle for
 * {@link AuctionLogWriterConfig#maxIdle()} or open for {@link AuctionLogWriterConfig#maxFileAge()},
 * when more than
 * {@link AuctionLogWriterConfig#maxOpenFiles()} partitions are open (least recently used first),
 * or on {@link #close()}. Readers therefore only ever see complete files, and a crashed writer
 * leaves {@code .inprogress} files that are plainly unfinished (their flushed prefix is
 * readable gzip).
 *
 * <p>{@code seq} is a six-digit (or longer) counter shared by all partitions of this writer. A
 * new file's seq is above every seq of this writer id already present in its directory,
 * finished or in progress, so a restarted writer with the same id continues after its
 * previous files instead of overwriting them. Two live writers must not share an id.
 */
public final class AuctionLogWriter implements Closeable {

  private static final String SUFFIX = ".jsonl.gz";

  private final AuctionLogWriterConfig config;
  private final AuctionLogCodec codec;
  private final Clock clock;
  private final long maxIdleMillis;
  private final long maxAgeMillis;
  private final Object lock = new Object();
  /** Access-ordered, so the first entry is the least recently used partition. */
  private final Map<HourPartition, LogFile> open = new LinkedHashMap<>(16, 0.75f, true);
  private long nextSeq = 1;
  private long recordsWritten;
  private long filesFinished;
  private long uncompressedBytes;
  private long compressedBytes;
  private boolean closed;

  public AuctionLogWriter(AuctionLogWriterConfig config, AuctionLogCodec codec) {
    this(config, codec, Clock.systemUTC());
  }

  /** @param clock measures idleness only; partitions come from each record's {@code ts} */
  public AuctionLogWriter(AuctionLogWriterConfig config, AuctionLogCodec codec, Clock clock) {
    this.config = config;
    this.codec = codec;
    this.clock = clock;
    this.maxIdleMillis = config.maxIdle().toMillis();
    this.maxAgeMillis = config.maxFileAge().toMillis();
  }

  /**
   * Appends one record to its hour's current file. When this throws, the record was not
   * appended.
   *
   * @throws UncheckedIOException  when the file system fails
   * @throws IllegalStateException after {@link #close()}
   */
  public void append(AuctionRecord record) {
    byte[] line = codec.encode(record);
    HourPartition partition = HourPartition.of(record.ts());
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the auction log writer is closed");
      }
      long now = clock.millis();
      finishDue(now);
      LogFile file = open.get(partition);
      if (file == null) {
        file = openFile(partition, now);
      }
      try {
        file.append(line, now);
      } catch (IOException e) {
        open.remove(partition);
        file.abandon();
        throw new UncheckedIOException("cannot append to " + file.finalPath() + LogFile.IN_PROGRESS_SUFFIX, e);
      }
      recordsWritten++;
      uncompressedBytes += line.length + 1L;
      if (file.records() >= config.maxRecordsPerFile() || file.bytes() >= config.maxFileBytes()) {
        finish(partition);
      }
    }
  }

  /**
   * Makes everything appended so far readable from the {@code .inprogress} files (gzip sync
   * flush) and durable (fsync). Files stay open.
   */
  public void flush() {
    synchronized (lock) {
      UncheckedIOException failure = null;
      for (LogFile file : open.values()) {
        try {
          file.flush();
        } catch (IOException e) {
          failure = accumulate(failure, new UncheckedIOException("cannot flush " + file.finalPath(), e));
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * Finishes files idle longer than {@code maxIdle} or open longer than {@code maxFileAge}; call it
   * periodically, since appends alone check only when traffic comes.
   */
  public void finishDueFiles() {
    synchronized (lock) {
      finishDue(clock.millis());
    }
  }

  /** Finishes and renames every open file. Later appends fail; closing again does nothing. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      finishAll(new ArrayList<>(open.keySet()));
    }
  }

  public AuctionLogWriterStats stats() {
    synchronized (lock) {
      return new AuctionLogWriterStats(recordsWritten, filesFinished, uncompressedBytes, compressedBytes,
          open.size());
    }
  }

  private void finishDue(long now) {
    List<HourPartition> due = new ArrayList<>(0);
    for (Map.Entry<HourPartition, LogFile> e : open.entrySet()) {
      LogFile file = e.getValue();
      if (now - file.lastAppendMillis() >= maxIdleMillis || now - file.openedMillis() >= maxAgeMillis) {
        due.add(e.getKey());
      }
    }
    finishAll(due);
  }

  /** Tries every partition, so one failing file does not keep the others unfinished. */
  private void finishAll(List<HourPartition> partitions) {
    UncheckedIOException failure = null;
    for (HourPartition partition : partitions) {
      try {
        finish(partition);
      } catch (UncheckedIOException e) {
        failure = accumulate(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void finish(HourPartition partition) {
    LogFile file = open.remove(partition);
    try {
      compressedBytes += file.finish();
      filesFinished++;
    } catch (IOException e) {
      file.abandon();
      throw new UncheckedIOException("cannot finish " + file.finalPath(), e);
    }
  }

  private LogFile openFile(HourPartition partition, long now) {
    if (open.size() >= config.maxOpenFiles()) {
      Iterator<HourPartition> leastRecentlyUsed = open.keySet().iterator();
      finish(leastRecentlyUsed.next());
    }
    Path dir = partition.directoryUnder(config.root());
    try {
      Files.createDirectories(dir);
      long seq = Math.max(nextSeq, highestSeqIn(dir) + 1);
      nextSeq = seq + 1;
      LogFile file = LogFile.create(dir.resolve(fileName(seq)), now);
      open.put(partition, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a log file in " + dir, e);
    }
  }

  private String fileName(long seq) {
    return String.format("%s-%06d%s", config.writerId(), seq, SUFFIX);
  }

  /** The highest seq of this writer's files in the directory, finished or in progress; 0 when none. */
  private long highestSeqIn(Path dir) throws IOException {
    String prefix = config.writerId() + "-";
    long highest = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
        String name = it.next().getFileName().toString();
        if (name.endsWith(LogFile.IN_PROGRESS_SUFFIX)) {
          name = name.substring(0, name.length() - LogFile.IN_PROGRESS_SUFFIX.length());
        }
        if (name.startsWith(prefix) && name.endsWith(SUFFIX)) {
          String digits = name.substring(prefix.length(), name.length() - SUFFIX.length());
          if (!digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            highest = Math.max(highest, Long.parseLong(digits));
          }
        }
      }
    }
    return highest;
  }

  private static UncheckedIOException accumulate(UncheckedIOException first, UncheckedIOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
