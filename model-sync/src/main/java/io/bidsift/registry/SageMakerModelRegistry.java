package io.bidsift.registry;

import io.bidsift.bundle.BundleManifest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceSpecification;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * The registry in the SageMaker Model Registry: one model package group, one model package per
 * version, the bundle as {@code <prefix>/<version>/bundle.tar.gz} in S3 (the package's ModelDataUrl).
 *
 * <table>
 *   <caption>How a {@link RegisteredModel} maps onto a model package</caption>
 *   <tr><td>version</td><td>the S3 key of ModelDataUrl, {@code <prefix>/<version>/bundle.tar.gz}</td></tr>
 *   <tr><td>status</td><td>ModelApprovalStatus</td></tr>
 *   <tr><td>registeredAt, statusChangedAt</td><td>CreationTime, LastModifiedTime</td></tr>
 *   <tr><td>note</td><td>ApprovalDescription</td></tr>
 *   <tr><td>metrics</td><td>CustomerMetadataProperties {@code metric:<name>}</td></tr>
 * </table>
 *
 * <p>The version is read from the S3 key, not from the {@code bidsift:version} metadata
 * property written beside it: the key cannot change after CreateModelPackage (UpdateModelPackage
 * cannot touch the InferenceSpecification), while metadata can be edited or, under moto, lost.
 *
 * <p>Listing describes every package of the group (ListModelPackages returns no metadata), one
 * request per version: fine for a registry of hundreds of versions, used by people and a pipeline.
 */
public final class SageMakerModelRegistry implements ModelRegistry {

  static final String BUNDLE_FILE = "bundle.tar.gz";
  static final String VERSION_PROPERTY = "bidsift:version";
  static final String METRIC_PREFIX = "metric:";

  private final SageMakerClient sageMaker;
  private final S3Client s3;
  private final SageMakerRegistryConfig config;
  private final boolean ownsClients;

  /** Uses the given clients; the caller closes them. */
  public SageMakerModelRegistry(SageMakerClient sageMaker, S3Client s3, SageMakerRegistryConfig config) {
    this(sageMaker, s3, config, false);
  }

  private SageMakerModelRegistry(SageMakerClient sageMaker, S3Client s3, SageMakerRegistryConfig config,
      boolean ownsClients) {
    this.sageMaker = sageMaker;
    this.s3 = s3;
    this.config = config;
    this.ownsClients = ownsClients;
  }

  /** Opens clients for the config's region and endpoint; {@link #close()} closes them. */
  public static SageMakerModelRegistry connect(SageMakerRegistryConfig config, AwsCredentialsProvider credentials) {
    Region region = Region.of(config.region());
    var sageMakerBuilder = SageMakerClient.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder());
    var s3Builder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder());
    if (config.endpointOverride() != null) {
      sageMakerBuilder.endpointOverride(config.endpointOverride());
      // An emulator on one host:port cannot serve virtual-hosted bucket names (bucket.host).
      s3Builder.endpointOverride(config.endpointOverride()).forcePathStyle(true);
    }
    return new SageMakerModelRegistry(sageMakerBuilder.build(), s3Builder.build(), config, true);
  }

  @Override
  public RegisteredModel register(Path bundleDir) {
    ModelBundle bundle = ModelBundle.verify(bundleDir);
    String version = bundle.version();
    ensureGroup();
    if (locate(version).isPresent()) {
      throw new DuplicateVersionException(version, describe());
    }
    String key = config.bundles().key(version + "/" + BUNDLE_FILE);
    Path work = null;
    try {
      work = Files.createTempDirectory("bidsift-register-");
      // The archive is made from a checked copy, not the source, which may change meanwhile.
      bundle.copyTo(work.resolve("bundle"));
      ModelBundle copy = ModelBundle.verify(work.resolve("bundle"), "bundle " + bundleDir);
      if (!copy.version().equals(version)) {
        throw new InvalidBundleException("bundle " + bundleDir + ": changed while it was registered");
      }
      Path tarball = work.resolve(BUNDLE_FILE);
      BundleArchive.pack(copy, tarball);
      call("upload " + config.bundles().uri(key), () -> s3.putObject(
          b -> b.bucket(config.bundles().bucket()).key(key).contentType("application/gzip"),
          RequestBody.fromFile(tarball)));
    } catch (IOException e) {
      throw new RegistryException("could not archive bundle " + bundleDir + ": " + e, e);
    } finally {
      Directories.deleteQuietly(work);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(VERSION_PROPERTY, version);
    MetricsSummary.of(bundle.manifest().metrics()).forEach((k, v) -> metadata.put(METRIC_PREFIX + k, v));
    String arn = call("CreateModelPackage", () -> sageMaker.createModelPackage(b -> b
        .modelPackageGroupName(config.modelPackageGroup())
        .modelPackageDescription("BidSift model " + version)
        .modelApprovalStatus(ApprovalStatus.PENDING.sageMakerName())
        .inferenceSpecification(InferenceSpecification.builder()
            .containers(ModelPackageContainerDefinition.builder()
                .image(config.imageUri())
                .modelDataUrl(config.bundles().uri(key))
                .build())
            .supportedContentTypes("application/json")
            .supportedResponseMIMETypes("application/json")
            .build())
        .customerMetadataProperties(metadata))).modelPackageArn();
    return toModel(describePackage(arn)).orElseThrow(() -> new RegistryException(
        "model package " + arn + " does not read back as version " + version));
  }

  @Override
  public List<RegisteredModel> list() {
    List<RegisteredModel> models = new ArrayList<>();
    for (ModelPackageSummary summary : summaries()) {
      toModel(describePackage(summary.modelPackageArn())).ifPresent(models::add);
    }
    models.sort(RegisteredModel.BY_REGISTRATION);
    return List.copyOf(models);
  }

  @Override
  public Optional<RegisteredModel> find(String version) {
    return locate(version).flatMap(this::toModel);
  }

  @Override
  public Path fetch(String version, Path targetDir) {
    DescribeModelPackageResponse pkg = locate(version)
        .orElseThrow(() -> new UnknownVersionException(version, describe()));
    String key = config.bundles().key(version + "/" + BUNDLE_FILE);
    String uri = config.bundles().uri(key);
    Path downloads = null;
    try {
      downloads = Files.createTempDirectory("bidsift-fetch-");
      Path tarball = downloads.resolve(BUNDLE_FILE);
      call("download " + uri, () -> s3.getObject(b -> b.bucket(config.bundles().bucket()).key(key),
          ResponseTransformer.toFile(tarball)));
      return BundleTarget.install(targetDir, version, uri + " (model package " + pkg.modelPackageArn() + ")",
          staging -> BundleArchive.unpack(tarball, staging, uri));
    } catch (IOException e) {
      throw new RegistryException("could not fetch " + version + " from " + uri + ": " + e, e);
    } finally {
      Directories.deleteQuietly(downloads);
    }
  }

  @Override
  public String describe() {
    return "sagemaker:" + config.modelPackageGroup() + " (" + config.bundles() + ")";
  }

  @Override
  public void close() {
    if (ownsClients) {
      sageMaker.close();
      s3.close();
    }
  }

  @Override
  public RegisteredModel setStatus(String version, ApprovalStatus status, String note) {
    String normalized = ApprovalNote.normalize(note);
    DescribeModelPackageResponse pkg = locate(version)
        .orElseThrow(() -> new UnknownVersionException(version, describe()));
    call("UpdateModelPackage", () -> sageMaker.updateModelPackage(b -> b
        .modelPackageArn(pkg.modelPackageArn())
        .modelApprovalStatus(status.sageMakerName())
        // Always sent, empty for no note: an absent description would keep the previous note
        // on AWS, and the note must be the one given with the latest status change.
        .approvalDescription(normalized == null ? "" : normalized)
        // Sent back unchanged. AWS keeps properties an update does not mention; moto replaces
        // them with the request's (none), which would lose the metrics there.
        .customerMetadataProperties(pkg.customerMetadataProperties())));
    return toModel(describePackage(pkg.modelPackageArn())).orElseThrow(() -> new RegistryException(
        "model package " + pkg.modelPackageArn() + " does not read back as version " + version));
  }

  /** The package that holds {@code version}, if any. */
  private Optional<DescribeModelPackageResponse> locate(String version) {
    ModelVersions.requireValid(version);
    for (ModelPackageSummary summary : summaries()) {
      DescribeModelPackageResponse pkg = describePackage(summary.modelPackageArn());
      if (versionOf(pkg).filter(version::equals).isPresent()) {
        return Optional.of(pkg);
      }
    }
    return Optional.empty();
  }

  private List<ModelPackageSummary> summaries() {
    return call("ListModelPackages", () -> {
      List<ModelPackageSummary> all = new ArrayList<>();
      sageMaker.listModelPackagesPaginator(b -> b
              .modelPackageGroupName(config.modelPackageGroup())
              .sortBy(ModelPackageSortBy.CREATION_TIME)
              .sortOrder(SortOrder.ASCENDING))
          .modelPackageSummaryList()
          .forEach(all::add);
      return all;
    });
  }

  private DescribeModelPackageResponse describePackage(String arn) {
    return call("DescribeModelPackage", () -> sageMaker.describeModelPackage(b -> b.modelPackageName(arn)));
  }

  /** The version a package holds: the directory of its bundle under the configured prefix. */
  private Optional<String> versionOf(DescribeModelPackageResponse pkg) {
    InferenceSpecification spec = pkg.inferenceSpecification();
    if (spec == null || !spec.hasContainers() || spec.containers().isEmpty()) {
      return Optional.empty();
    }
    String url = spec.containers().get(0).modelDataUrl();
    String start = config.bundles().uri(config.bundles().key(""));
    String end = "/" + BUNDLE_FILE;
    if (url == null || !url.startsWith(start) || !url.endsWith(end)) {
      return Optional.empty();
    }
    String version = url.substring(start.length(), url.length() - end.length());
    return BundleManifest.isValidVersion(version) ? Optional.of(version) : Optional.empty();
  }

  /** The package as a registered model; empty for a package BidSift did not register. */
  private Optional<RegisteredModel> toModel(DescribeModelPackageResponse pkg) {
    return versionOf(pkg).map(version -> {
      Map<String, String> metrics = new LinkedHashMap<>();
      pkg.customerMetadataProperties().forEach((k, v) -> {
        if (k.startsWith(METRIC_PREFIX)) {
          metrics.put(k.substring(METRIC_PREFIX.length()), v);
        }
      });
      Instant created = pkg.creationTime();
      Instant changed = pkg.lastModifiedTime() == null ? created : pkg.lastModifiedTime();
      String note = pkg.approvalDescription() == null || pkg.approvalDescription().isBlank()
          ? null : pkg.approvalDescription();
      return new RegisteredModel(version, ApprovalStatus.fromSageMakerName(pkg.modelApprovalStatusAsString()),
          created, changed, note, metrics, URI.create(
              pkg.inferenceSpecification().containers().get(0).modelDataUrl()));
    });
  }

  private void ensureGroup() {
    try {
      sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(config.modelPackageGroup()));
    } catch (SageMakerException e) {
      String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
      if (!message.contains("does not exist")) {
        throw failed("DescribeModelPackageGroup", e);
      }
      call("CreateModelPackageGroup", () -> sageMaker.createModelPackageGroup(b -> b
          .modelPackageGroupName(config.modelPackageGroup())
          .modelPackageGroupDescription("BidSift models (bid filter bundles)")));
    } catch (SdkException e) {
      throw failed("DescribeModelPackageGroup", e);
    }
  }

  private <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw failed(operation, e);
    }
  }

  private RegistryException failed(String operation, SdkException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    return new RegistryException(describe() + ": " + operation + " failed: " + reason, e);
  }
}
