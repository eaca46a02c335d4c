package io.bidsift.training.train;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReadStats;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.features.EncodingTables;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.features.FeatureSchema;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import io.bidsift.training.evaluate.BaselineTable;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads auction logs straight into {@link FeatureRows} with fixed encoding tables (a bundle's):
 * what {@code evaluate} scores. The same code path as preprocessing and serving
 * ({@link SignalExtractor}, {@link FeatureEncoder}), without Spark: one file per task on a small
 * thread pool, merged in file order so the result does not depend on the thread count.
 * Malformed lines are skipped and counted by {@link AuctionLogReader}.
 */
public final class LogFeatureReader {

  /**
   * @param rows     every labelled callout (sent, bid or no_bid)
   * @param stats    what the log reader found, malformed lines included
   * @param firstDay first UTC day seen, null when no auction was read
   * @param lastDay  last UTC day seen
   */
  public record Result(FeatureRows rows, AuctionLogReadStats stats, String firstDay, String lastDay) {
  }

  private final int threads;

  public LogFeatureReader(int threads) {
    this.threads = Math.max(1, threads);
  }

  /**
   * @param baseline the baseline table the rows' baseline rates come from; null for none (every
   *                 rate NaN)
   */
  public Result read(Path logs, EncodingTables tables, BaselineTable baseline) {
    AuctionLogReader lister = new AuctionLogReader(new AuctionLogCodec(new OpenRtbCodec()));
    List<Path> files = lister.listFiles(logs);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<FileRows> parts = new ArrayList<>();
    try {
      List<Future<FileRows>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> readFile(file, tables, baseline)));
      }
      for (Future<FileRows> f : futures) {
        parts.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + logs, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return merge(parts);
  }

  private static FileRows readFile(Path file, EncodingTables tables, BaselineTable baseline) {
    FileRows rows = new FileRows();
    // Codec and extractor are cheap, and per task they need no locking.
    AuctionLogReader reader = new AuctionLogReader(new AuctionLogCodec(new OpenRtbCodec()));
    SignalExtractor extractor = new SignalExtractor();
    float[] features = FeatureEncoder.newVector();
    rows.stats = reader.read(List.of(file), record -> rows.add(record, extractor, tables, baseline, features));
    return rows;
  }

  private static Result merge(List<FileRows> parts) {
    TreeSet<String> vocabulary = new TreeSet<>();
    int n = 0;
    long files = 0;
    long lines = 0;
    long records = 0;
    long malformed = 0;
    List<String> errors = new ArrayList<>();
    String first = null;
    String last = null;
    for (FileRows p : parts) {
      vocabulary.addAll(p.dspNames);
      n += p.rows;
      files += p.stats.files();
      lines += p.stats.lines();
      records += p.stats.records();
      malformed += p.stats.malformed();
      for (String e : p.stats.sampleErrors()) {
        if (errors.size() < 10) {
          errors.add(e);
        }
      }
      if (p.firstDay != null && (first == null || p.firstDay.compareTo(first) < 0)) {
        first = p.firstDay;
      }
      if (p.lastDay != null && (last == null || p.lastDay.compareTo(last) > 0)) {
        last = p.lastDay;
      }
    }
    List<String> dsps = List.copyOf(vocabulary);
    int width = FeatureSchema.size();
    float[] features = new float[Math.multiplyExact(n, width)];
    int[] dsp = new int[n];
    boolean[] bid = new boolean[n];
    double[] price = new double[n];
    boolean[] explore = new boolean[n];
    double[] baselineRate = new double[n];
    int r = 0;
    for (FileRows p : parts) {
      System.arraycopy(p.features, 0, features, r * width, p.rows * width);
      for (int i = 0; i < p.rows; i++) {
        dsp[r + i] = dsps.indexOf(p.dspNames.get(p.dsp[i]));
      }
      System.arraycopy(p.bid, 0, bid, r, p.rows);
      System.arraycopy(p.price, 0, price, r, p.rows);
      System.arraycopy(p.explore, 0, explore, r, p.rows);
      System.arraycopy(p.baselineRate, 0, baselineRate, r, p.rows);
      r += p.rows;
    }
    return new Result(new FeatureRows(dsps, width, features, dsp, bid, price, explore, baselineRate),
        new AuctionLogReadStats(files, lines, records, malformed, errors), first, last);
  }

  /** The labelled callouts of one file. */
  private static final class FileRows {
    final List<String> dspNames = new ArrayList<>();
    int rows;
    int[] dsp = new int[256];
    boolean[] bid = new boolean[256];
    double[] price = new double[256];
    boolean[] explore = new boolean[256];
    double[] baselineRate = new double[256];
    float[] features = new float[256 * FeatureSchema.size()];
    AuctionLogReadStats stats;
    String firstDay;
    String lastDay;

    void add(AuctionRecord record, SignalExtractor extractor, EncodingTables tables, BaselineTable baseline,
             float[] vector) {
      String day = record.ts().atZone(ZoneOffset.UTC).toLocalDate().toString();
      if (firstDay == null || day.compareTo(firstDay) < 0) {
        firstDay = day;
      }
      if (lastDay == null || day.compareTo(lastDay) > 0) {
        lastDay = day;
      }
      RequestSignals signals = null;
      for (Callout c : record.callouts()) {
        Integer label = c.label();
        if (label == null) {
          continue;
        }
        if (signals == null) {
          signals = extractor.extract(record.request(), record.ts());
        }
        FeatureEncoder.encode(signals, c.dsp(), tables, vector);
        grow();
        int width = vector.length;
        System.arraycopy(vector, 0, features, rows * width, width);
        int d = dspNames.indexOf(c.dsp());
        if (d < 0) {
          d = dspNames.size();
          dspNames.add(c.dsp());
        }
        dsp[rows] = d;
        bid[rows] = label == 1;
        price[rows] = label == 1 && c.price() != null ? c.price() : Double.NaN;
        explore[rows] = c.explore();
        baselineRate[rows] = baseline == null ? Double.NaN : baseline.rate(c.dsp(), signals);
        rows++;
      }
    }

    private void grow() {
      if (rows < dsp.length) {
        return;
      }
      int cap = dsp.length * 2;
      dsp = Arrays.copyOf(dsp, cap);
      bid = Arrays.copyOf(bid, cap);
      price = Arrays.copyOf(price, cap);
      explore = Arrays.copyOf(explore, cap);
      baselineRate = Arrays.copyOf(baselineRate, cap);
      features = Arrays.copyOf(features, Math.multiplyExact(cap, FeatureSchema.size()));
    }
  }
}
