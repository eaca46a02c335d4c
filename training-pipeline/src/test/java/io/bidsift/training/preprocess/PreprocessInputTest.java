package io.bidsift.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.features.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that cannot make a training set fail with a one-line reason; damaged ones still do. */
class PreprocessInputTest {

  private static final SparkSession spark = SparkSetup.session("local[2]");
  private final SyntheticAuctions synthetic = new SyntheticAuctions();

  @TempDir
  Path dir;

  private PreprocessResult run(Path logs) {
    return new PreprocessJob(spark, line -> { }).run(PreprocessConfig.of(logs.toString(), dir.resolve("out").toString()));
  }

  @Test
  void missingDirectoryFailsWithItsName() {
    Path logs = dir.resolve("nowhere");

    assertThatThrownBy(() -> run(logs)).isInstanceOf(PreprocessException.class)
        .hasMessage("no such log directory: " + logs);
  }

  @Test
  void directoryWithoutLogFilesFails() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs/dt=2026-11-16"));
    Files.writeString(logs.resolve("notes.txt"), "not a log\n");

    assertThatThrownBy(() -> run(dir.resolve("logs"))).isInstanceOf(PreprocessException.class)
        .hasMessage("no auction log files (*.jsonl, *.jsonl.gz) under " + dir.resolve("logs"));
  }

  @Test
  void emptyLogFilesFail() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("a.jsonl"), "\n\n");
    gzip(logs.resolve("b.jsonl.gz"), new byte[0]);

    assertThatThrownBy(() -> run(logs)).isInstanceOf(PreprocessException.class)
        .hasMessage("the auction log files under " + logs + " are empty");
  }

  @Test
  void onlyMalformedLinesFailWithAnExample() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("a.jsonl"), "garbage\n{\"v\":1}\n");

    assertThatThrownBy(() -> run(logs)).isInstanceOf(PreprocessException.class)
        .hasMessageStartingWith("no valid auction log lines under " + logs + ": all 2 lines are malformed, e.g. ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void logsWithoutLabelledCalloutsFail() {
    Path logs = dir.resolve("logs");
    List<AuctionRecord> records = synthetic.records(SyntheticAuctions.DAYS, 5).stream()
        .map(r -> new AuctionRecord(r.ts(), r.request(), r.model(), List.of(
            new Callout("dsp-a", true, false, null, Outcome.TIMEOUT, null, 300, null),
            new Callout("dsp-b", false, false, 0.01, Outcome.FILTERED, null, null, SkipReason.MODEL))))
        .toList();
    synthetic.write(logs, records);

    assertThatThrownBy(() -> run(logs)).isInstanceOf(PreprocessException.class)
        .hasMessage("no labelled callouts under " + logs + " (sent, with outcome bid or no_bid): 20 auctions,"
            + " callouts bid 0, no_bid 0, timeout 20, error 0, filtered 20");
  }

  @Test
  void twoDaysAreTooFewForATimeBasedSplit() {
    Path logs = dir.resolve("logs");
    synthetic.write(logs, synthetic.records(SyntheticAuctions.DAYS.subList(0, 2), 10));

    assertThatThrownBy(() -> run(logs)).isInstanceOf(PreprocessException.class)
        .hasMessage("need at least 3 days of labelled auctions for a time-based split (train, validation 1, test 1),"
            + " found 2: 2026-11-16, 2026-11-17");
  }

  @Test
  void withThreeDaysTheFirstDayTrainsWithoutEncodings() {
    Path logs = dir.resolve("logs");
    synthetic.write(logs, synthetic.records(SyntheticAuctions.DAYS.subList(0, 3), 10));

    PreprocessResult result = run(logs);

    List<Row> train = spark.read().parquet(result.parquet()).filter("split = 'train'").collectAsList();
    assertThat(train).isNotEmpty().allMatch(r -> r.getAs("day").equals("2026-11-16"));
    assertThat(train).allMatch(r -> Float.isNaN(r.<Float>getList(r.fieldIndex("features"))
        .get(Feature.PUBLISHER_RATE.ordinal())));
    assertThat(result.stats().splits()).doesNotContainKey("history");
  }

  @Test
  void truncatedGzipKeepsTheLinesBeforeTheDamage() throws IOException {
    Path logs = dir.resolve("logs");
    synthetic.write(logs, synthetic.records(SyntheticAuctions.DAYS.subList(0, 3), 10));
    StringBuilder lines = new StringBuilder();
    List<AuctionRecord> extra = synthetic.records(List.of("2026-11-18"), 200);
    for (AuctionRecord r : extra) {
      lines.append(synthetic.line(r)).append('\n');
    }
    Path whole = dir.resolve("whole.jsonl.gz");
    gzip(whole, lines.toString().getBytes(StandardCharsets.UTF_8));
    byte[] gz = Files.readAllBytes(whole);
    Files.write(logs.resolve("dt=2026-11-18/crashed-000001.jsonl.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));

    PreprocessResult result = run(logs);

    assertThat(result.stats().auctions()).isGreaterThan(30).isLessThan(30L + extra.size());
    assertThat(result.stats().malformedLines()).isEqualTo(1);
    assertThat(result.stats().sampleErrors()).singleElement().asString()
        .matches(".*/crashed-000001\\.jsonl\\.gz:\\d+: the rest of the file is unreadable .*");
  }

  private static void gzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }
}
