package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The auction log in S3, under {@code s3://bucket/prefix/dt=YYYY-MM-DD/hr=HH/<writer>-<seq>.jsonl.gz}
 * (the layout of contracts.md §1). Records go to an {@link AuctionLogWriter} in a local staging
 * directory; each finished file is uploaded, then deleted locally.
 *
 * <p>Why stage locally instead of streaming to S3: an S3 object cannot be appended to, and a
 * finished gzip file is the unit readers (and Spark tasks) want. The staging directory is also the
 * spool for an S3 outage: finished files wait there, oldest first, and files a stopped or crashed
 * server left finished there are shipped by the next one.
 *
 * <p>Uploads run on their own thread, so a slow or unreachable S3 never holds up the writer (and
 * through its queue, the auctions). After a failed pass the uploader waits, doubling the wait up
 * to {@code maxRetryDelay}, so a dead S3 costs one short attempt now and then, not one per tick.
 * The spool is bounded: once the finished files waiting for S3 reach {@code spoolMaxBytes}, records
 * are dropped and counted ({@code bidsift.auction_log.spool.dropped}) until uploads make room,
 * rather than filling the disk the server runs on.
 */
public final class S3AuctionLogSink implements AuctionLogSink {

  private static final Logger LOG = LoggerFactory.getLogger(S3AuctionLogSink.class);
  private static final String SUFFIX = ".jsonl.gz";
  private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
  private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final AuctionLogWriter writer;
  private final Path staging;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final long spoolMaxBytes;
  private final long maxRetryDelayNanos;
  private final AtomicLong spooledFiles = new AtomicLong();
  private final AtomicLong spooledBytes = new AtomicLong();
  private final Counter uploaded;
  private final Counter uploadFailures;
  private final Counter spoolDropped;
  private final Thread uploader;
  private final Object signal = new Object();
  /** Guarded by {@link #signal}. */
  private boolean uploadRequested;
  /** Guarded by {@link #signal}: the uploader ships what is left once more, then ends. */
  private boolean closing;
  /** The deadline of close() passed: stop between files, leaving the rest in staging. */
  private volatile boolean abandoned;
  /** Uploader thread only. */
  private long retryDelayNanos;
  private long nextAttemptNanos = System.nanoTime();
  private long lastFailureReportNanos = System.nanoTime() - REPORT_INTERVAL_NANOS;
  /** Writer thread only. */
  private long lastDropReportNanos = System.nanoTime() - REPORT_INTERVAL_NANOS;

  /**
   * @param s3            built by the caller (region, credentials, endpoint, timeouts); closed with this sink
   * @param prefix        key prefix without leading or trailing slash, may be empty
   * @param spoolMaxBytes finished files waiting for upload may take this much; beyond it records are dropped
   * @param maxRetryDelay longest wait between upload attempts while S3 fails
   */
  public S3AuctionLogSink(AuctionLogWriterConfig stagingConfig, AuctionLogCodec codec, S3Client s3, String bucket,
                          String prefix, long spoolMaxBytes, Duration maxRetryDelay, MeterRegistry registry) {
    this.writer = new AuctionLogWriter(stagingConfig, codec);
    this.staging = stagingConfig.root();
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    this.spoolMaxBytes = spoolMaxBytes;
    this.maxRetryDelayNanos = Math.max(maxRetryDelay.toNanos(), 1);
    this.uploaded = Counter.builder("bidsift.auction_log.uploaded").description("auction log files uploaded to S3")
        .register(registry);
    this.uploadFailures = Counter.builder("bidsift.auction_log.upload_failures")
        .description("failed uploads of auction log files to S3 (each is retried)").register(registry);
    this.spoolDropped = Counter.builder("bidsift.auction_log.spool.dropped")
        .description("auction records dropped because the files waiting for S3 filled the spool").register(registry);
    Gauge.builder("bidsift.auction_log.spool.files", spooledFiles, AtomicLong::get)
        .description("finished auction log files waiting for upload to S3").register(registry);
    Gauge.builder("bidsift.auction_log.spool.bytes", spooledBytes, AtomicLong::get).baseUnit("bytes")
        .description("size of the auction log files waiting for upload to S3").register(registry);
    // What a previous run left must count against the bound from the first record on.
    scan();
    this.uploader = new Thread(this::runUploader, "auction-log-uploader");
    // close() waits for it up to its deadline; past that, the process must be free to exit.
    uploader.setDaemon(true);
    uploader.start();
    requestUpload();
  }

  @Override
  public boolean append(AuctionRecord record) {
    if (spooledBytes.get() >= spoolMaxBytes) {
      spoolDropped.increment();
      long now = System.nanoTime();
      if (now - lastDropReportNanos >= REPORT_INTERVAL_NANOS) {
        lastDropReportNanos = now;
        LOG.error("auction log spool full: {} files, {} bytes wait for {} (limit {} bytes); dropping records "
                + "until uploads make room ({} dropped so far; not repeated within 10 s)", spooledFiles.get(),
            spooledBytes.get(), location(), spoolMaxBytes, (long) spoolDropped.count());
      }
      return false;
    }
    writer.append(record);
    return true;
  }

  @Override
  public void tick() {
    try {
      writer.finishDueFiles();
    } finally {
      requestUpload();
    }
  }

  @Override
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      writer.close();
    } catch (UncheckedIOException e) {
      LOG.error("could not finish every auction log file in {}; shipping the finished ones", staging, e);
    }
    synchronized (signal) {
      closing = true;
      signal.notifyAll();
    }
    try {
      uploader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (uploader.isAlive()) {
      abandoned = true;
    }
    scan();
    if (spooledFiles.get() > 0) {
      LOG.warn("{} auction log files ({} bytes) were not uploaded to {} before the deadline ({}); they stay in {}"
          + " and the next start uploads them", spooledFiles.get(), spooledBytes.get(), location(), timeout, staging);
    }
    // Aborts an upload still running: its file stays, and is shipped again by the next start.
    s3.close();
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  private void requestUpload() {
    synchronized (signal) {
      uploadRequested = true;
      signal.notifyAll();
    }
  }

  private enum Work { UPLOAD, SCAN, LAST_UPLOAD }

  private void runUploader() {
    while (true) {
      Work work;
      try {
        work = awaitWork();
      } catch (InterruptedException e) {
        // Nothing interrupts it on purpose; close() ends it through the closing flag.
        continue;
      }
      try {
        if (work == Work.SCAN) {
          scan();
        } else {
          uploadFinished(work == Work.LAST_UPLOAD);
        }
      } catch (RuntimeException e) {
        reportFailure("auction log upload pass failed", e);
        backOff();
      }
      if (work == Work.LAST_UPLOAD) {
        return;
      }
    }
  }

  /**
   * Waits for a tick's request or for close(). While backing off, a request only rescans, so the
   * spool's size (and the bound appends check) keeps up with the files the writer finishes.
   */
  private Work awaitWork() throws InterruptedException {
    synchronized (signal) {
      while (!closing && !uploadRequested) {
        signal.wait();
      }
      if (closing) {
        return Work.LAST_UPLOAD;
      }
      uploadRequested = false;
      return System.nanoTime() - nextAttemptNanos >= 0 ? Work.UPLOAD : Work.SCAN;
    }
  }

  /**
   * Uploads every finished file of the staging directory, oldest partition and seq first, deleting
   * each once S3 has it; in-progress files wait. A file S3 refuses does not hold up the others; an
   * S3 that cannot be reached ends the pass, since every other file would fail the same way.
   */
  private void uploadFinished(boolean last) {
    List<Path> finished = scan();
    boolean failed = false;
    for (Path file : finished) {
      if (abandoned) {
        return;
      }
      String key = prefix + staging.relativize(file).toString().replace('\\', '/');
      try {
        long size = Files.size(file);
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/gzip").build(),
            RequestBody.fromFile(file));
        Files.delete(file);
        uploaded.increment();
        spooledFiles.decrementAndGet();
        spooledBytes.addAndGet(-size);
      } catch (NoSuchFileException gone) {
        // Deleted by someone else since the scan: nothing left to ship.
      } catch (SdkClientException e) {
        uploadFailures.increment();
        reportFailure("cannot reach S3 to upload " + key + "; " + spooledFiles.get() + " files wait in " + staging, e);
        failed = true;
        break;
      } catch (IOException | RuntimeException e) {
        uploadFailures.increment();
        reportFailure("cannot upload " + key + " from " + file, e);
        failed = true;
      }
    }
    if (failed && !last) {
      backOff();
    } else {
      retryDelayNanos = 0;
    }
  }

  private void backOff() {
    retryDelayNanos = retryDelayNanos == 0 ? Math.min(FIRST_RETRY_DELAY.toNanos(), maxRetryDelayNanos)
        : Math.min(retryDelayNanos * 2, maxRetryDelayNanos);
    nextAttemptNanos = System.nanoTime() + retryDelayNanos;
  }

  /** The finished files, in upload order; refreshes the spool gauges (and the bound appends check). */
  private List<Path> scan() {
    if (!Files.isDirectory(staging)) {
      spooledFiles.set(0);
      spooledBytes.set(0);
      return List.of();
    }
    List<Path> finished;
    try (Stream<Path> files = Files.walk(staging)) {
      finished = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot list the staging directory " + staging, e);
    }
    long bytes = 0;
    for (Path file : finished) {
      try {
        bytes += Files.size(file);
      } catch (IOException gone) {
        // Uploaded and deleted since the listing (close() scans beside the uploader): not spooled.
      }
    }
    spooledFiles.set(finished.size());
    spooledBytes.set(bytes);
    return finished;
  }

  private void reportFailure(String message, Exception e) {
    long now = System.nanoTime();
    if (now - lastFailureReportNanos >= REPORT_INTERVAL_NANOS) {
      lastFailureReportNanos = now;
      LOG.error("{} (retried; further failures within 10 s are only counted in "
          + "bidsift_auction_log_upload_failures_total)", message, e);
    }
  }
}
