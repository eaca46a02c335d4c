package io.bidsift.simulator.fleet;

import io.bidsift.cli.CommandRunner;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.market.MarketFileException;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./bidsift serve dsp-sim}: every simulated DSP of the market as an OpenRTB endpoint. */
@Command(name = "bidsift serve dsp-sim", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    description = {
        "Serves every DSP of the simulated market over HTTP on one port:",
        "  POST /dsp/{id}/openrtb2/auction   200 + BidResponse when it bids, 204 when not,",
        "                                    after the DSP's simulated latency",
        "  PUT  /admin/dsp/{id}/fault        body: none|slow|http500|malformed|oversized|reset",
        "  GET  /health",
        "Decisions are seeded by (seed, request id, DSP id), as in generated logs.",
        "Stops on SIGTERM / Ctrl-C.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:failed to start (reason on stderr)", "2:invalid command line"})
public final class DspFleetCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8090", paramLabel = "P", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  private int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(names = "--market", paramLabel = "FILE", description = "Market file (YAML) instead of the built-in market.")
  private Path marketFile;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Decision seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--fault", paramLabel = "DSP=MODE", description = "Start a DSP in a fault mode (repeatable).")
  private Map<String, String> faultArgs = new LinkedHashMap<>();

  private final PrintStream stdout;
  private final CountDownLatch stop;

  DspFleetCommand(PrintStream stdout, CountDownLatch stop) {
    this.stdout = stdout;
    this.stop = stop;
  }

  public static void main(String[] args) {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // On SIGTERM the hook lets call() close the server, and holds the JVM until it has.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      awaitQuietly(stopped);
    }, "dsp-sim-shutdown"));
    int code = run(args, System.out, System.err, stop);
    stopped.countDown();
    System.exit(code);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs until {@code stop} opens; returns the exit code. */
  static int run(String[] args, PrintStream stdout, PrintStream stderr, CountDownLatch stop) {
    return CommandRunner.run("bidsift serve dsp-sim", new DspFleetCommand(stdout, stop), args, stdout, stderr);
  }

  @Override
  public Integer call() throws Exception {
    Map<String, FaultMode> faults = new LinkedHashMap<>();
    try {
      faultArgs.forEach((dsp, mode) -> faults.put(dsp, FaultMode.parse(mode)));
    } catch (IllegalArgumentException e) {
      throw CommandRunner.invalid(this, "--fault: " + e.getMessage());
    }
    MarketModel market;
    try {
      market = marketFile == null ? MarketLoader.defaultMarket() : MarketLoader.load(marketFile);
    } catch (MarketFileException e) {
      throw new IllegalStateException("market file " + marketFile + ": " + e.getMessage(), e);
    }
    MarketBehaviour behaviour = MarketBehaviour.calibrate(market, new RequestGenerator(market, PublisherCatalog.build(market)));
    List<String> unknown = faults.keySet().stream().filter(id -> behaviour.dsps().stream().noneMatch(d -> d.id().equals(id))).toList();
    if (!unknown.isEmpty()) {
      throw CommandRunner.invalid(this, "--fault: unknown DSP " + unknown);
    }
    try (DspFleet fleet = new DspFleet(behaviour, host, port, seed, Clock.systemUTC(), faults)) {
      String base = "http://" + host + ":" + fleet.port();
      stdout.println("dsp-sim listening on " + base + " (seed " + seed + ")");
      fleet.faults().snapshot().forEach((id, mode) -> stdout.println("  " + base + "/dsp/" + id + "/openrtb2/auction"
          + (mode == FaultMode.NONE ? "" : "   fault=" + mode.wire())));
      stdout.println("  health: " + base + "/health");
      stdout.flush();
      stop.await();
      stdout.println("dsp-sim stopping");
    }
    return 0;
  }
}
