package io.bidsift.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.features.EncodingTables;
import io.bidsift.features.Feature;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.features.FeatureSchema;
import io.bidsift.features.KeyKind;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import io.bidsift.training.evaluate.BaselineTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One preprocessing run over four days of synthetic logs (plus a file of malformed lines and
 * files a reader must ignore), checked against oracles computed here from the records themselves.
 */
class PreprocessJobTest {

  private static final int PER_DAY = 60;
  private static final String MALFORMED_FILE = "dt=2026-11-17/hr=05/bad-000001.jsonl";

  @TempDir
  static Path dir;

  private static final SyntheticAuctions synthetic = new SyntheticAuctions();
  private static List<AuctionRecord> records;
  private static PreprocessResult result;
  private static List<Row> rows;
  private static Map<String, AuctionRecord> byId;

  @BeforeAll
  static void preprocessOnce() throws IOException {
    Path logs = dir.resolve("logs");
    records = new ArrayList<>(synthetic.records(SyntheticAuctions.DAYS, PER_DAY));
    // One more auction, in a plain (not gzipped) file among malformed and blank lines.
    AuctionRecord plain = synthetic.auction(1, 7, java.time.Instant.parse("2026-11-17T05:30:00.000Z"), "plain-1");
    synthetic.write(logs, records);
    records.add(plain);
    Path bad = logs.resolve(MALFORMED_FILE);
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, String.join("\n",
        "not json at all",
        "",
        "{\"v\":1,\"request\":{\"id\":\"x\"},\"callouts\":[]}",
        synthetic.line(plain),
        "{\"v\":2,\"ts\":\"2026-11-17T05:00:00.000Z\",\"request\":{\"id\":\"y\"},\"callouts\":[]}",
        "   "), StandardCharsets.UTF_8);
    // Files a reader must not read: an unfinished file and a hidden directory.
    writeGzip(logs.resolve("dt=2026-11-17/hr=06/test-999999.jsonl.gz.inprogress"), synthetic.line(plain));
    writeGzip(logs.resolve("_temporary/0/part.jsonl.gz"), synthetic.line(plain));

