package io.bidsift.simulator.traffic;

import io.bidsift.cli.CommandRunner;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.market.DspConfig;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Publisher traffic: generated bid requests sent to an HTTP endpoint at a fixed rate (open loop). */
@Command(name = "bidsift traffic", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    description = {
        "Sends generated bid requests to an OpenRTB auction endpoint (or, with --wrap filter, to the",
        "bid-filter service) at a fixed rate, whatever the responses (open loop), over a fixed pool of",
        "keep-alive connections. Reports throughput, status counts, errors, client timeouts,",
        "connections opened and latency percentiles measured from each request's intended send time",
        "(a request waiting for a free connection is charged for the wait). Progress goes to stderr",
        "each second, the report to stdout.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:run finished", "1:run failed (reason on stderr)", "2:invalid command line"})
public final class TrafficCommand implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "URL", description = "Endpoint to POST to (http://...).")
  private URI target;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "N", description = "Requests per second (default: ${DEFAULT-VALUE}).")
  private int rate;

  @Option(names = "--duration", defaultValue = "10", paramLabel = "S", description = "Seconds of sending (default: ${DEFAULT-VALUE}).")
  private int durationSeconds;

  @Option(names = "--warmup", defaultValue = "0", paramLabel = "S",
      description = {"Seconds sent before the measured run and left out of the report, a fifth",
          "each at 1/16, 1/8, 1/4, 1/2 and all of the rate, so both ends have compiled",
          "their hot code (default: ${DEFAULT-VALUE})."})
  private int warmupSeconds;

  @Option(names = "--connections", defaultValue = "256", paramLabel = "N",
      description = {"Keep-alive connections in the pool, opened as needed, never more at once",
          "(default: ${DEFAULT-VALUE}). Needs about rate x latency; beyond, requests queue."})
  private int connections;

  @Option(names = "--io-threads", defaultValue = "1", paramLabel = "N",
      description = "Event loops sharing the pool (default: ${DEFAULT-VALUE}).")
  private int ioThreads;

  @Option(names = "--timeout-ms", defaultValue = "2000", paramLabel = "MS",
      description = "From a request's intended send time to giving it up (default: ${DEFAULT-VALUE}).")
  private int timeoutMs;

  @Option(names = "--tmax-grace-ms", paramLabel = "MS",
      description = {"Give each request up at its own tmax plus MS, as a publisher does, instead of",
          "--timeout-ms (which stays the timeout of a request without tmax). Default: off."})
  private Integer tmaxGraceMs;

  @Option(names = "--max-idle-ms", defaultValue = "60000", paramLabel = "MS",
      description = {"Closes a connection idle this long (reopened when needed), below the services'",
          "75 s idle timeout as a client's must be (default: ${DEFAULT-VALUE})."})
  private int maxIdleMs;

  @Option(names = "--wrap", defaultValue = "none", paramLabel = "none|filter",
      description = {"Body: the bare BidRequest (none, default) or the bid-filter request",
          "{\"request\": BidRequest, \"dsps\": [...]} (filter)."})
  private String wrap;

  @Option(names = "--dsps", paramLabel = "N",
      description = "With --wrap filter: the market's first N DSP ids in \"dsps\" (default: all).")
  private Integer dspCount;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Request seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--distinct", defaultValue = "5000", paramLabel = "N",
      description = "Distinct requests generated up front and cycled through (default: ${DEFAULT-VALUE}).")
  private int distinct;

  @Option(names = "--market", paramLabel = "FILE", description = "Market file (YAML) instead of the built-in market.")
  private Path marketFile;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
  private Path reportFile;

  private final PrintStream stdout;
  private final PrintStream stderr;

  TrafficCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    return CommandRunner.run("bidsift traffic", new TrafficCommand(stdout, stderr), args, stdout, stderr);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (rate <= 0 || durationSeconds <= 0 || distinct <= 0 || timeoutMs <= 0 || maxIdleMs <= 0) {
      throw CommandRunner.invalid(this, "--rate, --duration, --distinct, --timeout-ms and --max-idle-ms must be positive");
    }
    if (tmaxGraceMs != null && tmaxGraceMs < 0) {
      throw CommandRunner.invalid(this, "--tmax-grace-ms must not be negative");
    }
    if (warmupSeconds < 0) {
      throw CommandRunner.invalid(this, "--warmup must not be negative");
    }
    if (connections <= 0 || ioThreads <= 0 || ioThreads > connections) {
      throw CommandRunner.invalid(this, "--connections and --io-threads must be positive, --io-threads at most --connections");
    }
    if (!"http".equals(target.getScheme()) || target.getHost() == null) {
      throw CommandRunner.invalid(this, "--target must be an http:// URL");
    }
    boolean filter = switch (wrap) {
      case "none" -> false;
      case "filter" -> true;
      default -> throw CommandRunner.invalid(this, "--wrap must be none or filter, not '" + wrap + "'");
    };
    if (dspCount != null && !filter) {
      throw CommandRunner.invalid(this, "--dsps goes with --wrap filter");
    }
    MarketModel market = marketFile == null ? MarketLoader.defaultMarket() : MarketLoader.load(marketFile);
    List<String> dsps = market.dsps().stream().map(DspConfig::id).toList();
    if (dspCount != null && (dspCount <= 0 || dspCount > dsps.size())) {
      throw CommandRunner.invalid(this, "--dsps must be between 1 and " + dsps.size() + " (the market's DSPs)");
    }
    List<String> filterDsps = dsps.subList(0, dspCount == null ? dsps.size() : dspCount);
    RequestGenerator traffic = new RequestGenerator(market, PublisherCatalog.build(market));
    OpenRtbCodec codec = new OpenRtbCodec();
    int n = (int) Math.min(distinct, (long) rate * durationSeconds);
    List<byte[]> bodies = new ArrayList<>(n);
    List<Duration> timeouts = new ArrayList<>(n);
    for (BidRequest r : PublisherRequests.generate(traffic, Clock.systemUTC().instant(), n, seed)) {
      byte[] request = codec.writeRequest(r);
      bodies.add(filter ? FilterRequestBody.wrap(request, filterDsps) : request);
      timeouts.add(Duration.ofMillis(tmaxGraceMs == null || r.tmax() == null ? timeoutMs : r.tmax() + tmaxGraceMs));
    }
    stderr.printf("traffic: %d/s for %d s to %s over at most %d connections (%d distinct %s, seed %d)%n", rate,
        durationSeconds, target, connections, n, filter ? "filter requests for " + filterDsps.size() + " DSPs"
            : "bid requests", seed);
    LoadGenerator generator = new LoadGenerator(connections, ioThreads, Duration.ofMillis(timeoutMs),
        Duration.ofMillis(maxIdleMs));
    warmUp(generator, bodies, timeouts);
    LoadReport report = generator.run(target, rate, Duration.ofSeconds(durationSeconds), bodies, timeouts, stderr);
    stdout.print(report.summary());
    if (reportFile != null) {
      try {
        Files.writeString(reportFile, report.toJson() + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report to " + reportFile, e);
      }
    }
    return 0;
  }

  /**
   * 1/16, 1/8, 1/4, 1/2, then all of the rate, a fifth of the warm-up each: a cold JVM at a high rate falls
   * behind, and once requests time out it stays behind (each timeout closes a connection, the server still
   * works on the abandoned request, the client reconnects).
   */
  private void warmUp(LoadGenerator generator, List<byte[]> bodies, List<Duration> timeouts) throws InterruptedException {
    for (int share : new int[] {16, 8, 4, 2, 1}) {
      long millis = warmupSeconds * 1000L / 5;
      if (millis == 0) {
        continue;
      }
      int stepRate = Math.max(1, rate / share);
      LoadReport step = generator.run(target, stepRate, Duration.ofMillis(millis), bodies, timeouts, stderr);
      stderr.printf("traffic: warm-up at %d/s: %d answered, %d errors, %d timeouts, p99 %.2f ms%n", stepRate,
          step.answered(), step.errorCount(), step.timeouts(), step.p99Micros() / 1000.0);
    }
  }
}
