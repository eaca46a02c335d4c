package io.bidsift.training.preprocess;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.features.KeyKind;
import io.bidsift.signals.RequestSignals;
import io.bidsift.training.evaluate.BaselineTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The counting pass over one partition of log files: decodes every line, skips and counts the
 * malformed ones (a file that cannot be opened counts as one), and counts the labelled callouts
 * per (day, DSP, key kind, key, sub-key). Pre-aggregating in the partition keeps the shuffle to
 * one row per distinct key instead of one per callout and kind.
 *
 * <p>Two pseudo-kinds carry the per-(day, DSP) totals: {@link #ALL} (every labelled callout: the
 * priors and the split sizes) and {@link #EXPLORE} (the exploration slice, reported apart). A
 * third, {@link #BASELINE}, counts the baseline's key (publisher, then format/environment; see
 * {@link BaselineTable}), which is no key kind of the model.
 */
final class CountPartition implements FlatMapFunction<Iterator<String>, Row> {

  private static final long serialVersionUID = 1L;

  static final String ALL = "*all";
  static final String EXPLORE = "*explore";
  static final String BASELINE = "*baseline";

  static final String DAY = "day";
  static final String DSP = "dsp";
  static final String KIND = "kind";
  static final String KEY = "key";
  static final String SUB_KEY = "sub_key";
  static final String BIDS = "bids";
  static final String TRIALS = "trials";

  static final StructType SCHEMA = new StructType()
      .add(DAY, DataTypes.StringType, false)
      .add(DSP, DataTypes.StringType, false)
      .add(KIND, DataTypes.StringType, false)
      .add(KEY, DataTypes.StringType, true)
      .add(SUB_KEY, DataTypes.StringType, true)
      .add(BIDS, DataTypes.LongType, false)
      .add(TRIALS, DataTypes.LongType, false);

  private final ScanCounters counters;
  private final HadoopConf hadoop;

  CountPartition(ScanCounters counters, HadoopConf hadoop) {
    this.counters = counters;
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<Row> call(Iterator<String> files) {
    AuctionLineDecoder decoder = new AuctionLineDecoder(hadoop);
    Tally tally = new Tally();
    while (files.hasNext()) {
      String file = files.next();
      try (LogFileLines lines = decoder.open(file)) {
        while (lines.next()) {
          countLine(lines, decoder, tally);
        }
      } catch (IOException e) {
        // Like AuctionLogReader: an unreadable file counts as one malformed line.
        tally.lines++;
        tally.malformed(file + ":0", "cannot be read: " + e);
      }
    }
    counters.add(tally.lines, tally.malformed, tally.auctions, tally.outcomes, tally.errors);
    return tally.counts.rows().iterator();
  }

  private static void countLine(LogFileLines lines, AuctionLineDecoder decoder, Tally tally) {
    tally.lines++;
    if (lines.problem() != null) {
      tally.malformed(lines.where(), lines.problem());
      return;
    }
    AuctionRecord record;
    RequestSignals signals;
    try {
      record = decoder.decode(lines);
      signals = decoder.signals(record);
    } catch (RuntimeException e) {
      // A bad line is counted and skipped, whatever went wrong with it.
      tally.malformed(lines.where(), e.getMessage() == null ? e.toString() : e.getMessage());
      return;
    }
    tally.auctions++;
    List<Callout> callouts = record.callouts();
    tally.ensureCapacity(callouts.size());
    int labelled = 0;
    boolean anyExplore = false;
    for (int i = 0; i < callouts.size(); i++) {
      Callout c = callouts.get(i);
      tally.outcomes[c.outcome().ordinal()]++;
      Integer label = c.label();
      if (label != null) {
        tally.slots[labelled] = tally.counts.slot(c.dsp());
        tally.bids[labelled] = label == 1;
        tally.explore[labelled] = c.explore();
        anyExplore |= c.explore();
        labelled++;
      }
    }
    if (labelled == 0) {
      return;
    }
    // Every callout of an auction shares the request's keys: one lookup per key, not per callout.
    String day = decoder.day(record.ts());
    PartitionCounts counts = tally.counts;
    counts.add(day, ALL, null, null, tally.slots, tally.bids, null, labelled);
    if (anyExplore) {
      counts.add(day, EXPLORE, null, null, tally.slots, tally.bids, tally.explore, labelled);
    }
    for (KeyKind kind : KeyKind.all()) {
      if (kind.appliesTo(signals)) {
        counts.add(day, kind.wireName(), kind.key(signals), kind.subKey(signals), tally.slots, tally.bids, null,
            labelled);
      }
    }
    String publisher = BaselineTable.publisher(signals);
    String formatAndEnvironment = BaselineTable.formatAndEnvironment(signals);
    if (publisher != null && formatAndEnvironment != null) {
      counts.add(day, BASELINE, publisher, formatAndEnvironment, tally.slots, tally.bids, null, labelled);
    }
  }

  /** What one partition saw, and scratch arrays for one auction's labelled callouts. */
  private static final class Tally {
    final PartitionCounts counts = new PartitionCounts();
    final long[] outcomes = new long[Outcome.values().length];
    final List<String> errors = new ArrayList<>(ScanCounters.MAX_SAMPLE_ERRORS_PER_PARTITION);
    long lines;
    long malformed;
    long auctions;
    int[] slots = new int[16];
    boolean[] bids = new boolean[16];
    boolean[] explore = new boolean[16];

    void malformed(String where, String reason) {
      malformed++;
      if (errors.size() < ScanCounters.MAX_SAMPLE_ERRORS_PER_PARTITION) {
        errors.add(where + ": " + reason);
      }
    }

    void ensureCapacity(int callouts) {
      if (callouts > slots.length) {
        slots = new int[callouts];
        bids = new boolean[callouts];
        explore = new boolean[callouts];
      }
    }
  }

  /** A partition's counts: per (day, kind, key, sub-key), bids and trials by DSP slot. */
  private static final class PartitionCounts {
    private record CountKey(String day, String kind, String key, String subKey) {
    }

    private final Map<String, Integer> slotByDsp = new HashMap<>();
    private final List<String> dsps = new ArrayList<>();
    /** [2 * slot] bids, [2 * slot + 1] trials; grown when a DSP first appears. */
    private final Map<CountKey, long[]> counts = new HashMap<>();

    int slot(String dsp) {
      Integer slot = slotByDsp.get(dsp);
      if (slot == null) {
        slot = dsps.size();
        slotByDsp.put(dsp, slot);
        dsps.add(dsp);
      }
      return slot;
    }

    /** Counts the first {@code n} callouts, or only those with {@code only[i]} when it is given. */
    void add(String day, String kind, String key, String subKey, int[] slots, boolean[] bids, boolean[] only,
             int n) {
      CountKey k = new CountKey(day, kind, key, subKey);
      long[] c = counts.get(k);
      if (c == null || c.length < 2 * dsps.size()) {
        long[] grown = new long[2 * dsps.size()];
        if (c != null) {
          System.arraycopy(c, 0, grown, 0, c.length);
        }
        c = grown;
        counts.put(k, c);
      }
      for (int i = 0; i < n; i++) {
        if (only == null || only[i]) {
          int slot = slots[i];
          if (bids[i]) {
            c[2 * slot]++;
          }
          c[2 * slot + 1]++;
        }
      }
    }

    List<Row> rows() {
      List<Row> out = new ArrayList<>();
      counts.forEach((k, c) -> {
        for (int slot = 0; 2 * slot < c.length; slot++) {
          if (c[2 * slot + 1] > 0) {
            out.add(RowFactory.create(k.day, dsps.get(slot), k.kind, k.key, k.subKey, c[2 * slot], c[2 * slot + 1]));
          }
        }
      });
      return out;
    }
  }
}
