package io.bidsift.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.modelsync.AppConfigModelSource;
import io.bidsift.modelsync.AppConfigTarget;
import io.bidsift.modelsync.BundleDocument;
import io.bidsift.modelsync.BundleOffer;
import io.bidsift.modelsync.LocalModelHome;
import io.bidsift.modelsync.LocalModelSource;
import io.bidsift.registry.LocalModelRegistry;
import io.bidsift.testsupport.FakeAppConfigData;
import io.bidsift.testsupport.FixtureBundle;
import io.bidsift.testsupport.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.s3.S3Client;

/** ./bidsift promote in-process: from a local registry to a local models home and to AppConfig (moto + fake). */
class PromoteCommandTest {

  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));

  @TempDir
  Path temp;

  record Result(int code, String out, String err) {
  }

  private Result promote(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PromoteCommand.run(new CliEnvironment(Map.of(), temp, CREDENTIALS), args, new PrintWriter(out),
        new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private LocalModelRegistry registryWithFixture(boolean approve) {
    LocalModelRegistry registry = new LocalModelRegistry(temp.resolve(".bidsift/registry"));
    registry.register(FixtureBundle.copyTo(temp.resolve("bundle")));
    if (approve) {
      registry.approve(FixtureBundle.VERSION, "test");
    }
    return registry;
  }

  @Test
  void refusesAVersionThatIsNotApprovedUnlessForced() {
    registryWithFixture(false);

    Result refused = promote("--version", FixtureBundle.VERSION, "--target", "local:models");
    boolean activeAfterRefusal = Files.exists(temp.resolve("models/ACTIVE"));
    Result forced = promote("--version", FixtureBundle.VERSION, "--target", "local:models", "--force");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip()).startsWith("promote: " + FixtureBundle.VERSION + " is PENDING")
        .contains("--force").doesNotContain("\n");
    assertThat(activeAfterRefusal).isFalse();
    assertThat(forced.code()).isZero();
    assertThat(forced.err()).contains("warning: promoting " + FixtureBundle.VERSION + ", which is PENDING");
  }

  @Test
  void anUnknownTargetKindIsAUsageError() {
    registryWithFixture(true);

    Result result = promote("--version", FixtureBundle.VERSION, "--target", "ftp:somewhere");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("neither local:DIR nor appconfig:APP/ENV/PROFILE");
  }

  @Test
  void promotedToALocalHomeTheLocalSourceServesIt() {
    registryWithFixture(true);

    Result result = promote("--version", FixtureBundle.VERSION, "--target", "local:models");
    Result again = promote("--version", FixtureBundle.VERSION, "--target", "local:models");

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("promoted " + FixtureBundle.VERSION + " to local:" + temp.resolve("models"));
    assertThat(again.code()).isZero();
    try (LocalModelSource source = new LocalModelSource(temp.resolve("models"))) {
      BundleOffer offer = source.poll().offer().orElseThrow();
      assertThat(offer.version()).isEqualTo(FixtureBundle.VERSION);
      assertThat(offer.fetch().manifest().version()).isEqualTo(FixtureBundle.VERSION);
    }
  }

  @Test
  void promotedToAppConfigItCreatesAHostedVersionNamingTheUploadedTarballAndStartsADeployment() throws Exception {
    registryWithFixture(true);
    try (MotoServer moto = MotoServer.start();
        FakeAppConfigData fake = FakeAppConfigData.start(moto.endpoint());
        AppConfigClient control = client(fake.endpoint());
        S3Client s3 = S3Client.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
            .endpointOverride(fake.endpoint()).forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
            .build()) {
      // what infra creates: bucket, application, hosted profile, environment
      s3.createBucket(b -> b.bucket("models"));
      String appId = control.createApplication(b -> b.name("bidsift")).id();
      String profileId = control.createConfigurationProfile(b -> b.applicationId(appId).name("bid-filter-model")
          .locationUri("hosted").type("AWS.Freeform")).id();
      String envId = control.createEnvironment(b -> b.applicationId(appId).name("prod")).id();

      Result result = promote("--version", FixtureBundle.VERSION, "--target", "appconfig:" + appId + "/prod/bid-filter-model",
          "--s3", "s3://models/bidsift", "--region", MotoServer.REGION, "--endpoint-url", fake.endpoint().toString());

      assertThat(result.code()).withFailMessage(result.err()).isZero();
      assertThat(result.out()).contains("hosted configuration version 1", "deployment 1 (AppConfig.AllAtOnce)");
      var hosted = control.getHostedConfigurationVersion(b -> b.applicationId(appId).configurationProfileId(profileId)
          .versionNumber(1));
      BundleDocument document = BundleDocument.parse(hosted.content().asByteArray());
      assertThat(hosted.contentType()).isEqualTo("application/json");
      assertThat(document.version()).isEqualTo(FixtureBundle.VERSION);
      assertThat(document.bundle()).isEqualTo("s3://models/bidsift/" + FixtureBundle.VERSION + "/bundle.tar.gz");
      byte[] tarball = s3.getObjectAsBytes(b -> b.bucket("models")
          .key("bidsift/" + FixtureBundle.VERSION + "/bundle.tar.gz")).asByteArray();
      assertThat(document.sha256()).isEqualTo(BundleFiles.sha256(tarball));
      assertThat(fake.deployments()).singleElement().satisfies(d -> {
        assertThat(d.environmentId()).isEqualTo(envId);
        assertThat(d.configurationProfileId()).isEqualTo(profileId);
        assertThat(d.configurationVersion()).isEqualTo("1");
        assertThat(d.strategy()).isEqualTo("AppConfig.AllAtOnce");
      });

      // and the bid filter's source, polling by names, gets the bundle that was promoted
      try (AppConfigDataClient data = AppConfigDataClient.builder().region(Region.of(MotoServer.REGION))
          .credentialsProvider(CREDENTIALS).endpointOverride(fake.endpoint())
          .httpClientBuilder(ApacheHttpClient.builder()).build();
          AppConfigModelSource source = new AppConfigModelSource(data, s3,
              new AppConfigTarget("bidsift", "prod", "bid-filter-model"), null, temp.resolve("work"))) {
        assertThat(source.poll().offer().orElseThrow().fetch().manifest().version()).isEqualTo(FixtureBundle.VERSION);
      }
    }
  }

  private static AppConfigClient client(URI endpoint) {
    return AppConfigClient.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
  }
}
