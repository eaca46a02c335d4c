package io.bidsift.auction.log;

import java.nio.file.Path;
import java.util.List;

/** The shared sink contract against a local directory. */
class LocalAuctionLogSinkTest extends AuctionLogSinkContractTest {
  Path root;

  @Override
  AuctionLogSink sink(Path staging) {
    root = staging;
    return new LocalAuctionLogSink(config(staging), CODEC);
  }

  @Override
  List<String> publishedFiles(Path localCopy) {
    List<String> files = relativeFiles(root);
    for (String f : files) {
      copy(root.resolve(f), localCopy.resolve(f));
    }
    return files;
  }
}
