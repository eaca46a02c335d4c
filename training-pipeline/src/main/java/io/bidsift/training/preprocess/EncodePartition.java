package io.bidsift.training.preprocess;

import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.features.EncodingTables;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.signals.RequestSignals;
import io.bidsift.training.evaluate.BaselineTable;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The encoding pass over one partition of log files: one {@link TrainsetColumns} row per
 * labelled callout of a train, validation or test day, its features encoded by
 * {@link FeatureEncoder} (the bid filter's own code) against the tables of the row's day, and its
 * baseline rate looked up in the baseline table of that day.
 * Malformed lines were counted by the counting pass and are skipped here. Lazy: a partition's
 * rows are never all in memory.
 */
final class EncodePartition implements FlatMapFunction<Iterator<String>, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<DayPlan> plan;
  private final HadoopConf hadoop;

  EncodePartition(Broadcast<DayPlan> plan, HadoopConf hadoop) {
    this.plan = plan;
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<Row> call(Iterator<String> files) {
    return new RowIterator(files, plan.value(), new AuctionLineDecoder(hadoop));
  }

  private static final class RowIterator implements Iterator<Row> {
    private final Iterator<String> files;
    private final DayPlan plan;
    private final AuctionLineDecoder decoder;
    private final float[] features = FeatureEncoder.newVector();
    private final ArrayDeque<Row> pending = new ArrayDeque<>();
    private LogFileLines lines;

    RowIterator(Iterator<String> files, DayPlan plan, AuctionLineDecoder decoder) {
      this.files = files;
      this.plan = plan;
      this.decoder = decoder;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && advance()) {
        if (lines.problem() == null) {
          encode();
        }
      }
      return !pending.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }

    /** Moves to the next line of this or a following file; false when all files are done. */
    private boolean advance() {
      while (true) {
        if (lines != null) {
          if (lines.next()) {
            return true;
          }
          close();
        }
        if (!files.hasNext()) {
          return false;
        }
        try {
          lines = decoder.open(files.next());
        } catch (IOException e) {
          // Counted by the counting pass.
          lines = null;
        }
      }
    }

    private void close() {
      try {
        lines.close();
      } catch (IOException e) {
        // Every line was read; a failing close loses nothing.
      } finally {
        lines = null;
      }
    }

    private void encode() {
      AuctionRecord record;
      RequestSignals signals;
      try {
        record = decoder.decode(lines);
        signals = decoder.signals(record);
      } catch (RuntimeException e) {
        return;
      }
      String day = decoder.day(record.ts());
      Split split = plan.splits().get(day);
      EncodingTables tables = plan.tables().get(day);
      BaselineTable baseline = plan.baselines().get(day);
      if (split == null || split == Split.HISTORY || tables == null || baseline == null) {
        return;
      }
      Timestamp ts = Timestamp.from(record.ts());
      String auctionId = record.request().id();
      List<Callout> callouts = record.callouts();
      for (int i = 0; i < callouts.size(); i++) {
        Callout c = callouts.get(i);
        Integer label = c.label();
        if (label == null) {
          continue;
        }
        FeatureEncoder.encode(signals, c.dsp(), tables, features);
        double baselineRate = baseline.rate(c.dsp(), signals);
        pending.add(RowFactory.create(auctionId, ts, day, c.dsp(), label, label == 1 ? c.price() : null,
            c.explore(), split.wireName(), features.clone(), Double.isNaN(baselineRate) ? null : baselineRate));
      }
    }
  }
}
