package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionRecord;

/**
 * Where auction log records end up (the port; {@link LocalAuctionLogSink} and
 * {@link S3AuctionLogSink} are the adapters). Called from one writer thread only.
 */
public interface AuctionLogSink extends AutoCloseable {

  /** Appends one record; when this throws, the record was not written. */
  void append(AuctionRecord record);

  /** Periodic housekeeping (about once a second): finish idle files, ship finished ones. */
  void tick();

  /** Finishes every file and makes every appended record visible where readers look. */
  @Override
  void close();

  /** Where readers find the logs, for messages ({@code /var/log/bidsift}, {@code s3://bucket/prefix}). */
  String location();
}
