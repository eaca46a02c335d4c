package io.bidsift.training.preprocess;

import io.bidsift.features.EncodingTables;
import io.bidsift.features.KeyKind;
import io.bidsift.training.evaluate.BaselineTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The counting pass's result on the driver: per day, the labelled callouts counted by DSP and
 * by (DSP, key kind, key, sub-key). Turns them into the out-of-time encoding tables and baseline
 * tables (an expanding window: a day's tables hold every earlier day, never its own) and the
 * statistics.
 */
final class DayCounts {

  /** Day → rows of {@link CountPartition#SCHEMA}, days ascending. */
  private final TreeMap<String, List<Row>> keyRowsByDay = new TreeMap<>();
  /** Day → rows of the baseline's key ({@link CountPartition#BASELINE}). */
  private final TreeMap<String, List<Row>> baselineRowsByDay = new TreeMap<>();
  /** Day → DSP → counts. */
  private final TreeMap<String, TreeMap<String, LabelCounts>> totals = new TreeMap<>();

  private DayCounts() {
  }

  /** @param rows the aggregated rows of {@link CountPartition#SCHEMA} */
  static DayCounts of(List<Row> rows) {
    DayCounts counts = new DayCounts();
    for (Row r : rows) {
      String day = r.getString(0);
      String dsp = r.getString(1);
      String kind = r.getString(2);
      long bids = r.getLong(5);
      long trials = r.getLong(6);
      switch (kind) {
        case CountPartition.ALL -> counts.addTotal(day, dsp, new LabelCounts(trials, bids, 0, 0));
        case CountPartition.EXPLORE -> counts.addTotal(day, dsp, new LabelCounts(0, 0, trials, bids));
        case CountPartition.BASELINE -> counts.baselineRowsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(r);
        default -> counts.keyRowsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(r);
      }
    }
    return counts;
  }

  private void addTotal(String day, String dsp, LabelCounts c) {
    totals.computeIfAbsent(day, d -> new TreeMap<>()).merge(dsp, c, LabelCounts::plus);
  }

  /** Days with labelled callouts, ascending. */
  List<String> days() {
    return List.copyOf(totals.keySet());
  }

  /** DSPs with labelled callouts on any day, sorted: the vocabulary. */
  TreeSet<String> dsps() {
    TreeSet<String> dsps = new TreeSet<>();
    totals.values().forEach(byDsp -> dsps.addAll(byDsp.keySet()));
    return dsps;
  }

  long labelledRows() {
    long n = 0;
    for (Map<String, LabelCounts> byDsp : totals.values()) {
      for (LabelCounts c : byDsp.values()) {
        n += c.rows();
      }
    }
    return n;
  }

  /**
   * The encoding and baseline tables of each day that is not history, from the days before it,
   * and the final ones from all days.
   */
  record Tables(Map<String, EncodingTables> byDay, EncodingTables all, Map<String, BaselineTable> baselineByDay,
                BaselineTable baselineAll) {
  }

  Tables tables(DaySplit split, double smoothing) {
    EncodingTables.Builder builder = EncodingTables.builder(smoothing).addDsps(dsps());
    BaselineTable.Builder baseline = BaselineTable.builder(smoothing);
    Map<String, EncodingTables> byDay = new HashMap<>();
    Map<String, BaselineTable> baselineByDay = new HashMap<>();
    for (Map.Entry<String, Split> day : split.byDay().entrySet()) {
      if (day.getValue() != Split.HISTORY) {
        byDay.put(day.getKey(), builder.build());
        baselineByDay.put(day.getKey(), baseline.build());
      }
      addDay(day.getKey(), builder, baseline);
    }
    return new Tables(byDay, builder.build(), baselineByDay, baseline.build());
  }

  private void addDay(String day, EncodingTables.Builder builder, BaselineTable.Builder baseline) {
    totals.getOrDefault(day, new TreeMap<>()).forEach((dsp, c) -> {
      builder.addTotals(dsp, c.bids(), c.rows());
      baseline.addTotals(dsp, c.bids(), c.rows());
    });
    for (Row r : keyRowsByDay.getOrDefault(day, List.of())) {
      KeyKind kind = KeyKind.fromWireName(r.getString(2));
      builder.addKeyCounts(r.getString(1), kind, r.getString(3), r.getString(4), r.getLong(5), r.getLong(6));
    }
    for (Row r : baselineRowsByDay.getOrDefault(day, List.of())) {
      baseline.addKey(r.getString(1), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6));
    }
  }

  List<DayStats> dayStats(DaySplit split) {
    List<DayStats> out = new ArrayList<>();
    totals.forEach((day, byDsp) -> out.add(new DayStats(day, split.of(day), sum(byDsp.values()))));
    return out;
  }

  /** Split wire name → counts, in split order. */
  Map<String, LabelCounts> splitStats(DaySplit split) {
    Map<String, LabelCounts> out = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      LabelCounts c = LabelCounts.ZERO;
      boolean any = false;
      for (Map.Entry<String, TreeMap<String, LabelCounts>> day : totals.entrySet()) {
        if (split.of(day.getKey()) == s) {
          c = c.plus(sum(day.getValue().values()));
          any = true;
        }
      }
      if (any) {
        out.put(s.wireName(), c);
      }
    }
    return out;
  }

  /** DSP → split wire name → counts, splits in order. */
  Map<String, Map<String, LabelCounts>> dspStats(DaySplit split) {
    Map<String, EnumMap<Split, LabelCounts>> bySplit = new TreeMap<>();
    totals.forEach((day, byDsp) -> byDsp.forEach((dsp, c) -> bySplit
        .computeIfAbsent(dsp, d -> new EnumMap<>(Split.class))
        .merge(split.of(day), c, LabelCounts::plus)));
    Map<String, Map<String, LabelCounts>> out = new LinkedHashMap<>();
    bySplit.forEach((dsp, counts) -> {
      Map<String, LabelCounts> named = new LinkedHashMap<>();
      counts.forEach((s, c) -> named.put(s.wireName(), c));
      out.put(dsp, named);
    });
    return out;
  }

  private static LabelCounts sum(Iterable<LabelCounts> counts) {
    LabelCounts total = LabelCounts.ZERO;
    for (LabelCounts c : counts) {
      total = total.plus(c);
    }
    return total;
  }
}