    SparkSession spark = SparkSetup.session("local[2]");
    result = new PreprocessJob(spark, line -> { }).run(
        PreprocessConfig.of(logs.toString(), dir.resolve("out").toString()).withLibsvm(true));
    rows = spark.read().parquet(result.parquet()).collectAsList();
    byId = new HashMap<>();
    records.forEach(r -> byId.put(r.request().id(), r));
  }

  private static void writeGzip(Path file, String line) throws IOException {
    Files.createDirectories(file.getParent());
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String day(AuctionRecord r) {
    return r.ts().toString().substring(0, 10);
  }

  private static boolean isHistory(String day) {
    return day.equals(SyntheticAuctions.DAYS.get(0));
  }

  @Test
  void trainsetHasTheDocumentedColumns() {
    org.apache.spark.sql.types.StructType schema = SparkSetup.session("local[2]").read().parquet(result.parquet())
        .schema();

    assertThat(schema.simpleString()).isEqualTo("struct<auction_id:string,ts:timestamp,day:string,dsp:string,"
        + "label:int,price:double,explore:boolean,split:string,features:array<float>,baseline_rate:double>");
  }

  @Test
  void everyLabelledCalloutOfANonHistoryDayIsOneRowWithTheContractLabel() {
    Map<String, Integer> expected = new HashMap<>();
    for (AuctionRecord r : records) {
      if (isHistory(day(r))) {
        continue;
      }
      for (Callout c : r.callouts()) {
        boolean labelled = c.sent() && (c.outcome() == Outcome.BID || c.outcome() == Outcome.NO_BID);
        if (labelled) {
          expected.put(r.request().id() + "/" + c.dsp(), c.outcome() == Outcome.BID ? 1 : 0);
        }
      }
    }
    Map<String, Integer> actual = new HashMap<>();
    for (Row row : rows) {
      actual.put(row.getAs("auction_id") + "/" + row.getAs("dsp"), row.<Integer>getAs("label"));
    }

    assertThat(actual).hasSize(rows.size()).isEqualTo(expected);
    assertThat(expected.values()).contains(0, 1);
  }

  @Test
  void priceIsKeptForBidsOnly() {
    for (Row row : rows) {
      if (row.<Integer>getAs("label") == 1) {
        assertThat(row.<Double>getAs("price")).isBetween(1.2, 1.3);
      } else {
        assertThat(row.<Double>getAs("price")).isNull();
      }
    }
  }

  @Test
  void unlabelledCalloutsAreDroppedAndCountedByOutcome() {
    Map<String, Long> expected = new HashMap<>();
    for (AuctionRecord r : records) {
      for (Callout c : r.callouts()) {
        expected.merge(c.outcome().wire(), 1L, Long::sum);
      }
    }
    PreprocessStats stats = result.stats();

    assertThat(stats.calloutsByOutcome()).containsAllEntriesOf(expected);
    assertThat(expected.get("timeout")).isPositive();
    assertThat(expected.get("error")).isPositive();
    assertThat(expected.get("filtered")).isPositive();
    assertThat(stats.unlabelledCallouts())
        .isEqualTo(expected.get("timeout") + expected.get("error") + expected.get("filtered"));
    assertThat(rows).noneMatch(row -> {
      AuctionRecord r = byId.get(row.<String>getAs("auction_id"));
      return r.callouts().stream().filter(c -> c.dsp().equals(row.getAs("dsp"))).findFirst().orElseThrow()
          .label() == null;
    });
  }

  @Test
  void daysAreSplitByTimeWithTheFirstDayAsHistoryOnly() {
    Map<String, Set<String>> splitsByDay = new HashMap<>();
    for (Row row : rows) {
      splitsByDay.computeIfAbsent(row.getAs("day"), d -> new TreeSet<>()).add(row.getAs("split"));
      assertThat(row.<String>getAs("day")).isEqualTo(row.<java.sql.Timestamp>getAs("ts").toInstant().toString()
          .substring(0, 10));
    }

    assertThat(splitsByDay).containsOnly(
        Map.entry("2026-11-17", Set.of("train")),
        Map.entry("2026-11-18", Set.of("valid")),
        Map.entry("2026-11-19", Set.of("test")));
    assertThat(result.stats().days()).extracting(DayStats::split)
        .containsExactly(Split.HISTORY, Split.TRAIN, Split.VALID, Split.TEST);
    assertThat(result.stats().splits().keySet()).containsExactly("history", "train", "valid", "test");
  }

  @Test
  void publisherEncodingOfARowIsTheSmoothedRateOfEarlierDaysOnly() {
    // dsp-c starts bidding on pub-2 on the third day: a row of that day must not know it yet.
    String day3 = SyntheticAuctions.DAYS.get(2);
    long bids = 0;
    long trials = 0;
    long dspBids = 0;
    long dspTrials = 0;
    for (AuctionRecord r : records) {
      if (day(r).compareTo(day3) >= 0) {
        continue;
      }
      for (Callout c : r.callouts()) {
        if (c.dsp().equals("dsp-c") && c.label() != null) {
          dspTrials++;
          dspBids += c.label();
          if ("pub-2".equals(r.request().site() == null ? null : r.request().site().publisher().id())) {
            trials++;
            bids += c.label();
          }
        }
      }
    }
    double prior = (double) dspBids / dspTrials;
    float expected = (float) ((bids + 20 * prior) / (trials + 20));
    Row row = rows.stream()
        .filter(r -> r.getAs("dsp").equals("dsp-c") && r.getAs("day").equals(day3))
        .filter(r -> byId.get(r.<String>getAs("auction_id")).request().site() != null
            && byId.get(r.<String>getAs("auction_id")).request().site().publisher().id().equals("pub-2"))
        .findFirst().orElseThrow();

    assertThat(bids).isZero();
    assertThat(trials).isPositive();
    assertThat(features(row)[Feature.PUBLISHER_RATE.ordinal()]).isEqualTo(expected);
    assertThat(features(row)[Feature.PUBLISHER_LOG_TRIALS.ordinal()]).isEqualTo((float) Math.log1p(trials));
    assertThat(features(row)[Feature.DSP_PRIOR_RATE.ordinal()]).isEqualTo((float) prior);
  }

  @Test
  void featuresInSparkEqualTheEncoderRunDirectlyOnTheSameRecord() {
    SignalExtractor extractor = new SignalExtractor();
    Set<String> vocabulary = new TreeSet<>(List.of("dsp-a", "dsp-b", "dsp-c"));
    Map<String, EncodingTables> tablesByDay = new HashMap<>();
    for (String day : SyntheticAuctions.DAYS) {
      EncodingTables.Builder builder = EncodingTables.builder(EncodingTables.DEFAULT_SMOOTHING).addDsps(vocabulary);
      for (AuctionRecord r : records) {
        if (day(r).compareTo(day) < 0) {
          RequestSignals s = extractor.extract(r.request(), r.ts());
          r.callouts().stream().filter(c -> c.label() != null).forEach(c -> builder.add(c.dsp(), s, c.label() == 1));
        }
      }
      tablesByDay.put(day, builder.build());
    }
    float[] expected = FeatureEncoder.newVector();
    int compared = 0;
    for (Row row : rows) {
      AuctionRecord r = byId.get(row.<String>getAs("auction_id"));
      FeatureEncoder.encode(extractor.extract(r.request(), r.ts()), row.getAs("dsp"),
          tablesByDay.get(row.<String>getAs("day")), expected);
      assertThat(features(row)).as(row.toString()).isEqualTo(expected);
      compared++;
    }
    assertThat(compared).isEqualTo(rows.size()).isGreaterThan(300);
  }

  /**
   * The oracle counts from the records themselves: a row's baseline rate is its DSP's smoothed bid
   * rate on callouts of earlier days with the same publisher, format and environment.
   */
  @Test
  void baselineRateOfARowIsItsDspsSmoothedRateOnTheSamePublisherFormatAndEnvironmentOfEarlierDays() {
    SignalExtractor extractor = new SignalExtractor();
    Map<String, RequestSignals> signals = new HashMap<>();
    records.forEach(r -> signals.put(r.request().id(), extractor.extract(r.request(), r.ts())));
    int keyed = 0;
    for (Row row : rows) {
      RequestSignals s = signals.get(row.<String>getAs("auction_id"));
      String dsp = row.getAs("dsp");
      long bids = 0;
      long trials = 0;
      long dspBids = 0;
      long dspTrials = 0;
      for (AuctionRecord r : records) {
        if (day(r).compareTo(row.getAs("day")) >= 0) {
          continue;
        }
        RequestSignals o = signals.get(r.request().id());
        boolean sameKey = s.publisherId() != null && s.primaryFormat() != null
            && s.publisherId().equals(o.publisherId()) && s.primaryFormat().equals(o.primaryFormat())
            && s.environment() == o.environment();
        for (Callout c : r.callouts()) {
          if (c.dsp().equals(dsp) && c.label() != null) {
            dspTrials++;
            dspBids += c.label();
            if (sameKey) {
              trials++;
              bids += c.label();
            }
          }
        }
      }
      double prior = (double) dspBids / dspTrials;
      double expected = trials == 0 ? prior : (bids + 20 * prior) / (trials + 20);
      keyed += trials > 0 ? 1 : 0;
      assertThat(row.<Double>getAs("baseline_rate")).as(row.toString()).isCloseTo(expected, within(1e-12));
    }
    assertThat(keyed).isEqualTo(rows.size());
  }

  @Test
  void finalBaselineTableCountsEveryDayIncludingHistory() throws IOException {
    BaselineTable written = BaselineTable.fromJson(JsonTrees.parseObject(
        Files.readAllBytes(Path.of(java.net.URI.create(result.baselineJson())))));
    RequestSignals pub3App = new SignalExtractor().extract(records.get(2).request(), records.get(2).ts());
    long bids = 0;
    long trials = 0;
    for (AuctionRecord r : records) {
      if ("pub-3".equals(r.request().app() == null ? null : r.request().app().publisher().id())
          && r.request().imp().get(0).banner() != null) {
        for (Callout c : r.callouts()) {
          if (c.dsp().equals("dsp-a") && c.label() != null) {
            trials++;
            bids += c.label();
          }
        }
      }
    }
    long dspTrials = records.stream().flatMap(r -> r.callouts().stream())
        .filter(c -> c.dsp().equals("dsp-a") && c.label() != null).count();
    long dspBids = records.stream().flatMap(r -> r.callouts().stream())
        .filter(c -> c.dsp().equals("dsp-a") && c.label() != null && c.label() == 1).count();
    double prior = (double) dspBids / dspTrials;

    assertThat(BaselineTable.formatAndEnvironment(pub3App)).isEqualTo("banner/app");
    assertThat(written.rate("dsp-a", pub3App)).isCloseTo((bids + 20 * prior) / (trials + 20), within(1e-12));
    assertThat(written.toJson()).isEqualTo(result.baseline().toJson());
  }

  @Test
  void finalEncodingTablesCountEveryDayIncludingHistory() throws IOException {
    long trials = records.stream().flatMap(r -> r.callouts().stream())
        .filter(c -> c.dsp().equals("dsp-a") && c.label() != null).count();
    EncodingTables written;
    try (InputStream in = Files.newInputStream(Path.of(java.net.URI.create(result.encodings())))) {
      written = EncodingTables.readJson(in);
    }

    assertThat(written.dspTotals("dsp-a").trials()).isEqualTo(trials);
    assertThat(written.dsps()).containsExactly("dsp-a", "dsp-b", "dsp-c");
    assertThat(written.toJson()).isEqualTo(result.tables().toJson());
    assertThat(written.keyCount("dsp-a", KeyKind.PUBLISHER)).isEqualTo(3);
  }

  @Test
  void malformedLinesAreSkippedAndCountedAndIgnoredFilesAreNotRead() {
    PreprocessStats stats = result.stats();

    assertThat(stats.malformedLines()).isEqualTo(3);
    assertThat(stats.lines()).isEqualTo(records.size() + 3L);
    assertThat(stats.auctions()).isEqualTo(records.size());
    assertThat(stats.sampleErrors()).hasSize(3);
    assertThat(stats.sampleErrors().get(0)).matches("file:.*/bad-000001\\.jsonl:1: line is not valid JSON: .*");
    assertThat(stats.sampleErrors().get(1)).matches("file:.*/bad-000001\\.jsonl:3: ts is missing");
    assertThat(stats.sampleErrors().get(2)).matches("file:.*/bad-000001\\.jsonl:5: v must be 1, was 2");
    assertThat(rows).anyMatch(r -> r.getAs("auction_id").equals("plain-1"));
  }

  @Test
  void explorationRowsAreKeptFlaggedAndReported() {
    Set<String> expected = new HashSet<>();
    for (AuctionRecord r : records) {
      if (!isHistory(day(r))) {
        r.callouts().stream().filter(c -> c.explore() && c.label() != null)
            .forEach(c -> expected.add(r.request().id() + "/" + c.dsp()));
      }
    }
    Set<String> flagged = new HashSet<>();
    rows.stream().filter(r -> r.<Boolean>getAs("explore"))
        .forEach(r -> flagged.add(r.getAs("auction_id") + "/" + r.getAs("dsp")));
    PreprocessStats stats = result.stats();

    assertThat(flagged).isNotEmpty().isEqualTo(expected);
    assertThat(stats.split(Split.TRAIN).exploreRows() + stats.split(Split.VALID).exploreRows()
        + stats.split(Split.TEST).exploreRows()).isEqualTo(expected.size());
    assertThat(stats.dsps().get("dsp-c").get("test").exploreRows()).isPositive();
  }

  @Test
  void libsvmHoldsTheTrainAndValidRowsWithZeroBasedIndicesAndNoMissingValues() throws IOException {
    for (String split : List.of("train", "valid")) {
      List<String> expected = new ArrayList<>();
      for (Row row : rows) {
        if (row.getAs("split").equals(split)) {
          expected.add(row.getAs("label") + " " + Arrays.toString(features(row)));
        }
      }
      List<String> actual = new ArrayList<>();
      String dirUri = split.equals("train") ? result.libsvmTrain() : result.libsvmValid();
      try (Stream<Path> files = Files.list(Path.of(java.net.URI.create(dirUri)))) {
        for (Path file : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
          for (String line : Files.readAllLines(file)) {
            actual.add(parseLibsvm(line));
          }
        }
      }
      assertThat(actual).as(split).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void statsAndSchemaFilesAreWrittenBesideTheRows() throws IOException {
    String stats = Files.readString(Path.of(java.net.URI.create(result.statsJson())));
    String schema = Files.readString(Path.of(java.net.URI.create(result.featureSchema())));

    assertThat(stats).contains("\"malformed_lines\" : 3", "\"rows_per_second\"", "\"explore_rows\"");
    assertThat(schema).contains("\"publisher_format_log_trials\"");
    assertThat(result.stats().timings()).extracting(StageTiming::stage)
        .containsExactly("count", "tables", "encode_parquet", "libsvm", "total");
  }

  /** A LibSVM line back into "label [f0, f1, ...]" with NaN where no value is given. */
  private static String parseLibsvm(String line) {
    String[] tokens = line.split(" ");
    float[] f = new float[FeatureSchema.size()];
    Arrays.fill(f, Float.NaN);
    for (int i = 1; i < tokens.length; i++) {
      int colon = tokens[i].indexOf(':');
      float v = Float.parseFloat(tokens[i].substring(colon + 1));
      assertThat(v).isNotNaN();
      f[Integer.parseInt(tokens[i].substring(0, colon))] = v;
    }
    return tokens[0] + " " + Arrays.toString(f);
  }

  private static float[] features(Row row) {
    List<Float> list = row.getList(row.fieldIndex("features"));
    float[] f = new float[list.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = list.get(i);
    }
    return f;
  }
}
