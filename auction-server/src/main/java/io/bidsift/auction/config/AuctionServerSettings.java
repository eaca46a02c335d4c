package io.bidsift.auction.config;

import io.bidsift.auction.log.WriterId;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the auction server is configured with, built once at start and never changed.
 *
 * @param host                 address to bind
 * @param port                 HTTP port, 0 for any free one
 * @param dsps                 the DSPs, validated (see {@link DspConfigLoader})
 * @param filterUrl            base URL of the bid filter; null runs without one (every candidate is called)
 * @param filterTimeout        time budget of one bid-filter call; slower answers fail open
 * @param breakerFailures      bid-filter failures, among the last 100 calls and at least half of them, that open
 *                             the circuit breaker
 * @param breakerOpenFor       how long an open breaker skips the bid filter before one probe
 * @param health               when a failing DSP is throttled to a probe share of its traffic
 * @param defaultTmaxMs        tmax for requests that send none
 * @param maxTmaxMs            a request's tmax is capped at this
 * @param safetyMarginMs       kept back from tmax for our own work and the network back to the caller
 * @param maxDspResponseBytes  a DSP response above this is an error (and its connection dropped)
 * @param log                  where the auction log goes
 */
public record AuctionServerSettings(String host, int port, List<DspConfig> dsps, URI filterUrl,
                                    Duration filterTimeout, int breakerFailures, Duration breakerOpenFor,
                                    DspHealthSettings health, int defaultTmaxMs, int maxTmaxMs, int safetyMarginMs,
                                    int maxDspResponseBytes, LogSettings log) {

  public static final int DEFAULT_BREAKER_FAILURES = 5;
  public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_DSP_RESPONSE_BYTES = 1024 * 1024;

  public AuctionServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(filterTimeout, "filterTimeout");
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(log, "log");
    dsps = List.copyOf(dsps);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (filterTimeout.isNegative() || filterTimeout.isZero() || breakerFailures < 1 || breakerOpenFor.isNegative()) {
      throw new IllegalArgumentException("the filter timeout and breaker settings must be positive");
    }
    if (defaultTmaxMs <= 0 || maxTmaxMs < defaultTmaxMs || safetyMarginMs < 0 || safetyMarginMs >= defaultTmaxMs) {
      throw new IllegalArgumentException("need 0 <= safety margin < default tmax <= max tmax, got margin "
          + safetyMarginMs + ", default " + defaultTmaxMs + ", max " + maxTmaxMs);
    }
    if (maxDspResponseBytes <= 0) {
      throw new IllegalArgumentException("maxDspResponseBytes must be positive");
    }
  }

  /** Defaults for everything but the DSPs, the filter and the log directory. */
  public static AuctionServerSettings defaults(List<DspConfig> dsps, URI filterUrl, Path logDir) {
    return new AuctionServerSettings("127.0.0.1", 8080, dsps, filterUrl, Duration.ofMillis(10),
        DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_OPEN_FOR, DspHealthSettings.DEFAULTS, 500, 3000, 15,
        DEFAULT_MAX_DSP_RESPONSE_BYTES, LogSettings.local(logDir));
  }

  public AuctionServerSettings withPort(int newPort) {
    return new AuctionServerSettings(host, newPort, dsps, filterUrl, filterTimeout, breakerFailures, breakerOpenFor,
        health, defaultTmaxMs, maxTmaxMs, safetyMarginMs, maxDspResponseBytes, log);
  }

  public AuctionServerSettings withFilter(Duration timeout, int failures, Duration openFor) {
    return new AuctionServerSettings(host, port, dsps, filterUrl, timeout, failures, openFor, health,
        defaultTmaxMs, maxTmaxMs, safetyMarginMs, maxDspResponseBytes, log);
  }

  public AuctionServerSettings withHealth(DspHealthSettings newHealth) {
    return new AuctionServerSettings(host, port, dsps, filterUrl, filterTimeout, breakerFailures, breakerOpenFor,
        newHealth, defaultTmaxMs, maxTmaxMs, safetyMarginMs, maxDspResponseBytes, log);
  }

  public AuctionServerSettings withLog(LogSettings newLog) {
    return new AuctionServerSettings(host, port, dsps, filterUrl, filterTimeout, breakerFailures, breakerOpenFor,
        health, defaultTmaxMs, maxTmaxMs, safetyMarginMs, maxDspResponseBytes, newLog);
  }

  /**
   * @param localDir      local log root, or the staging directory of the S3 sink
   * @param s3Bucket      S3 bucket, null for the local directory only
   * @param s3Prefix      key prefix under the bucket (no leading or trailing slash), may be empty
   * @param s3Endpoint    endpoint override (moto, MinIO); null for AWS
   * @param writerId      names this server's log files; unique among servers writing to one place, which
   *                      the default ({@link WriterId#forThisProcess()}) is across hosts, tasks and restarts
   * @param queueCapacity auctions waiting to be written; beyond it records are dropped and counted
   * @param rollInterval  a log file is finished (and shipped) once it is this old
   * @param spoolMaxBytes finished files waiting for S3 may take this much of the staging directory;
   *                      beyond it records are dropped and counted (S3 sink only)
   * @param drainDeadline how long stopping may take to write the queued records and ship the files; what
   *                      is not shipped by then stays in the staging directory for the next start
   */
  public record LogSettings(Path localDir, String s3Bucket, String s3Prefix, URI s3Endpoint, String writerId,
                            int queueCapacity, Duration rollInterval, long spoolMaxBytes, Duration drainDeadline) {

    public static final Duration DEFAULT_ROLL_INTERVAL = AuctionLogWriterConfig.DEFAULT_MAX_FILE_AGE;
    /** About two hours of a busy server's gzipped logs, a tenth of a Fargate task's default 20 GiB disk. */
    public static final long DEFAULT_SPOOL_MAX_BYTES = 2L * 1024 * 1024 * 1024;
    /** Inside the auction server container's ECS stopTimeout (infra ServeStack), with room to spare. */
    public static final Duration DEFAULT_DRAIN_DEADLINE = Duration.ofSeconds(25);

    public LogSettings {
      Objects.requireNonNull(localDir, "localDir");
      AuctionLogWriterConfig.requireValidWriterId(writerId);
      Objects.requireNonNull(rollInterval, "rollInterval");
      Objects.requireNonNull(drainDeadline, "drainDeadline");
      s3Prefix = s3Prefix == null ? "" : s3Prefix;
      if (queueCapacity <= 0) {
        throw new IllegalArgumentException("log queue capacity must be positive");
      }
      if (rollInterval.isNegative() || rollInterval.isZero() || drainDeadline.isNegative() || drainDeadline.isZero()) {
        throw new IllegalArgumentException("the log roll interval and drain deadline must be positive");
      }
      if (spoolMaxBytes <= 0) {
        throw new IllegalArgumentException("the log spool bound must be positive");
      }
    }

    /** A local log with a writer id new to this process and the default limits. */
    public static LogSettings local(Path dir) {
      return new LogSettings(dir, null, "", null, WriterId.forThisProcess(), 65_536, DEFAULT_ROLL_INTERVAL,
          DEFAULT_SPOOL_MAX_BYTES, DEFAULT_DRAIN_DEADLINE);
    }

    public LogSettings withS3(String bucket, String prefix, URI endpoint) {
      return new LogSettings(localDir, bucket, prefix, endpoint, writerId, queueCapacity, rollInterval,
          spoolMaxBytes, drainDeadline);
    }

    public LogSettings withWriterId(String id) {
      return new LogSettings(localDir, s3Bucket, s3Prefix, s3Endpoint, id, queueCapacity, rollInterval,
          spoolMaxBytes, drainDeadline);
    }

    /** How files are rolled, how much may wait for S3 and how long stopping may take (see the parameters). */
    public LogSettings withShipping(Duration newRollInterval, long newSpoolMaxBytes, Duration newDrainDeadline) {
      return new LogSettings(localDir, s3Bucket, s3Prefix, s3Endpoint, writerId, queueCapacity, newRollInterval,
          newSpoolMaxBytes, newDrainDeadline);
    }

    /** The writer of the local directory (or the staging directory), rolling on {@link #rollInterval}. */
    public AuctionLogWriterConfig writerConfig() {
      return AuctionLogWriterConfig.defaults(localDir, writerId).withMaxFileAge(rollInterval);
    }
  }
}
