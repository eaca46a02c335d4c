package io.bidsift.training.preprocess;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * What preprocessing read and produced ({@code preprocess_stats.json}).
 *
 * @param input              the logs location as given
 * @param files              log files read
 * @param lines              non-blank lines
 * @param malformedLines     lines skipped because they are not v1 auction records
 * @param sampleErrors       a few of their reasons, {@code <file>: <reason>}
 * @param auctions           decoded auction records
 * @param calloutsByOutcome  every callout by outcome wire name (bid, no_bid, timeout, error, filtered)
 * @param labelledRows       callouts with a label (sent, bid or no_bid), history days included
 * @param days               every day with labelled callouts, ascending
 * @param splits             counts by split wire name; history only when a day was history
 * @param dsps               counts by DSP, then by split
 * @param encodingKeys       distinct keys per key kind in the final tables, summed over DSPs
 * @param smoothing          prior weight m of the encodings
 * @param featureSpecVersion {@code FeatureSchema.FEATURE_SPEC_VERSION}
 * @param featureCount       length of the feature vector
 * @param timings            per stage, in order
 */
public record PreprocessStats(
    String input,
    long files,
    long lines,
    long malformedLines,
    List<String> sampleErrors,
    long auctions,
    Map<String, Long> calloutsByOutcome,
    long labelledRows,
    List<DayStats> days,
    Map<String, LabelCounts> splits,
    Map<String, Map<String, LabelCounts>> dsps,
    Map<String, Long> encodingKeys,
    double smoothing,
    int featureSpecVersion,
    int featureCount,
    List<StageTiming> timings) {

  /** Callouts without a label: timeouts, errors, filtered (and inconsistent ones such as a bid not sent). */
  public long unlabelledCallouts() {
    long all = 0;
    for (long n : calloutsByOutcome.values()) {
      all += n;
    }
    return all - labelledRows;
  }

  public LabelCounts split(Split split) {
    return splits.getOrDefault(split.wireName(), LabelCounts.ZERO);
  }

  public void writeJson(OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonSupport(JsonLimits.REQUEST).factory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("input", input);
      g.writeNumberField("files", files);
      g.writeNumberField("lines", lines);
      g.writeNumberField("malformed_lines", malformedLines);
      g.writeArrayFieldStart("sample_errors");
      for (String e : sampleErrors) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeNumberField("auctions", auctions);
      g.writeObjectFieldStart("callouts_by_outcome");
      for (Map.Entry<String, Long> e : calloutsByOutcome.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("labelled_rows", labelledRows);
      g.writeNumberField("unlabelled_callouts", unlabelledCallouts());
      g.writeArrayFieldStart("days");
      for (DayStats d : days) {
        g.writeStartObject();
        g.writeStringField("day", d.day());
        g.writeStringField("split", d.split().wireName());
        writeCountFields(g, d.counts());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("splits");
      for (Map.Entry<String, LabelCounts> e : splits.entrySet()) {
        writeCounts(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("dsps");
      for (Map.Entry<String, Map<String, LabelCounts>> dsp : dsps.entrySet()) {
        g.writeObjectFieldStart(dsp.getKey());
        for (Map.Entry<String, LabelCounts> e : dsp.getValue().entrySet()) {
          writeCounts(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("encodings");
      g.writeNumberField("smoothing", smoothing);
      g.writeObjectFieldStart("keys");
      for (Map.Entry<String, Long> e : encodingKeys.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeNumberField("feature_spec_version", featureSpecVersion);
      g.writeNumberField("feature_count", featureCount);
      g.writeArrayFieldStart("timings");
      for (StageTiming t : timings) {
        g.writeStartObject();
        g.writeStringField("stage", t.stage());
        g.writeNumberField("seconds", round(t.seconds()));
        g.writeNumberField("cpu_seconds", round(t.cpuSeconds()));
        g.writeNumberField("lines", t.lines());
        g.writeNumberField("rows", t.rows());
        writeRate(g, "lines_per_second", t.lines() == 0 ? Double.NaN : t.linesPerSecond());
        writeRate(g, "rows_per_second", t.rows() == 0 ? Double.NaN : t.rowsPerSecond());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeCounts(JsonGenerator g, String name, LabelCounts c) throws IOException {
    g.writeObjectFieldStart(name);
    writeCountFields(g, c);
    g.writeEndObject();
  }

  private static void writeCountFields(JsonGenerator g, LabelCounts c) throws IOException {
    g.writeNumberField("rows", c.rows());
    g.writeNumberField("bids", c.bids());
    writeRate(g, "bid_rate", c.bidRate());
    g.writeNumberField("explore_rows", c.exploreRows());
    g.writeNumberField("explore_bids", c.exploreBids());
  }

  private static void writeRate(JsonGenerator g, String name, double value) throws IOException {
    g.writeFieldName(name);
    if (Double.isNaN(value)) {
      g.writeNull();
    } else {
      g.writeNumber(round(value));
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
