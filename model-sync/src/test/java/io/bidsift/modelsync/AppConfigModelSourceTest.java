package io.bidsift.modelsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.testsupport.FakeAppConfigData;
import io.bidsift.testsupport.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The AppConfig adapter against the AppConfigData fake and S3 on moto, through the real SDK clients. */
class AppConfigModelSourceTest extends ModelSourceContract {

  static final String BUCKET = "bidsift-models";
  static final AppConfigTarget TARGET = new AppConfigTarget("bidsift", "prod", "bid-filter-model");

  static MotoServer moto;
  static S3Client s3;

  FakeAppConfigData appConfig;
  AppConfigDataClient appConfigData;
  private final AtomicInteger uploads = new AtomicInteger();

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

  @Override
  ModelSource newSource() {
    moto.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    appConfig = FakeAppConfigData.start();
    appConfig.pollIntervalSeconds(0);
    appConfigData = AwsTestClients.appConfigData(appConfig.endpoint());
    return new AppConfigModelSource(appConfigData, s3, TARGET, null, temp.resolve("work"));
  }

  @AfterEach
  void stopFake() {
    appConfigData.close();
    appConfig.close();
  }

  /** As promote does it: the tarball to S3, then a document naming it and its sha256. */
  @Override
  void publish(Path bundleDir, String version) throws Exception {
    String key = "models/" + version + "-" + uploads.incrementAndGet() + ".tar.gz";
    Path tarball = TestBundles.tarball(bundleDir, temp.resolve(key.replace('/', '_')));
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(tarball));
    publishDocument(new BundleDocument(version, "s3://" + BUCKET + "/" + key,
        BundleFiles.sha256(Files.readAllBytes(tarball))));
  }

  void publishDocument(BundleDocument document) {
    appConfig.publish(TARGET.application(), TARGET.environment(), TARGET.profile(), BundleDocument.CONTENT_TYPE,
        document.toJson(), document.version());
  }

  @Test
  void usesOneSessionAndEachReturnedTokenOnceAndHonoursTheInterval() throws Exception {
    appConfig.pollIntervalSeconds(42);
    publish(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), TestBundles.V1);

    SourcePoll first = source().poll();
    SourcePoll second = source().poll();
    SourcePoll third = source().poll();

    assertThat(appConfig.sessionsStarted()).isEqualTo(1);
    assertThat(appConfig.configurationCalls()).isEqualTo(3);
    assertThat(appConfig.rejectedTokens()).isZero();
    assertThat(first.nextPollIn()).isEqualTo(Duration.ofSeconds(42));
    // the 2nd and 3rd answers were empty ("no change"): the source still offers what it has
    assertThat(third.offer().orElseThrow().fingerprint()).isEqualTo(first.offer().orElseThrow().fingerprint());
    assertThat(second.offer()).isPresent();
  }

  @Test
  void theRequiredMinimumPollIntervalIsSentWithTheSession() {
    appConfig.pollIntervalSeconds(5);
    try (AppConfigModelSource withMinimum = new AppConfigModelSource(appConfigData, s3, TARGET, 15,
        temp.resolve("w2"))) {
      assertThat(withMinimum.poll().nextPollIn()).isEqualTo(Duration.ofSeconds(15));
    }
  }

  @Test
  void aTarballThatDoesNotMatchTheDocumentsSha256IsRejected() throws Exception {
    Path tarball = TestBundles.tarball(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), temp.resolve("t"));
    s3.putObject(b -> b.bucket(BUCKET).key("v1.tar.gz"), RequestBody.fromFile(tarball));
    publishDocument(new BundleDocument(TestBundles.V1, "s3://" + BUCKET + "/v1.tar.gz", "0".repeat(64)));

    BundleOffer offer = source().poll().offer().orElseThrow();

    assertThatThrownBy(offer::fetch).isInstanceOfSatisfying(BundleRejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(RejectReason.CHECKSUM_MISMATCH));
  }

  @Test
  void aTarballEntryThatLeavesTheBundleIsRejectedAndNothingIsWrittenOutside() throws Exception {
    Path tarball = TestBundles.tarballWithEntry(temp.resolve("evil.tar.gz"), "../../escaped.txt",
        "pwned".getBytes(StandardCharsets.UTF_8));
    s3.putObject(b -> b.bucket(BUCKET).key("evil.tar.gz"), RequestBody.fromFile(tarball));
    publishDocument(new BundleDocument(TestBundles.V1, "s3://" + BUCKET + "/evil.tar.gz",
        BundleFiles.sha256(Files.readAllBytes(tarball))));

    BundleOffer offer = source().poll().offer().orElseThrow();

    assertThatThrownBy(offer::fetch)
        .isInstanceOfSatisfying(BundleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_BUNDLE))
        .hasMessageContaining("outside the bundle");
    try (var files = Files.walk(temp)) {
      assertThat(files.filter(p -> p.getFileName().toString().equals("escaped.txt"))).isEmpty();
    }
  }

  @Test
  void aConfigurationThatIsNotABundleDocumentIsRejectedAsInvalid() {
    appConfig.publish(TARGET.application(), TARGET.environment(), TARGET.profile(), "application/json",
        "{\"version\": \"v1\"}".getBytes(StandardCharsets.UTF_8), "1");

    BundleOffer offer = source().poll().offer().orElseThrow();

    assertThatThrownBy(offer::fetch)
        .isInstanceOfSatisfying(BundleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_DOCUMENT))
        .hasMessageContaining("bundle");
  }

  @Test
  void anAppConfigErrorIsAnOutageAndTheNextPollStartsANewSession() throws Exception {
    publish(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), TestBundles.V1);
    String before = source().poll().offer().orElseThrow().fingerprint();

    appConfig.failRequests(500);
    assertThatThrownBy(() -> source().poll()).isInstanceOf(ModelSourceException.class)
        .hasMessageContaining("appconfig:" + TARGET);
    appConfig.recover();
    String after = source().poll().offer().orElseThrow().fingerprint();

    assertThat(after).isEqualTo(before);
    assertThat(appConfig.sessionsStarted()).isEqualTo(2);
    assertThat(appConfig.rejectedTokens()).isZero();
  }

  @Test
  void aRefusedConnectionIsAnOutage() throws Exception {
    publish(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), TestBundles.V1);
    source().poll();

    appConfig.goOffline();
    assertThatThrownBy(() -> source().poll()).isInstanceOf(ModelSourceException.class);
    appConfig.goOnline();

    assertThat(source().poll().offer().orElseThrow().version()).isEqualTo(TestBundles.V1);
  }

  @Test
  void aMissingTarballIsAnOutageNotAVerdict() {
    publishDocument(new BundleDocument(TestBundles.V1, "s3://" + BUCKET + "/not-yet.tar.gz", "a".repeat(64)));

    BundleOffer offer = source().poll().offer().orElseThrow();

    assertThatThrownBy(offer::fetch).isInstanceOf(ModelSourceException.class).hasMessageContaining("not-yet.tar.gz");
  }
}
