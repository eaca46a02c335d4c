package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionRecord;
import java.time.Duration;

/**
 * Where auction log records end up (the port; {@link LocalAuctionLogSink} and
 * {@link S3AuctionLogSink} are the adapters). Called from one writer thread only.
 */
public interface AuctionLogSink {

  /**
   * Appends one record; when this throws, the record was not written.
   *
   * @return false when the sink had no room for it (counted and reported by the sink), true when written
   */
  boolean append(AuctionRecord record);

  /** Periodic housekeeping (about once a second): finish idle and old files, ship finished ones. */
  void tick();

  /**
   * Finishes every file and makes every appended record visible where readers look, giving up
   * after {@code timeout}: what is not shipped by then stays in the staging directory, where the
   * next start ships it.
   */
  void close(Duration timeout);

  /** Where readers find the logs, for messages ({@code /var/log/bidsift}, {@code s3://bucket/prefix}). */
  String location();
}
