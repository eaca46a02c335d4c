package io.bidsift.training.preprocess;

import io.bidsift.auctionlog.Outcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Spark accumulators for what the counting pass saw. Updated once per partition (not per
 * line), read on the driver after the pass.
 */
final class ScanCounters implements Serializable {

  private static final long serialVersionUID = 1L;
  /** Per partition; the driver keeps {@link #MAX_SAMPLE_ERRORS} of them. */
  static final int MAX_SAMPLE_ERRORS_PER_PARTITION = 3;
  static final int MAX_SAMPLE_ERRORS = 10;

  private final LongAccumulator lines;
  private final LongAccumulator malformed;
  private final LongAccumulator auctions;
  private final LongAccumulator[] byOutcome;
  private final CollectionAccumulator<String> sampleErrors;

  private ScanCounters(SparkContext sc) {
    lines = sc.longAccumulator("bidsift.lines");
    malformed = sc.longAccumulator("bidsift.malformed");
    auctions = sc.longAccumulator("bidsift.auctions");
    byOutcome = new LongAccumulator[Outcome.values().length];
    for (Outcome o : Outcome.values()) {
      byOutcome[o.ordinal()] = sc.longAccumulator("bidsift.callouts." + o.wire());
    }
    sampleErrors = sc.collectionAccumulator("bidsift.sampleErrors");
  }

  static ScanCounters register(SparkContext sc) {
    return new ScanCounters(sc);
  }

  /** One partition's tally, added in one go. */
  void add(long partitionLines, long partitionMalformed, long partitionAuctions, long[] calloutsByOutcome,
           List<String> partitionErrors) {
    lines.add(partitionLines);
    malformed.add(partitionMalformed);
    auctions.add(partitionAuctions);
    for (int i = 0; i < byOutcome.length; i++) {
      byOutcome[i].add(calloutsByOutcome[i]);
    }
    for (String e : partitionErrors) {
      sampleErrors.add(e);
    }
  }

  long lines() {
    return lines.value();
  }

  long malformed() {
    return malformed.value();
  }

  long auctions() {
    return auctions.value();
  }

  Map<Outcome, Long> calloutsByOutcome() {
    Map<Outcome, Long> out = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      out.put(o, byOutcome[o.ordinal()].value());
    }
    return out;
  }

  /** The first few, sorted so that a rerun reports the same ones. */
  List<String> sampleErrors() {
    List<String> all = new ArrayList<>(sampleErrors.value());
    all.sort(null);
    return List.copyOf(all.subList(0, Math.min(MAX_SAMPLE_ERRORS, all.size())));
  }
}
