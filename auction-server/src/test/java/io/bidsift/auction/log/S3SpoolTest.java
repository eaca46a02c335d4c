package io.bidsift.auction.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.log.SwitchableTcpProxy.Mode;
import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.testsupport.MotoServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The S3 log through S3 outages: moto_server behind a real TCP proxy that the tests switch to
 * drop or black-hole connections, with the writer, its queue and the sink as the server runs them.
 */
@Timeout(120)
class S3SpoolTest {

  private static final OpenRtbCodec OPENRTB = new OpenRtbCodec();
  private static final AuctionLogCodec CODEC = new AuctionLogCodec(OPENRTB);
  private static final String BUCKET = "auction-logs";
  private static final String PREFIX = "raw/v1";
  private static final Instant HOUR = Instant.parse("2026-11-20T13:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static MotoServer moto;

  @TempDir
  Path dir;
  private MotoBucket bucket;
  private SwitchableTcpProxy proxy;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @BeforeEach
  void freshBucketBehindAProxy() {
    bucket = MotoBucket.fresh(moto, BUCKET);
    proxy = new SwitchableTcpProxy(moto.endpoint());
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"DROP", "BLACK_HOLE"})
  void anS3OutageMidRunLosesNoRecordAndEverythingIsUploadedAfterRecovery(Mode outage) {
    MeterRegistry registry = new SimpleMeterRegistry();
    AsyncAuctionLog log = log(staging().withMaxRecordsPerFile(50), Long.MAX_VALUE, Duration.ofSeconds(20), registry);
    submit(log, 0, 200);
    Poll.until("a file uploaded before the outage", WAIT, () -> count(registry, "bidsift.auction_log.uploaded") >= 1);

    proxy.mode(outage);
    submit(log, 200, 600);
    Poll.until("failed uploads spooled", WAIT, () -> count(registry, "bidsift.auction_log.upload_failures") >= 1
        && gauge(registry, "bidsift.auction_log.spool.files") >= 1);
    double spooledBytes = gauge(registry, "bidsift.auction_log.spool.bytes");

    proxy.mode(Mode.PASS);
    Poll.until("the spool emptied after recovery", WAIT, () -> count(registry, "bidsift.auction_log.written") == 600
        && gauge(registry, "bidsift.auction_log.spool.files") == 0);
    log.close();

    assertThat(spooledBytes).isPositive();
    assertThat(count(registry, "bidsift.auction_log.uploaded")).isGreaterThanOrEqualTo(12);
    assertThat(idsInS3()).containsExactlyInAnyOrderElementsOf(ids(0, 600));
  }

  @Test
  void whenTheSpoolIsFullRecordsAreDroppedAndCountedAndSubmitNeverBlocks() {
    proxy.mode(Mode.DROP);
    MeterRegistry registry = new SimpleMeterRegistry();
    AsyncAuctionLog log = log(staging().withMaxRecordsPerFile(10), 1, Duration.ofSeconds(2), registry);
    int submitted = 0;
    int accepted = 0;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (count(registry, "bidsift.auction_log.spool.dropped") == 0 && System.nanoTime() < deadline) {
      for (int i = 0; i < 10; i++, submitted++) {
        accepted += log.submit(record(submitted)) ? 1 : 0;
      }
      sleep(20);
    }
    int total = submitted;
    Poll.until("every record written or dropped", WAIT, () -> count(registry, "bidsift.auction_log.written")
        + count(registry, "bidsift.auction_log.spool.dropped") == total);
    log.close();

    assertThat(accepted).as("submit took every record: it never waits for the sink").isEqualTo(submitted);
    assertThat(count(registry, "bidsift.auction_log.spool.dropped")).isPositive();
    assertThat(count(registry, "bidsift.auction_log.upload_failures")).isPositive();
    assertThat(count(registry, "bidsift.auction_log.dropped")).as("the queue itself dropped nothing").isZero();
  }

