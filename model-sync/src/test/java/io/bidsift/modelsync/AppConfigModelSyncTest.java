package io.bidsift.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.modelsync.TestBundles.ManifestModel;
import io.bidsift.testsupport.FakeAppConfigData;
import io.bidsift.testsupport.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reload loop on the AWS source: last known good through corrupt bundles and outages of
 * AppConfig and S3, backoff while they last, and recovery to the newest version afterwards.
 */
class AppConfigModelSyncTest {

  static final String BUCKET = "bidsift-models";
  static final AppConfigTarget TARGET = new AppConfigTarget("bidsift", "prod", "bid-filter-model");
  /** No jitter, so the backoff sequence is exact: 100, 200, 400, 400 ms. */
  static final SyncSettings SETTINGS = new SyncSettings(Duration.ofMillis(1), Duration.ofMillis(100),
      Duration.ofMillis(400), 0.0);

  static MotoServer moto;
  static S3Client s3;

  @TempDir
  Path temp;

  FakeAppConfigData appConfig;
  AppConfigDataClient appConfigData;
  ModelSync<ManifestModel> sync;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    s3 = AwsTestClients.s3(moto.endpoint());
  }

  @AfterAll
  static void stopMoto() {
    s3.close();
    moto.close();
  }

  @BeforeEach
  void start() {
    moto.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    appConfig = FakeAppConfigData.start();
    appConfig.pollIntervalSeconds(0);
    appConfigData = AwsTestClients.appConfigData(appConfig.endpoint());
    sync = new ModelSync<>(new AppConfigModelSource(appConfigData, s3, TARGET, null, temp.resolve("work")),
        TestBundles::load, SETTINGS, Clock.systemUTC(), () -> 0.0);
  }

  @AfterEach
  void stop() {
    sync.close();
    appConfigData.close();
    appConfig.close();
  }

  private BundleDocument upload(String version, String key) throws Exception {
    Path tarball = TestBundles.tarball(TestBundles.bundle(temp.resolve("b-" + key), version), temp.resolve(key));
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(tarball));
    return new BundleDocument(version, "s3://" + BUCKET + "/" + key, BundleFiles.sha256(Files.readAllBytes(tarball)));
  }

  private void publish(BundleDocument document) {
    appConfig.publish(TARGET.application(), TARGET.environment(), TARGET.profile(), BundleDocument.CONTENT_TYPE,
        document.toJson(), document.version());
  }

  private String serving() {
    return sync.current() == null ? null : sync.current().version();
  }

  @Test
  void aCorruptTarballIsRejectedWithItsReasonAndThePreviousVersionKeepsServing() throws Exception {
    publish(upload(TestBundles.V1, "v1.tar.gz"));
    sync.pollOnce();
    BundleDocument v2 = upload(TestBundles.V2, "v2.tar.gz");
    publish(new BundleDocument(v2.version(), v2.bundle(), "f".repeat(64)));

    sync.pollOnce();
    sync.pollOnce();

    assertThat(serving()).isEqualTo(TestBundles.V1);
    assertThat(sync.counters().rejects(RejectReason.CHECKSUM_MISMATCH)).isEqualTo(1);

    publish(upload(TestBundles.V3, "v3.tar.gz"));
    sync.pollOnce();
    assertThat(serving()).isEqualTo(TestBundles.V3);
  }

  @Test
  void aBundleWithATamperedFileIsRejectedAndThePreviousVersionKeepsServing() throws Exception {
    publish(upload(TestBundles.V1, "v1.tar.gz"));
    sync.pollOnce();
    Path tampered = TestBundles.tamper(TestBundles.bundle(temp.resolve("bad"), TestBundles.V2));
    Path tarball = TestBundles.tarball(tampered, temp.resolve("bad.tar.gz"));
    s3.putObject(b -> b.bucket(BUCKET).key("bad.tar.gz"), RequestBody.fromFile(tarball));
    publish(new BundleDocument(TestBundles.V2, "s3://" + BUCKET + "/bad.tar.gz",
        BundleFiles.sha256(Files.readAllBytes(tarball))));

    sync.pollOnce();

    assertThat(serving()).isEqualTo(TestBundles.V1);
    assertThat(sync.counters().rejects(RejectReason.INVALID_BUNDLE)).isEqualTo(1);
  }

  @Test
  void anAppConfigOutageKeepsServingBacksOffThenPicksUpTheVersionPublishedMeanwhile() throws Exception {
    publish(upload(TestBundles.V1, "v1.tar.gz"));
    sync.pollOnce();

    appConfig.failRequests(500);
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      delays.add(sync.pollOnce());
    }
    publish(upload(TestBundles.V2, "v2.tar.gz"));
    assertThat(serving()).isEqualTo(TestBundles.V1);
    appConfig.recover();
    Duration afterRecovery = sync.pollOnce();

    assertThat(delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofMillis(400));
    assertThat(sync.counters().sourceErrors()).isEqualTo(4);
    assertThat(serving()).isEqualTo(TestBundles.V2);
    assertThat(afterRecovery).isEqualTo(SETTINGS.minPollDelay());
  }

  @Test
  void aRefusedConnectionIsAnOutageToo() throws Exception {
    publish(upload(TestBundles.V1, "v1.tar.gz"));
    sync.pollOnce();

    appConfig.goOffline();
    Duration delay = sync.pollOnce();
    appConfig.goOnline();
    publish(upload(TestBundles.V2, "v2.tar.gz"));
    sync.pollOnce();

    assertThat(delay).isEqualTo(Duration.ofMillis(100));
    assertThat(sync.counters().sourceErrors()).isEqualTo(1);
    assertThat(serving()).isEqualTo(TestBundles.V2);
  }

  @Test
  void anS3OutageKeepsServingAndTheDownloadIsRetriedUntilTheTarballIsBack() throws Exception {
    publish(upload(TestBundles.V1, "v1.tar.gz"));
    sync.pollOnce();
    BundleDocument v2 = upload(TestBundles.V2, "v2.tar.gz");
    byte[] tarball = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("v2.tar.gz")).asByteArray();
    s3.deleteObject(b -> b.bucket(BUCKET).key("v2.tar.gz"));
    publish(v2);

    Duration first = sync.pollOnce();
    Duration second = sync.pollOnce();
    assertThat(serving()).isEqualTo(TestBundles.V1);
    s3.putObject(b -> b.bucket(BUCKET).key("v2.tar.gz"), RequestBody.fromBytes(tarball));
    sync.pollOnce();

    assertThat(first).isEqualTo(Duration.ofMillis(100));
    assertThat(second).isEqualTo(Duration.ofMillis(200));
    assertThat(sync.counters().sourceErrors()).isEqualTo(2);
    assertThat(sync.counters().rejects()).isZero();
    assertThat(serving()).isEqualTo(TestBundles.V2);
  }
}
