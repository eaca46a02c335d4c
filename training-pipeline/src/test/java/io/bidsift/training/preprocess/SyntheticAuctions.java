package io.bidsift.training.preprocess;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.openrtb.OpenRtbCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Auction records with a known bidding rule, written with the real {@link AuctionLogWriter}.
 * (The market simulator lives in dsp-simulator; these tests need rules they can compute by hand.)
 *
 * <ul>
 *   <li>dsp-a: always sent; bids on pub-1 and on video; every 5th auction is exploration.</li>
 *   <li>dsp-b: every 7th auction filtered (not sent), every 6th of the rest a timeout; bids on USA.</li>
 *   <li>dsp-c: every 9th auction an error; bids on pub-2 from the third day on (a drift, so that
 *       an encoding that peeked at its own day would show); every 4th auction exploration.</li>
 * </ul>
 */
final class SyntheticAuctions {

  static final List<String> DAYS = List.of("2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19");
  private static final String[] COUNTRIES = {"USA", "GBR", "DEU"};

  private final OpenRtbCodec openRtb = new OpenRtbCodec();

  /** {@code perDay} auctions on each of {@code days}, spread over the day. */
  List<AuctionRecord> records(List<String> days, int perDay) {
    List<AuctionRecord> out = new ArrayList<>();
    for (int d = 0; d < days.size(); d++) {
      Instant dayStart = LocalDate.parse(days.get(d)).atStartOfDay().toInstant(ZoneOffset.UTC);
      for (int i = 0; i < perDay; i++) {
        Instant ts = dayStart.plusSeconds(i * (86_400L / perDay)).plusMillis(123);
        out.add(auction(d, i, ts, "a-" + d + "-" + i));
      }
    }
    return out;
  }

  AuctionRecord auction(int dayIndex, int i, Instant ts, String id) {
    int pub = 1 + i % 3;
    boolean video = i % 4 == 3;
    String country = COUNTRIES[(i / 3) % 3];
    String inventory = pub == 3
        ? "\"app\":{\"bundle\":\"com.pub3.game\",\"publisher\":{\"id\":\"pub-3\"}}"
        : "\"site\":{\"domain\":\"www.site" + pub + ".example\",\"cat\":[\"IAB" + (1 + i % 2) + "\"],"
            + "\"publisher\":{\"id\":\"pub-" + pub + "\"}}";
    String media = video
        ? "\"video\":{\"mimes\":[\"video/mp4\"],\"minduration\":5,\"maxduration\":30,\"plcmt\":1}"
        : "\"banner\":{\"w\":" + (i % 2 == 0 ? "300,\"h\":250" : "728,\"h\":90") + "}";
    String json = String.format(Locale.ROOT, """
        {"id":"%s","tmax":300,"imp":[{"id":"1","tagid":"tag-%d","bidfloor":%s,%s}],%s,
         "device":{"devicetype":%d,"make":"%s","os":"%s","geo":{"country":"%s"}},
         "user":{"id":"u%d"},"regs":{"gdpr":%d}}""",
        id, i % 5, i % 3 == 0 ? "0.5" : "0", media, inventory,
        i % 2 == 0 ? 4 : 2, i % 2 == 0 ? "Apple" : "Samsung", i % 2 == 0 ? "iOS" : "Android", country,
        i, country.equals("DEU") ? 1 : 0);

    List<Callout> callouts = new ArrayList<>();
    callouts.add(outcome("dsp-a", pub == 1 || video, i % 5 == 0, i));
    if (i % 7 == 0) {
      callouts.add(new Callout("dsp-b", false, false, 0.001, Outcome.FILTERED, null, null, SkipReason.MODEL));
    } else if (i % 6 == 0) {
      callouts.add(new Callout("dsp-b", true, false, null, Outcome.TIMEOUT, null, 300, null));
    } else {
      callouts.add(outcome("dsp-b", country.equals("USA"), false, i));
    }
    if (i % 9 == 0) {
      callouts.add(new Callout("dsp-c", true, false, null, Outcome.ERROR, null, 2, null));
    } else {
      callouts.add(outcome("dsp-c", pub == 2 && dayIndex >= 2, i % 4 == 0, i));
    }
    return new AuctionRecord(ts, openRtb.parseRequest(json), null, callouts);
  }

  private static Callout outcome(String dsp, boolean bid, boolean explore, int i) {
    return bid
        ? new Callout(dsp, true, explore, null, Outcome.BID, 1.2 + 0.01 * (i % 10), 40, null)
        : new Callout(dsp, true, explore, null, Outcome.NO_BID, null, 20, null);
  }

  void write(Path root, List<AuctionRecord> records) {
    AuctionLogCodec codec = new AuctionLogCodec(openRtb);
    try (AuctionLogWriter writer = new AuctionLogWriter(AuctionLogWriterConfig.defaults(root, "test"), codec)) {
      records.forEach(writer::append);
    }
  }

  String line(AuctionRecord record) {
    return new AuctionLogCodec(openRtb).encodeAsString(record);
  }
}