  @Test
  void filesAStoppedServerCouldNotUploadStayInStagingAndTheNextStartUploadsThem() throws IOException {
    proxy.mode(Mode.BLACK_HOLE);
    MeterRegistry first = new SimpleMeterRegistry();
    AsyncAuctionLog previous = log(staging().withMaxRecordsPerFile(10), Long.MAX_VALUE, Duration.ofSeconds(1), first);
    submit(previous, 0, 100);
    previous.close(); // gives up at its drain deadline: S3 does not answer
    assertThat(finishedFilesIn(dir.resolve("staging"))).hasSize(10);
    assertThat(bucket.keys(PREFIX)).isEmpty();

    proxy.mode(Mode.PASS);
    MeterRegistry second = new SimpleMeterRegistry();
    AsyncAuctionLog next = log(AuctionLogWriterConfig.defaults(dir.resolve("staging"), "w2"), Long.MAX_VALUE,
        Duration.ofSeconds(20), second);
    Poll.until("the previous run's files uploaded", WAIT, () -> count(second, "bidsift.auction_log.uploaded") == 10);
    next.close();

    assertThat(finishedFilesIn(dir.resolve("staging"))).isEmpty();
    assertThat(bucket.keys(PREFIX)).allMatch(k -> k.matches("dt=2026-11-20/hr=13/w1-\\d{6}\\.jsonl\\.gz"));
    assertThat(idsInS3()).containsExactlyInAnyOrderElementsOf(ids(0, 100));
  }

  @Test
  void aBusyFileIsUploadedOnceTheRollIntervalPassesWithoutWaitingForTheHourOrIdleness() {
    MeterRegistry registry = new SimpleMeterRegistry();
    // maxIdle stays a minute and every record is in one hour: only the file's age can finish it.
    AsyncAuctionLog log = log(staging().withMaxFileAge(Duration.ofSeconds(1)), Long.MAX_VALUE,
        Duration.ofSeconds(20), registry);
    int[] submitted = {0};
    Poll.until("a file uploaded while records keep coming", WAIT, () -> {
      log.submit(record(submitted[0]++));
      return !bucket.keys(PREFIX).isEmpty();
    });
    List<String> uploadedWhileBusy = bucket.keys(PREFIX);
    log.close();

    assertThat(uploadedWhileBusy).allMatch(k -> k.matches("dt=2026-11-20/hr=13/w1-\\d{6}\\.jsonl\\.gz"));
    assertThat(idsInS3()).containsExactlyInAnyOrderElementsOf(ids(0, submitted[0]));
  }

  private AuctionLogWriterConfig staging() {
    return AuctionLogWriterConfig.defaults(dir.resolve("staging"), "w1");
  }

  private AsyncAuctionLog log(AuctionLogWriterConfig config, long spoolMaxBytes, Duration drain,
                              MeterRegistry registry) {
    S3AuctionLogSink sink = new S3AuctionLogSink(config, CODEC, MotoBucket.client(proxy.endpoint(),
        Duration.ofSeconds(1)), BUCKET, PREFIX, spoolMaxBytes, Duration.ofMillis(200), registry);
    return new AsyncAuctionLog(sink, 100_000, drain, registry);
  }

  private List<String> idsInS3() {
    Path scratch = dir.resolve("s3-copy-" + System.nanoTime());
    return bucket.records(PREFIX, scratch, CODEC).stream().map(r -> r.request().id()).toList();
  }

  private static void submit(AsyncAuctionLog log, int from, int to) {
    for (int i = from; i < to; i++) {
      assertThat(log.submit(record(i))).isTrue();
    }
  }

  static AuctionRecord record(int i) {
    return new AuctionRecord(HOUR.plusMillis(i), OPENRTB.parseRequest("{\"id\":\"auction-" + i
        + "\",\"imp\":[{\"id\":\"1\"}]}"), "m1", List.of(new Callout("dsp-a", true, false, 0.5, Outcome.NO_BID,
        null, 20, null), new Callout("dsp-b", false, false, 0.01, Outcome.FILTERED, null, null, SkipReason.MODEL)));
  }

  private static List<String> ids(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "auction-" + i).toList();
  }

  private static List<Path> finishedFilesIn(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList();
    }
  }

  private static double count(MeterRegistry registry, String name) {
    return registry.get(name).counter().count();
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
