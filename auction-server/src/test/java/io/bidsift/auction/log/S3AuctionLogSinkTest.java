package io.bidsift.auction.log;

import io.bidsift.testsupport.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared sink contract against S3 on a real moto_server. */
class S3AuctionLogSinkTest extends AuctionLogSinkContractTest {

  private static final String BUCKET = "auction-logs";
  private static MotoServer moto;
  private MotoBucket bucket;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @Override
  AuctionLogSink sink(Path staging) {
    bucket = MotoBucket.fresh(moto, BUCKET);
    return new S3AuctionLogSink(config(staging), CODEC, MotoBucket.client(moto.endpoint(), Duration.ofSeconds(30)),
        BUCKET, "raw/v1", Long.MAX_VALUE, Duration.ofSeconds(1), new SimpleMeterRegistry());
  }

  @Override
  List<String> publishedFiles(Path localCopy) {
    return bucket.download("raw/v1", localCopy);
  }
}
