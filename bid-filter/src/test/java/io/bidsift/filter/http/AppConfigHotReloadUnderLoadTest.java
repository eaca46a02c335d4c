package io.bidsift.filter.http;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.filter.Fixtures;
import io.bidsift.modelsync.AppConfigTarget;
import io.bidsift.modelsync.BundleDocument;
import io.bidsift.registry.BundleArchive;
import io.bidsift.registry.ModelBundle;
import io.bidsift.testsupport.FakeAppConfigData;
import io.bidsift.testsupport.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hot reload from AWS: AppConfig names the bundle, S3 holds it. S3 is moto's server; AppConfigData
 * has no emulator, so its data plane is test-support's stateful fake, driven by the real SDK
 * client inside the filter. The corrupt publication names a tarball with the wrong sha256.
 */
class AppConfigHotReloadUnderLoadTest extends HotReloadUnderLoadContract {

  private static final String BUCKET = "bidsift-models";
  private static final AppConfigTarget TARGET = new AppConfigTarget("bidsift", "prod", "bid-filter-model");

  private MotoServer moto;
  private S3Client s3;
  private FakeAppConfigData appConfig;
  private String previousKeyId;
  private String previousSecret;

  @Override
  Map<String, Object> sourceProperties() {
    moto = MotoServer.start();
    appConfig = FakeAppConfigData.start();
    appConfig.pollIntervalSeconds(0);
    s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint()).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
    s3.createBucket(b -> b.bucket(BUCKET));
    // The filter takes credentials from the SDK's default chain, as on ECS; system properties are part of it.
    previousKeyId = System.setProperty("aws.accessKeyId", "test");
    previousSecret = System.setProperty("aws.secretAccessKey", "test");
    return Map.of(
        "bidsift.model.source", "appconfig:" + TARGET,
        "bidsift.model.aws.region", "us-east-1",
        "bidsift.model.aws.appconfig-endpoint-url", appConfig.endpoint().toString(),
        "bidsift.model.aws.s3-endpoint-url", moto.endpoint().toString());
  }

  @Override
  void publish(String version, boolean corrupt) throws Exception {
    Path dir = Fixtures.bundleWithVersion(tmp.resolve("b-" + version), version);
    Path tarball = tmp.resolve(version + ".tar.gz");
    BundleArchive.pack(ModelBundle.verify(dir), tarball);
    String key = "bundles/" + version + ".tar.gz";
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(tarball));
    String sha256 = corrupt ? "0".repeat(64) : BundleFiles.sha256(Files.readAllBytes(tarball));
    BundleDocument document = new BundleDocument(version, "s3://" + BUCKET + "/" + key, sha256);
    appConfig.publish(TARGET.application(), TARGET.environment(), TARGET.profile(), BundleDocument.CONTENT_TYPE,
        document.toJson(), version);
  }

  @AfterEach
  void stop() {
    restore("aws.accessKeyId", previousKeyId);
    restore("aws.secretAccessKey", previousSecret);
    if (s3 != null) {
      s3.close();
    }
    if (appConfig != null) {
      appConfig.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static void restore(String name, String previous) {
    if (previous == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, previous);
    }
  }
}
