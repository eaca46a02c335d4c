package io.bidsift.auction.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One contract for every {@link AuctionLogSink}: records appended then closed are all readable, in the v1 layout. */
abstract class AuctionLogSinkContractTest {

  static final OpenRtbCodec OPENRTB = new OpenRtbCodec();
  static final AuctionLogCodec CODEC = new AuctionLogCodec(OPENRTB);

  @TempDir
  Path dir;

  abstract AuctionLogSink sink(Path staging);

  /** Every record where readers look, and the relative paths of the files. */
  abstract List<String> publishedFiles(Path localCopy);

  @Test
  void everyAppendedRecordIsReadableAfterCloseInTheHourPartitionedLayout() throws IOException {
    AuctionLogSink sink = sink(dir.resolve("staging"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String id = "auction-" + i;
      ids.add(id);
      Instant ts = Instant.parse("2026-11-20T13:59:59.000Z").plusMillis(i * 10L);
      sink.append(new AuctionRecord(ts, OPENRTB.parseRequest("{\"id\":\"" + id + "\",\"imp\":[{\"id\":\"1\"}]}"),
          i % 2 == 0 ? "m1" : null, List.of(new Callout("dsp-a", true, false, 0.5, Outcome.BID, 1.25, 30, null),
              new Callout("dsp-b", false, false, 0.01, Outcome.FILTERED, null, null, SkipReason.MODEL))));
      if (i == 100) {
        sink.tick();
      }
    }
    sink.close(Duration.ofSeconds(30));
    Path copy = Files.createDirectories(dir.resolve("published"));
    List<String> files = publishedFiles(copy);
    assertThat(files).isNotEmpty().allMatch(f -> f.matches("dt=2026-11-20/hr=1[34]/w1-\\d{6}\\.jsonl\\.gz"));
    assertThat(files).anyMatch(f -> f.contains("hr=13")).anyMatch(f -> f.contains("hr=14"));
    List<String> read = new ArrayList<>();
    new AuctionLogReader(CODEC).read(copy, r -> read.add(r.request().id()));
    assertThat(read).containsExactlyInAnyOrderElementsOf(ids);
  }

  static AuctionLogWriterConfig config(Path root) {
    return AuctionLogWriterConfig.defaults(root, "w1");
  }

  static List<String> relativeFiles(Path root) {
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
