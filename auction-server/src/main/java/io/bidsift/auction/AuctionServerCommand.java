package io.bidsift.auction;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.config.AuctionServerSettings.LogSettings;
import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.config.DspConfigException;
import io.bidsift.auction.config.DspConfigLoader;
import io.bidsift.auction.config.DspHealthSettings;
import io.bidsift.cli.CommandRunner;
import io.bidsift.cli.Reasons;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./bidsift serve auction-server}: the OpenRTB auction server. */
@Command(name = "bidsift serve auction-server", mixinStandardHelpOptions = true, sortOptions = false,
    usageHelpWidth = 100,
    description = {
        "Runs the OpenRTB auction server:",
        "  POST /openrtb2/auction       200 BidResponse | 204 no bid | 400 {\"errors\": [...]} | 413",
        "  GET  /actuator/health, /actuator/prometheus",
        "Calls the DSPs of --dsps (default: the simulated fleet of `./bidsift serve dsp-sim`), asks the",
        "bid filter at --filter which to call (fail-open), and writes the auction log v1 under --logs.",
        "Stops on SIGTERM / Ctrl-C after finishing in-flight auctions and writing every queued log record.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:failed to start (reason on stderr)", "2:invalid command line"})
public final class AuctionServerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "Port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(names = "--dsps", paramLabel = "FILE", description = "DSP configuration (YAML); default: the simulated fleet.")
  private Path dspsFile;

  @Option(names = "--dsp-base-url", paramLabel = "URL",
      description = "Base URL for relative DSP endpoints (default: the file's base_url; built-in: "
          + "http://127.0.0.1:8090).")
  private URI dspBaseUrl;

  @Option(names = "--filter", defaultValue = "http://127.0.0.1:8081", paramLabel = "URL",
      description = "Bid-filter base URL (default: ${DEFAULT-VALUE}).")
  private URI filterUrl;

  @Option(names = "--no-filter", description = "Run without the bid filter: call every candidate.")
  private boolean noFilter;

  @Option(names = "--filter-timeout-ms", defaultValue = "10", paramLabel = "MS",
      description = "Time budget of a bid-filter call before failing open (default: ${DEFAULT-VALUE}).")
  private int filterTimeoutMs;

  @Option(names = "--logs", paramLabel = "DIR",
      description = "Auction log directory (default: $BIDSIFT_HOME/logs, BIDSIFT_HOME defaulting to .bidsift);"
          + " the staging directory with --logs-s3.")
  private Path logs;

  @Option(names = "--logs-s3", paramLabel = "s3://BUCKET/PREFIX", description = "Also ship finished log files to S3.")
  private String logsS3;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3 endpoint override (moto, MinIO).")
  private URI s3Endpoint;

  @Option(names = "--log-writer-id", paramLabel = "ID",
      description = "Names this server's log files (<ID>-<seq>.jsonl.gz); 1-100 of [A-Za-z0-9._-]. Must differ"
          + " between servers writing to one place. Default: the host name plus 8 random hex digits, new at each"
          + " start.")
  private String logWriterId;

  @Option(names = "--log-roll-interval-s", defaultValue = "300", paramLabel = "S",
      description = "Finish (and ship) a log file once it is this old; files also end at the hour, after 1 minute"
          + " idle and at 256 MB (default: ${DEFAULT-VALUE}).")
  private int logRollIntervalS;

  @Option(names = "--log-spool-max-mb", defaultValue = "2048", paramLabel = "MB",
      description = "With --logs-s3: finished files waiting for S3 may take this much of the staging directory;"
          + " beyond it records are dropped and counted (default: ${DEFAULT-VALUE}).")
  private long logSpoolMaxMb;

  @Option(names = "--log-drain-deadline-s", defaultValue = "25", paramLabel = "S",
      description = "On SIGTERM, the longest writing the queued records and uploading the files may take; what"
          + " is not uploaded stays in the staging directory for the next start. Keep it below the container's"
          + " stop timeout (default: ${DEFAULT-VALUE}).")
  private int logDrainDeadlineS;

  @Option(names = "--default-tmax-ms", defaultValue = "500", paramLabel = "MS",
      description = "tmax for requests without one (default: ${DEFAULT-VALUE}).")
  private int defaultTmaxMs;

  @Option(names = "--safety-margin-ms", defaultValue = "15", paramLabel = "MS",
      description = "Kept back from tmax for our own work and the way back (default: ${DEFAULT-VALUE}).")
  private int safetyMarginMs;

  @Option(names = "--dsp-health-failure-rate", defaultValue = "50", paramLabel = "PCT",
      description = "Throttle a DSP whose errors and timeouts reach this % of its judged calls"
          + " (default: ${DEFAULT-VALUE}).")
  private float healthFailureRate;

  @Option(names = "--dsp-health-min-calls", defaultValue = "20", paramLabel = "N",
      description = "Calls in the window before a DSP is judged; also the probe outcomes judged for its recovery"
          + " (default: ${DEFAULT-VALUE}).")
  private int healthMinCalls;

  @Option(names = "--dsp-health-window", defaultValue = "100", paramLabel = "N",
      description = "How many of a DSP's latest calls are judged (default: ${DEFAULT-VALUE}).")
  private int healthWindow;

  @Option(names = "--dsp-health-probe-share", defaultValue = "0.05", paramLabel = "SHARE",
      description = "Share (0..1] of its candidate auctions a throttled DSP is still called in"
          + " (default: ${DEFAULT-VALUE}).")
  private double healthProbeShare;

  @Option(names = "--dsp-health-reevaluate-ms", defaultValue = "1000", paramLabel = "MS",
      description = "How long a newly throttled DSP is probed before the probes are judged for its recovery"
          + " (default: ${DEFAULT-VALUE}).")
  private long healthReevaluateMs;

  private final PrintStream stdout;

  AuctionServerCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
    // 0: the server runs on non-daemon threads until SIGTERM, when Spring's hook closes it.
  }

  static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    // A failed start is told by its root cause: Spring wraps what went wrong in its own exceptions.
    return CommandRunner.run("bidsift serve auction-server", new AuctionServerCommand(stdout), args, stdout, stderr,
        e -> Reasons.oneLine(rootCause(e)));
  }

  @Override
  public Integer call() {
    AuctionServerSettings settings = settings();
    ConfigurableApplicationContext context = AuctionServer.start(settings);
    String base = "http://" + host + ":" + AuctionServer.port(context);
    stdout.println("auction-server listening on " + base + "/openrtb2/auction");
    stdout.println("  DSPs: " + settings.dsps().stream().filter(DspConfig::enabled).count() + " enabled of "
        + settings.dsps().size());
    stdout.println("  bid filter: " + (settings.filterUrl() == null ? "none (every candidate is called)"
        : settings.filterUrl() + " (fail-open after " + filterTimeoutMs + " ms)"));
    stdout.println("  DSP health: throttled to " + healthProbeShare * 100 + "% at " + healthFailureRate
        + "% errors and timeouts over at least " + healthMinCalls + " of its last " + healthWindow + " calls");
    stdout.println("  auction log: " + (logsS3 != null ? logsS3 + " (staged in " + settings.log().localDir() + ")"
        : settings.log().localDir()));
    stdout.println("  metrics: " + base + "/actuator/prometheus   health: " + base + "/actuator/health");
    stdout.flush();
    return 0;
  }

  AuctionServerSettings settings() {
    List<DspConfig> dsps;
    try {
      dsps = dspsFile == null ? DspConfigLoader.loadDefault(dspBaseUrl) : DspConfigLoader.load(dspsFile, dspBaseUrl);
    } catch (DspConfigException e) {
      throw CommandRunner.invalid(this, "--dsps: " + e.getMessage());
    }
    Path logDir = logs != null ? logs : Path.of(envOr("BIDSIFT_HOME", ".bidsift")).resolve("logs");
    LogSettings log;
    try {
      log = LogSettings.local(logDir.toAbsolutePath()).withShipping(Duration.ofSeconds(logRollIntervalS),
          Math.multiplyExact(logSpoolMaxMb, 1024L * 1024), Duration.ofSeconds(logDrainDeadlineS));
      if (logWriterId != null) {
        log = log.withWriterId(logWriterId);
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw CommandRunner.invalid(this, e.getMessage());
    }
    if (logsS3 != null) {
      URI s3 = URI.create(logsS3);
      if (!"s3".equals(s3.getScheme()) || s3.getHost() == null) {
        throw CommandRunner.invalid(this, "--logs-s3 must look like s3://bucket/prefix");
      }
      String prefix = s3.getPath() == null ? "" : s3.getPath().replaceAll("^/+|/+$", "");
      log = log.withS3(s3.getHost(), prefix, s3Endpoint);
    }
    try {
      DspHealthSettings health = new DspHealthSettings(healthFailureRate, healthMinCalls, healthWindow,
          healthProbeShare, Duration.ofMillis(healthReevaluateMs));
      return new AuctionServerSettings(host, port, dsps, noFilter ? null : filterUrl,
          Duration.ofMillis(filterTimeoutMs), AuctionServerSettings.DEFAULT_BREAKER_FAILURES,
          AuctionServerSettings.DEFAULT_BREAKER_OPEN_FOR, health, defaultTmaxMs, Math.max(3000, defaultTmaxMs),
          safetyMarginMs, AuctionServerSettings.DEFAULT_MAX_DSP_RESPONSE_BYTES, log);
    } catch (IllegalArgumentException e) {
      throw CommandRunner.invalid(this, e.getMessage());
    }
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
