package io.bidsift.simulator.demo;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.cli.CommandRunner;
import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The table at the end of {@code ./bidsift demo}: per traffic phase, what the auction logs and the
 * load generator measured. Reads only files the demo's processes wrote, so it can be re-run.
 */
@Command(name = "demo-summary", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    description = "Summarises the demo's traffic phases from the auction logs, the traffic reports and the"
        + " bid filter's metrics.")
public final class DemoSummaryCommand implements Callable<Integer> {

  private static final Pattern QUANTILE =
      Pattern.compile("(?m)^bidsift_filter_decide_seconds\\{[^}]*quantile=\"([0-9.]+)\"[^}]*}\\s+([0-9.eE+-]+|NaN)$");

  @Option(names = "--logs", required = true, paramLabel = "DIR", description = "Auction logs the server wrote.")
  Path logs;

  @Option(names = "--phase", required = true, paramLabel = "NAME=FROM,TO",
      description = "A traffic phase: auctions with FROM <= ts < TO (ISO-8601 instants). Repeat, in order.")
  List<String> phases;

  @Option(names = "--thresholds", required = true, paramLabel = "FILE",
      description = "The filter's thresholds: the JSON of GET /v1/target-recall.")
  Path thresholds;

  @Option(names = "--traffic", paramLabel = "NAME=FILE", description = "A phase's traffic report (traffic --report).")
  Map<String, Path> traffic = new LinkedHashMap<>();

  @Option(names = "--filter-metrics", paramLabel = "FILE", description = "The filter's /actuator/prometheus text.")
  Path filterMetrics;

  @Option(names = "--model", paramLabel = "LABEL=VERSION", description = "Model versions to show. Repeat, in order.")
  Map<String, String> models = new LinkedHashMap<>();

  @Option(names = "--exploration-rate", defaultValue = "0.01", paramLabel = "R",
      description = "The filter's exploration rate (default: ${DEFAULT-VALUE}).")
  double explorationRate;

  private final PrintStream out;

  public DemoSummaryCommand() {
    this(System.out);
  }

  DemoSummaryCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    Map<String, Double> dspThresholds = readThresholds(thresholds);
    ExplorationSlice slice = new ExplorationSlice(explorationRate);
    Map<String, PhaseStats.Accumulator> byPhase = new LinkedHashMap<>();
    for (String phase : phases) {
      String[] nameAndRange = phase.split("=", 2);
      String[] range = nameAndRange.length == 2 ? nameAndRange[1].split(",", 2) : new String[0];
      if (range.length != 2) {
        throw CommandRunner.invalid(this, "--phase must be NAME=FROM,TO, was " + phase);
      }
      byPhase.put(nameAndRange[0], new PhaseStats.Accumulator(Instant.parse(range[0].strip()),
          Instant.parse(range[1].strip()), dspThresholds, slice));
    }
    new AuctionLogReader(new AuctionLogCodec(new OpenRtbCodec())).read(logs, (AuctionRecord r) -> byPhase.values().forEach(a -> a.accept(r)));
    Map<String, PhaseStats> stats = new LinkedHashMap<>();
    byPhase.forEach((name, acc) -> stats.put(name, acc.result()));
    Map<String, JsonObject> reports = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : traffic.entrySet()) {
      reports.put(e.getKey(), readJson(e.getValue()));
    }
    print(stats, reports);
    return 0;
  }

  private void print(Map<String, PhaseStats> stats, Map<String, JsonObject> reports) throws IOException {
    List<String> names = new ArrayList<>(stats.keySet());
    List<String[]> rows = new ArrayList<>();
    rows.add(header(names));
    rows.add(row("auctions", names, n -> String.format(Locale.ROOT, "%,d", stats.get(n).auctions())));
    rows.add(row("candidate DSPs per auction", names, n -> num(stats.get(n).candidatesPerAuction(), 2)));
    rows.add(row("callouts per auction", names, n -> num(stats.get(n).calloutsPerAuction(), 2)));
    rows.add(row("callouts saved", names, n -> pct(stats.get(n).saved())));
    rows.add(row("bids lost at the thresholds", names, n -> pct(stats.get(n).lostAtThresholds())));
    rows.add(row("bids lost, live estimate (exploration)", names, n -> pct(stats.get(n).lostFromExploration())));
    rows.add(row("fill rate", names, n -> pct(stats.get(n).fillRate())));
    rows.add(row("bid value per 1,000 auctions (USD CPM)", names, n -> num(stats.get(n).bidValuePerThousand(), 1)));
    if (names.size() > 1) {
      PhaseStats first = stats.get(names.get(0));
      rows.add(row("bid value retained vs " + names.get(0), names,
          n -> pct(stats.get(n).bidValuePerThousand() / first.bidValuePerThousand())));
    }
    rows.add(row("auction latency p50 (ms)", names, n -> latency(reports.get(n), "p50")));
    rows.add(row("auction latency p99 (ms)", names, n -> latency(reports.get(n), "p99")));
    rows.add(row("requests without an answer", names, n -> failures(reports.get(n))));
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(i == 0 ? String.format("%-" + widths[i] + "s", r[i]) : String.format("  %" + widths[i] + "s", r[i]));
      }
      out.println(line);
    }
    if (filterMetrics != null && Files.exists(filterMetrics)) {
      Matcher m = QUANTILE.matcher(Files.readString(filterMetrics));
      StringBuilder q = new StringBuilder();
      while (m.find()) {
        double seconds = Double.parseDouble(m.group(2));
        q.append(q.isEmpty() ? "" : ", ").append("p").append(Math.round(Double.parseDouble(m.group(1)) * 100))
            .append(String.format(Locale.ROOT, " %.1f µs", seconds * 1e6));
      }
      out.println();
      out.println("bid filter decision time per auction (in the filter): " + (q.isEmpty() ? "n/a" : q));
    }
    models.forEach((label, version) -> out.println("model " + label + ": " + version));
  }

  private static String[] header(List<String> names) {
    String[] h = new String[names.size() + 1];
    h[0] = "";
    for (int i = 0; i < names.size(); i++) {
      h[i + 1] = names.get(i);
    }
    return h;
  }

  private static String[] row(String label, List<String> names, Function<String, String> cell) {
    String[] r = new String[names.size() + 1];
    r[0] = label;
    for (int i = 0; i < names.size(); i++) {
      r[i + 1] = cell.apply(names.get(i));
    }
    return r;
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String latency(JsonObject report, String name) {
    if (report == null || !(report.get("latency_ms") instanceof JsonObject l) || !(l.get(name) instanceof JsonNumber n)) {
      return "n/a";
    }
    return num(Double.parseDouble(n.text()), 1);
  }

  private static String failures(JsonObject report) {
    if (report == null) {
      return "n/a";
    }
    long errors = longOf(report.get("errors")) + longOf(report.get("timeouts"));
    return String.format(Locale.ROOT, "%,d of %,d", errors, longOf(report.get("sent")));
  }

  private static long longOf(JsonValue v) {
    return v instanceof JsonNumber n ? (long) Double.parseDouble(n.text()) : 0;
  }

  private static Map<String, Double> readThresholds(Path file) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    if (readJson(file).get("thresholds") instanceof JsonObject t) {
      t.members().forEach((dsp, v) -> {
        if (v instanceof JsonNumber n) {
          out.put(dsp, Double.parseDouble(n.text()));
        }
      });
    }
    return out;
  }

  private static JsonObject readJson(Path file) throws IOException {
    try {
      return JsonTrees.parseObject(Files.readAllBytes(file));
    } catch (JsonInputException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public static void main(String[] args) {
    System.exit(CommandRunner.run("demo-summary", new DemoSummaryCommand(), args, System.out, System.err));
  }
}
