package io.bidsift.training.preprocess;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads and decodes log lines on an executor: the codec and the extractor are not serialisable,
 * so each partition builds one of these. Not thread-safe (one partition, one thread).
 */
final class AuctionLineDecoder {

  private static final long SECONDS_PER_DAY = 86_400;

  private final AuctionLogCodec codec = new AuctionLogCodec(new OpenRtbCodec());
  private final SignalExtractor extractor = new SignalExtractor();
  private final HadoopConf hadoop;
  private long lastEpochDay = Long.MIN_VALUE;
  private String lastDay;

  AuctionLineDecoder(HadoopConf hadoop) {
    this.hadoop = hadoop;
  }

  /** @throws IOException when the file cannot be opened */
  LogFileLines open(String file) throws IOException {
    return LogFileLines.open(file, hadoop.get(), codec.maxLineBytes());
  }

  /** @throws RuntimeException (usually {@code JsonInputException}) when the line is not a v1 record */
  AuctionRecord decode(LogFileLines lines) {
    return codec.decode(lines.bytes(), lines.offset(), lines.length());
  }

  RequestSignals signals(AuctionRecord record) {
    return extractor.extract(record.request(), record.ts());
  }

  /** The UTC day of an instant, {@code YYYY-MM-DD}; one string per day, not per row. */
  String day(Instant ts) {
    long epochDay = Math.floorDiv(ts.getEpochSecond(), SECONDS_PER_DAY);
    if (epochDay != lastEpochDay) {
      lastEpochDay = epochDay;
      lastDay = LocalDate.ofEpochDay(epochDay).toString();
    }
    return lastDay;
  }
}
