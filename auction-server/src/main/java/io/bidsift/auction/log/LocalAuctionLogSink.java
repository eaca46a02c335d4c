package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import java.nio.file.Path;
import java.time.Duration;

/** The auction log in a local directory: rolling gzip files, {@code .inprogress} until finished. */
public final class LocalAuctionLogSink implements AuctionLogSink {

  private final AuctionLogWriter writer;
  private final Path root;

  public LocalAuctionLogSink(AuctionLogWriterConfig config, AuctionLogCodec codec) {
    this.writer = new AuctionLogWriter(config, codec);
    this.root = config.root();
  }

  @Override
  public boolean append(AuctionRecord record) {
    writer.append(record);
    return true;
  }

  @Override
  public void tick() {
    writer.finishDueFiles();
  }

  /** Finishing local files only waits for the disk, so there is nothing to give up on. */
  @Override
  public void close(Duration timeout) {
    writer.close();
  }

  @Override
  public String location() {
    return root.toString();
  }
}
