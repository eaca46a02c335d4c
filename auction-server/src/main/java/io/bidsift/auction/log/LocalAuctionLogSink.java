package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import java.nio.file.Path;

/** The auction log in a local directory: rolling gzip files, {@code .inprogress} until finished. */
public final class LocalAuctionLogSink implements AuctionLogSink {

  private final AuctionLogWriter writer;
  private final Path root;

  public LocalAuctionLogSink(AuctionLogWriterConfig config, AuctionLogCodec codec) {
    this.writer = new AuctionLogWriter(config, codec);
    this.root = config.root();
  }

  @Override
  public void append(AuctionRecord record) {
    writer.append(record);
  }

  @Override
  public void tick() {
    writer.finishIdleFiles();
  }

  @Override
  public void close() {
    writer.close();
  }

  @Override
  public String location() {
    return root.toString();
  }
}
