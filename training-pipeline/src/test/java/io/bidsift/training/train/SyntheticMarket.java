package io.bidsift.training.train;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Auction logs from a small market with known, noisy bidding rules, written with the real
 * {@link AuctionLogWriter}. (The full simulator lives in dsp-simulator; these tests need a market
 * small enough for a unit test and rules a model must learn to beat the baseline.)
 *
 * <ul>
 *   <li>dsp-pub: bids on its favourite publishers (pub-0..pub-7) when the floor is low;</li>
 *   <li>dsp-video: bids on video from the USA, more on iOS;</li>
 *   <li>dsp-app: bids on apps at night (local hour 0-5) and on tablets;</li>
 *   <li>dsp-rare: bids about once in 500 callouts (too few bids for a threshold);</li>
 *   <li>dsp-mute: never bids (a single class);</li>
 * </ul>
 * every DSP also bids at a small random rate (0.5%), and dsp-video times out now and then.
 */
final class SyntheticMarket {

  static final String[] DSPS = {"dsp-pub", "dsp-video", "dsp-app", "dsp-rare", "dsp-mute"};
  private static final double NOISE = 0.005;
  private static final String[] COUNTRIES = {"USA", "GBR", "DEU", "FRA"};

  private final OpenRtbCodec openRtb = new OpenRtbCodec();
  private final long seed;

  SyntheticMarket(long seed) {
    this.seed = seed;
  }

  /** Writes {@code days} days from 2026-11-20 of {@code perDay} auctions each under {@code root}. */
  void write(Path root, int days, int perDay) {
    Random random = new Random(seed);
    try (AuctionLogWriter writer = new AuctionLogWriter(AuctionLogWriterConfig.defaults(root, "synthetic"),
        new AuctionLogCodec(openRtb))) {
      for (int d = 0; d < days; d++) {
        Instant dayStart = LocalDate.parse("2026-11-20").plusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC);
        long[] offsets = new long[perDay];
        for (int i = 0; i < perDay; i++) {
          offsets[i] = (long) (random.nextDouble() * 86_400_000L);
        }
        // In time order, as a server writes them: the writer keeps one file per hour open.
        java.util.Arrays.sort(offsets);
        for (int i = 0; i < perDay; i++) {
          writer.append(auction(random, dayStart.plusMillis(offsets[i]), "a-" + d + "-" + i));
        }
      }
    }
  }

  /** A file of lines no reader can decode, beside the good ones. */
  static void writeGarbage(Path root, int lines) throws IOException {
    Path dir = root.resolve("dt=2026-11-20/hr=00");
    Files.createDirectories(dir);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      out.add(i % 2 == 0 ? "{not json" : "{\"v\":1,\"ts\":\"yesterday\"}");
    }
    Files.write(dir.resolve("garbage-0.jsonl"), out);
  }

  private AuctionRecord auction(Random r, Instant ts, String id) {
    int pub = r.nextInt(30);
    boolean app = pub >= 20;
    boolean video = r.nextDouble() < 0.3;
    String country = COUNTRIES[r.nextInt(COUNTRIES.length)];
    boolean ios = r.nextBoolean();
    int deviceType = r.nextDouble() < 0.2 ? 5 : r.nextBoolean() ? 4 : 2;
    double floor = r.nextDouble() < 0.5 ? 0 : Math.round(r.nextDouble() * 300) / 100.0;
    String inventory = app
        ? "\"app\":{\"bundle\":\"com.pub" + pub + ".app\",\"publisher\":{\"id\":\"pub-" + pub + "\"}}"
        : "\"site\":{\"domain\":\"site" + pub + ".example\",\"publisher\":{\"id\":\"pub-" + pub + "\"}}";
    String media = video
        ? "\"video\":{\"mimes\":[\"video/mp4\"],\"minduration\":5,\"maxduration\":30,\"plcmt\":1}"
        : "\"banner\":{\"w\":300,\"h\":250}";
    String json = String.format(Locale.ROOT, """
        {"id":"%s","tmax":300,"imp":[{"id":"1","tagid":"tag-%d",%s%s}],%s,
         "device":{"devicetype":%d,"os":"%s","geo":{"country":"%s"}},"user":{"id":"u%d"}}""",
        id, pub % 4, floor > 0 ? "\"bidfloor\":" + floor + "," : "", media, inventory, deviceType,
        ios ? "iOS" : "Android", country, r.nextInt(1000));
    int hour = ts.atZone(ZoneOffset.UTC).getHour();

    List<Callout> callouts = new ArrayList<>();
    boolean explore = r.nextDouble() < 0.05;
    callouts.add(callout(r, "dsp-pub", pub < 8 && floor < 1.5 ? 0.6 : NOISE, explore));
    double pVideo = video && country.equals("USA") ? (ios ? 0.7 : 0.45) : NOISE;
    if (r.nextDouble() < 0.05) {
      callouts.add(new Callout("dsp-video", true, explore, null, Outcome.TIMEOUT, null, 300, null));
    } else {
      callouts.add(callout(r, "dsp-video", pVideo, explore));
    }
    callouts.add(callout(r, "dsp-app", app && (hour < 6 || deviceType == 5) ? 0.6 : NOISE, explore));
    callouts.add(callout(r, "dsp-rare", 0.002, explore));
    callouts.add(callout(r, "dsp-mute", 0.0, explore));
    return new AuctionRecord(ts, openRtb.parseRequest(json), null, callouts);
  }

  private static Callout callout(Random r, String dsp, double pBid, boolean explore) {
    return r.nextDouble() < pBid
        ? new Callout(dsp, true, explore, null, Outcome.BID, 0.5 + 3 * r.nextDouble(), 40, null)
        : new Callout(dsp, true, explore, null, Outcome.NO_BID, null, 20, null);
  }
}
