package io.bidsift.simulator.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code manifest.json}: what a generation wrote and from what (docs/simulated-market.md
 * describes every field). It holds nothing that varies between runs of the same plan (no
 * timings, no host), so a whole output directory is byte-identical for a seed.
 */
final class Manifest {

  static final String FILE_NAME = "manifest.json";

  /**
   * @param marketSource {@code built-in} or the market file as given on the command line
   * @param marketSha256 hex SHA-256 of the market file's bytes
   */
  record Source(String generatorVersion, String marketName, String marketSource, String marketSha256,
                int publishers) {
  }

  private Manifest() {
  }

  static void write(Path out, GenerationPlan plan, Source source, GenerationResult result) throws IOException {
    try (OutputStream file = Files.newOutputStream(out.resolve(FILE_NAME));
         JsonGenerator g = new JsonFactory().createGenerator(file)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeStringField("generator", "bidsift dsp-simulator");
      g.writeStringField("generator_version", source.generatorVersion());
      g.writeStringField("log_format", "auction log v1");
      g.writeNumberField("seed", plan.seed());
      g.writeStringField("start_date", plan.startDate().toString());
      g.writeNumberField("days", plan.days());
      g.writeNumberField("auctions_per_day", plan.auctionsPerDay());
      g.writeNumberField("auctions", result.auctions());
      g.writeObjectFieldStart("market");
      g.writeStringField("name", source.marketName());
      g.writeStringField("source", source.marketSource());
      g.writeStringField("sha256", source.marketSha256());
      g.writeNumberField("publishers", source.publishers());
      g.writeNumberField("dsps", result.dsps().size());
      g.writeEndObject();
      g.writeArrayFieldStart("dsps");
      for (GenerationResult.DspSummary d : result.dsps()) {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeNumberField("target_bid_rate", d.targetBidRate());
        g.writeNumberField("callouts", d.callouts());
        g.writeNumberField("bids", d.bids());
        g.writeNumberField("no_bids", d.noBids());
        g.writeNumberField("timeouts", d.timeouts());
        g.writeNumberField("errors", d.errors());
        g.writeNumberField("bid_rate", rounded(d.bidRate(), 6));
        g.writeNumberField("mean_bid_price", rounded(d.meanBidPrice(), 4));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("total_bytes", result.totalBytes());
      g.writeArrayFieldStart("files");
      for (GenerationResult.FileSummary f : result.files()) {
        g.writeStartObject();
        g.writeStringField("path", f.path());
        g.writeNumberField("bytes", f.bytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("hours");
      for (GenerationResult.HourSummary h : result.hours()) {
        g.writeStartObject();
        g.writeStringField("partition", h.partition());
        g.writeNumberField("auctions", h.auctions());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static BigDecimal rounded(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
