package io.bidsift.simulator.generate;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.cli.CommandRunner;
import io.bidsift.cli.Reasons;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.market.MarketFileException;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./bidsift generate}: synthetic auction logs (format v1) from the simulated market (contracts.md §2). */
@Command(name = "bidsift generate", mixinStandardHelpOptions = true, versionProvider = GenerateCommand.Version.class,
    sortOptions = false, usageHelpWidth = 100,
    description = {
        "Writes synthetic auction logs (format v1) of the simulated market. Every DSP is",
        "called on every auction, so the logs are the history before any traffic filter.",
        "The same arguments and seed give byte-identical files.",
        "",
        "Output: DIR/dt=YYYY-MM-DD/hr=HH/sim-YYYY-MM-DDTHH-NNNNNN.jsonl.gz and DIR/manifest.json.",
        "The market model and every setting of a market file: docs/simulated-market.md.",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:logs and manifest written", "1:generation failed (reason on stderr)",
        "2:invalid command line"})
public final class GenerateCommand implements Callable<Integer> {

  /** A Monday; fixed so that a default run is reproducible whenever it runs. */
  static final String DEFAULT_START_DATE = "2026-11-02";

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory to write to; created if absent, must be empty.")
  private Path out;

  @Option(names = "--days", defaultValue = "7", paramLabel = "N", description = "Days of logs (default: ${DEFAULT-VALUE}).")
  private int days;

  @Option(names = "--auctions-per-day", defaultValue = "40000", paramLabel = "N",
      description = "Auctions per day (default: ${DEFAULT-VALUE}).")
  private int auctionsPerDay;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--market", paramLabel = "FILE",
      description = "Market file (YAML) to use instead of the built-in market.")
  private Path marketFile;

  @Option(names = "--start-date", defaultValue = DEFAULT_START_DATE, paramLabel = "YYYY-MM-DD",
      description = "First UTC day (default: ${DEFAULT-VALUE}).")
  private LocalDate startDate;

  @Option(names = "--threads", paramLabel = "N",
      description = "Hours generated in parallel (default: the number of CPUs); does not change the output.")
  private Integer threads;

  private final PrintStream stdout;
  private final PrintStream stderr;
  private final boolean interactive;

  GenerateCommand(PrintStream stdout, PrintStream stderr, boolean interactive) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.interactive = interactive;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  /** Runs the command; returns the exit code. */
  static int run(String[] args, PrintStream stdout, PrintStream stderr, boolean interactive) {
    return CommandRunner.run("bidsift generate", new GenerateCommand(stdout, stderr, interactive), args, stdout,
        stderr, GenerateCommand::reason);
  }

  @Override
  public Integer call() throws IOException {
    int cpus = Runtime.getRuntime().availableProcessors();
    GenerationPlan plan;
    try {
      plan = new GenerationPlan(out, startDate, days, auctionsPerDay, seed, threads == null ? cpus : threads);
    } catch (IllegalArgumentException e) {
      throw CommandRunner.invalid(this, e.getMessage());
    }
    String yaml;
    String source;
    if (marketFile == null) {
      yaml = MarketLoader.defaultYaml();
      source = "built-in";
    } else {
      try {
        yaml = Files.readString(marketFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new GenerationException("cannot read the market file " + marketFile + ": " + LogGenerator.describe(e), e);
      }
      source = marketFile.toString();
    }
    long started = System.nanoTime();
    MarketModel market;
    MarketBehaviour behaviour;
    RequestGenerator traffic;
    String marketName = marketFile == null ? "built-in market" : "market file " + marketFile;
    try {
      market = MarketLoader.parse(yaml);
      LogGenerator.prepare(out);
      traffic = new RequestGenerator(market, PublisherCatalog.build(market));
      behaviour = MarketBehaviour.calibrate(market, traffic);
    } catch (MarketFileException e) {
      throw new GenerationException(marketName + ": " + e.getMessage(), e);
    }
    LogGenerator generator = new LogGenerator(market, traffic, behaviour, new AuctionLogCodec(new OpenRtbCodec()));
    long calibrated = System.nanoTime();
    GenerationResult result;
    try (ProgressBar progress = new ProgressBar(stderr, plan.totalAuctions(), interactive)) {
      result = generator.run(plan, progress);
    }
    Manifest.write(out, plan, new Manifest.Source(Version.number(), market.name(), source, sha256(yaml),
        traffic.catalog().size()), result);
    long finished = System.nanoTime();
    printSummary(plan, result, (calibrated - started) / 1e9, (finished - calibrated) / 1e9);
    return 0;
  }

  private void printSummary(GenerationPlan plan, GenerationResult result, double setupSeconds, double writeSeconds) {
    stdout.printf("generated %,d auctions over %d day(s) into %s: %d files, %.1f MB, in %.1f s"
            + " (market loaded and calibrated in %.1f s, then %,.0f auctions/s written)%n",
        result.auctions(), plan.days(), plan.out(), result.files().size(), result.totalBytes() / 1e6,
        setupSeconds + writeSeconds, setupSeconds, result.auctions() / writeSeconds);
    stdout.printf("%-16s %8s %8s %10s %9s %8s%n", "dsp", "target", "bid rate", "bids", "timeouts", "errors");
    for (GenerationResult.DspSummary d : result.dsps()) {
      stdout.printf("%-16s %7.2f%% %7.2f%% %,10d %,9d %,8d%n", d.id(), 100 * d.targetBidRate(), 100 * d.bidRate(),
          d.bids(), d.timeouts(), d.errors());
    }
    stdout.println("manifest: " + plan.out().resolve(Manifest.FILE_NAME));
  }

  private static String reason(Exception e) {
    if (e instanceof GenerationException || e instanceof MarketFileException) {
      return Reasons.oneLine(e);
    }
    if (e instanceof UncheckedIOException u) {
      return Reasons.oneLine(u.getMessage() + (u.getCause() == null ? "" : ": " + u.getCause().getMessage()));
    }
    if (e instanceof IOException io) {
      return Reasons.oneLine(LogGenerator.describe(io));
    }
    return Reasons.oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The module version, recorded in the manifest, from the build. */
  static final class Version implements CommandLine.IVersionProvider {

    static String number() {
      try (InputStream in = GenerateCommand.class.getResourceAsStream("/io/bidsift/simulator/version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    @Override
    public String[] getVersion() {
      return new String[] {"bidsift dsp-simulator " + number()};
    }
  }
}
