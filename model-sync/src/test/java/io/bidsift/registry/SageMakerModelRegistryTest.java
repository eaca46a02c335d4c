package io.bidsift.registry;

import static io.bidsift.registry.BundleFixture.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * The SageMaker adapter against a real moto_server (SageMaker and S3 APIs over HTTP, through the
 * same SDK clients as on AWS). Fails loudly when moto_server is not installed.
 */
class SageMakerModelRegistryTest extends ModelRegistryContract {

  private static final String BUCKET = "bidsift-models";
  private static final String GROUP = "bidsift-bid-filter";
  private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));

  private static MotoServer moto;
  private static SageMakerClient sageMaker;
  private static S3Client s3;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    sageMaker = SageMakerClient.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(moto.endpoint()).httpClientBuilder(ApacheHttpClient.builder()).build();
    s3 = S3Client.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(moto.endpoint()).forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  @AfterAll
  static void stopMoto() {
    if (sageMaker != null) {
      sageMaker.close();
      s3.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @AfterEach
  void forgetEverything() {
    moto.reset();
  }

  private static SageMakerRegistryConfig config() {
    return new SageMakerRegistryConfig(MotoServer.REGION, GROUP, S3Location.parse("s3://" + BUCKET + "/models/bid-filter/"),
        null, moto.endpoint());
  }

  @Override
  protected ModelRegistry newRegistry() {
    s3.createBucket(b -> b.bucket(BUCKET));
    return SageMakerModelRegistry.connect(config(), CREDENTIALS);
  }

  @Override
  protected ModelRegistry reopen() {
    return SageMakerModelRegistry.connect(config(), CREDENTIALS);
  }

  @Override
  protected void corruptStoredFile(String version, String file) throws IOException {
    String key = "models/bid-filter/" + version + "/bundle.tar.gz";
    Path work = Files.createDirectories(temp.resolve("corrupt"));
    Path tarball = work.resolve("in.tar.gz");
    s3.getObject(b -> b.bucket(BUCKET).key(key), ResponseTransformer.toFile(tarball));
    Path dir = Files.createDirectories(work.resolve("bundle"));
    BundleArchive.unpack(tarball, dir, key);
    List<String> paths = ModelBundle.verify(dir).paths();
    Files.writeString(dir.resolve(file), "bit rot");
    Path tampered = work.resolve("out.tar.gz");
    BundleArchive.pack(dir, paths, tampered);
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(tampered));
  }

  @Test
  void registrationCreatesTheGroupAndAPendingPackageWithTheTarballAsModelData() throws IOException {
    registry.register(bundle("20261129T034500Z-3f2a9c").writeTo(temp.resolve("b1")));

    assertThat(sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(GROUP)).modelPackageGroupName())
        .isEqualTo(GROUP);
    DescribeModelPackageResponse pkg = onlyPackage();
    assertThat(pkg.modelApprovalStatusAsString()).isEqualTo("PendingManualApproval");
    ModelPackageContainerDefinition container = pkg.inferenceSpecification().containers().get(0);
    assertThat(container.modelDataUrl())
        .isEqualTo("s3://bidsift-models/models/bid-filter/20261129T034500Z-3f2a9c/bundle.tar.gz");
    assertThat(container.image()).isEqualTo(SageMakerRegistryConfig.DEFAULT_IMAGE);
    assertThat(pkg.customerMetadataProperties()).containsAllEntriesOf(Map.of(
        "bidsift:version", "20261129T034500Z-3f2a9c", "metric:auc", "0.912", "metric:recall", "0.950"));
    // the tarball in S3 is the bundle, readable by any tar
    Path tarball = temp.resolve("bundle.tar.gz");
    s3.getObject(b -> b.bucket(BUCKET).key("models/bid-filter/20261129T034500Z-3f2a9c/bundle.tar.gz"),
        ResponseTransformer.toFile(tarball));
    Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
    BundleArchive.unpack(tarball, unpacked, "test");
    assertThat(contents(unpacked)).isEqualTo(contents(temp.resolve("b1")));
  }

  @Test
  void approvalKeepsTheMetricsMetadataThatMotoWouldDrop() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));

    registry.approve("v1", "ok");

    DescribeModelPackageResponse pkg = onlyPackage();
    assertThat(pkg.modelApprovalStatusAsString()).isEqualTo("Approved");
    assertThat(pkg.approvalDescription()).isEqualTo("ok");
    assertThat(pkg.customerMetadataProperties()).containsEntry("metric:auc", "0.912")
        .containsEntry("bidsift:version", "v1");
  }

  @Test
  void packagesThatBidSiftDidNotRegisterAreIgnored() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    sageMaker.createModelPackage(b -> b.modelPackageGroupName(GROUP)
        .modelApprovalStatus("Approved")
        .inferenceSpecification(i -> i
            .containers(ModelPackageContainerDefinition.builder()
                .image("someone-else:1").modelDataUrl("s3://other-bucket/model.tar.gz").build())
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));

    assertThat(registry.list()).extracting(RegisteredModel::version).containsExactly("v1");
    assertThat(registry.latestApproved()).isEmpty();
  }

  private static DescribeModelPackageResponse onlyPackage() {
    var summaries = sageMaker.listModelPackages(b -> b.modelPackageGroupName(GROUP)).modelPackageSummaryList();
    assertThat(summaries).hasSize(1);
    return sageMaker.describeModelPackage(b -> b.modelPackageName(summaries.get(0).modelPackageArn()));
  }
}
