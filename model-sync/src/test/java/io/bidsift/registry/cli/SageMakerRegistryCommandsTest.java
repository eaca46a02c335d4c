package io.bidsift.registry.cli;

import static io.bidsift.registry.BundleFixture.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The sagemaker: registry SPEC end to end through the commands, against a real moto_server. */
class SageMakerRegistryCommandsTest {

  private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));

  private static MotoServer moto;

  @TempDir
  Path temp;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    try (S3Client s3 = S3Client.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(moto.endpoint()).forcePathStyle(true).build()) {
      s3.createBucket(b -> b.bucket("models"));
    }
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  private String run(String command, String... args) {
    // the endpoint and region come from the environment, as ./bidsift users set them
    CliEnvironment environment = new CliEnvironment(
        Map.of("AWS_REGION", MotoServer.REGION, "BIDSIFT_AWS_ENDPOINT", moto.endpoint().toString()), temp, CREDENTIALS);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--registry", "sagemaker:bidsift-cli", "--s3", "s3://models/bundles"}, 0, all,
        args.length, 4);
    int code = switch (command) {
      case "register" -> RegisterCommand.run(environment, all, new PrintWriter(out), new PrintWriter(err));
      case "approve" -> ApproveCommand.run(environment, all, new PrintWriter(out), new PrintWriter(err));
      default -> ModelsCommand.run(environment, all, new PrintWriter(out), new PrintWriter(err));
    };
    assertThat(code).as("%s failed: %s", command, err).isZero();
    return out.toString();
  }

  @Test
  void registerApproveAndListAgainstTheSageMakerModelRegistry() throws IOException {
    bundle("20261129T034500Z-3f2a9c").writeTo(temp.resolve("bundle"));

    assertThat(run("register", "--bundle", "bundle"))
        .contains("registered 20261129T034500Z-3f2a9c as PENDING in sagemaker:bidsift-cli (s3://models/bundles)");
    assertThat(run("approve", "--version", "20261129T034500Z-3f2a9c", "--note", "ok"))
        .contains("latest approved: 20261129T034500Z-3f2a9c");
    assertThat(run("models")).contains("20261129T034500Z-3f2a9c", "APPROVED *", "auc=0.912", "ok");

    try (SageMakerClient sageMaker = SageMakerClient.builder().region(Region.of(MotoServer.REGION))
        .credentialsProvider(CREDENTIALS).endpointOverride(moto.endpoint()).build()) {
      var pkg = sageMaker.listModelPackages(b -> b.modelPackageGroupName("bidsift-cli")).modelPackageSummaryList();
      assertThat(pkg).singleElement().satisfies(p -> assertThat(p.modelApprovalStatusAsString()).isEqualTo("Approved"));
    }
  }
}
