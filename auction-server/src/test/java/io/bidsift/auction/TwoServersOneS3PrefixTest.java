package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.log.MotoBucket;
import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.testsupport.MotoServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two auction servers configured alike, as two ECS tasks of one service (each with its own disk),
 * write to one S3 prefix at the same time. With a writer id derived from the PID (1 in every
 * container) they wrote the same keys and each upload replaced the other's.
 */
class TwoServersOneS3PrefixTest {

  @TempDir
  Path dir;

  @Test
  void twoServersWritingConcurrentlyToOnePrefixLoseAndOverwriteNothing() throws Exception {
    try (SimulatedFleet fleet = new SimulatedFleet(); MotoServer moto = MotoServer.start()) {
      MotoBucket bucket = MotoBucket.fresh(moto, "auction-logs");
      List<BidRequest> requests = SimulatedFleet.requests(120, 41).stream()
          .map(r -> Requests.with(r, 300, null, 1)).toList();
      List<String> writerIds = new ArrayList<>();
      List<CompletableFuture<List<HttpResponse<String>>>> runs = new ArrayList<>();
      List<RunningServer> servers = new ArrayList<>();
      for (int task = 0; task < 2; task++) {
        AuctionServerSettings settings = AuctionServerSettings.defaults(fleet.dsps(), null,
            dir.resolve("task-" + task));
        RunningServer server = new RunningServer(settings.withLog(settings.log().withS3("auction-logs", "raw/v1",
            moto.endpoint())));
        servers.add(server);
        writerIds.add(settings.log().writerId());
        List<BidRequest> share = requests.subList(task * 60, task * 60 + 60);
        runs.add(CompletableFuture.supplyAsync(() -> server.postAll(share)));
      }
      runs.forEach(CompletableFuture::join);
      servers.forEach(RunningServer::close);

      List<AuctionRecord> records = bucket.records("raw/v1", dir.resolve("s3-copy"),
          new AuctionLogCodec(RunningServer.CODEC));
      assertThat(writerIds.get(0)).isNotEqualTo(writerIds.get(1));
      assertThat(records).extracting(r -> r.request().id())
          .containsExactlyInAnyOrderElementsOf(requests.stream().map(BidRequest::id).toList());
      assertThat(bucket.keys("raw/v1")).allMatch(k -> k.matches("dt=\\d{4}-\\d{2}-\\d{2}/hr=\\d{2}/"
          + "(" + writerIds.get(0) + "|" + writerIds.get(1) + ")-\\d{6}\\.jsonl\\.gz"));
      assertThat(bucket.keys("raw/v1")).anyMatch(k -> k.contains(writerIds.get(0)))
          .anyMatch(k -> k.contains(writerIds.get(1)));
      assertThat(bucket.versionCounts("raw/v1").values()).as("no object written twice").containsOnly(1L);
    }
  }
}
