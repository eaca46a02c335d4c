package io.bidsift.simulator.traffic;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Publisher traffic: generated bid requests sent to an auction endpoint at a fixed rate (open loop). */
@Command(name = "traffic", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    description = {
        "Sends generated bid requests to an OpenRTB auction endpoint at a fixed rate, whatever the",
        "responses (open loop), and reports throughput, status counts and latency percentiles",
        "measured from each request's intended send time. Progress goes to stderr each second.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:run finished", "1:run failed (reason on stderr)", "2:invalid command line"})
public final class TrafficCommand implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "URL", description = "Auction endpoint (http://...).")
  private URI target;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "N", description = "Requests per second (default: ${DEFAULT-VALUE}).")
  private int rate;

  @Option(names = "--duration", defaultValue = "10", paramLabel = "S", description = "Seconds of sending (default: ${DEFAULT-VALUE}).")
  private int durationSeconds;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Request seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--distinct", defaultValue = "5000", paramLabel = "N",
      description = "Distinct requests generated up front and cycled through (default: ${DEFAULT-VALUE}).")
  private int distinct;

  @Option(names = "--market", paramLabel = "FILE", description = "Market file (YAML) instead of the built-in market.")
  private Path marketFile;

  @Option(names = "--timeout-ms", defaultValue = "2000", paramLabel = "MS", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
  private int timeoutMs;

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
    CommandLine cli = new CommandLine(new TrafficCommand(stdout, stderr));
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(stderr, true));
    cli.setParameterExceptionHandler((e, a) -> {
      stderr.println("traffic: " + e.getMessage() + " (see --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      stderr.println("traffic: " + e);
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (rate <= 0 || durationSeconds <= 0 || distinct <= 0) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--rate, --duration and --distinct must be positive");
    }
    if (!"http".equals(target.getScheme())) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--target must be an http:// URL");
    }
    MarketModel market = marketFile == null ? MarketLoader.defaultMarket() : MarketLoader.load(marketFile);
    RequestGenerator traffic = new RequestGenerator(market, PublisherCatalog.build(market));
    OpenRtbCodec codec = new OpenRtbCodec();
    int n = (int) Math.min(distinct, (long) rate * durationSeconds);
    List<byte[]> bodies = new ArrayList<>(n);
    for (BidRequest r : PublisherRequests.generate(traffic, Clock.systemUTC().instant(), n, seed)) {
      bodies.add(codec.writeRequest(r));
    }
    stderr.printf("traffic: %d/s for %d s to %s (%d distinct requests, seed %d)%n", rate, durationSeconds, target, n, seed);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      LoadGenerator generator = new LoadGenerator(LoadGenerator.defaultClient(executor), Duration.ofMillis(timeoutMs));
      LoadReport report = generator.run(target, rate, Duration.ofSeconds(durationSeconds), bodies, stderr);
      stdout.print(report.summary());
    } finally {
      executor.shutdownNow();
    }
    return 0;
  }
}
