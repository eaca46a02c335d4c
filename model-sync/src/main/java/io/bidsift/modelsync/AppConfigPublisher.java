package io.bidsift.modelsync;

import io.bidsift.registry.BundleArchive;
import io.bidsift.registry.InvalidBundleException;
import io.bidsift.registry.ModelBundle;
import io.bidsift.registry.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.ConfigurationProfileSummary;
import software.amazon.awssdk.services.appconfig.model.Environment;
import software.amazon.awssdk.services.appconfig.model.ResourceNotFoundException;
import software.amazon.awssdk.services.appconfig.model.StartDeploymentResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Publishes a bundle to AWS AppConfig for {@link AppConfigModelSource}: the tarball in S3, a
 * hosted configuration version holding the {@link BundleDocument}, and a deployment of it.
 * The application, environment and configuration profile must exist (infra creates them);
 * each is found by id or by name.
 */
public final class AppConfigPublisher implements AutoCloseable {

  /** AWS's predefined strategy that deploys to every target at once, without bake time. */
  public static final String ALL_AT_ONCE = "AppConfig.AllAtOnce";
  public static final String TARBALL = "bundle.tar.gz";

  private final AppConfigClient appConfig;
  private final S3Client s3;
  private final boolean ownsClients;

  /** Uses the given clients; the caller closes them. */
  public AppConfigPublisher(AppConfigClient appConfig, S3Client s3) {
    this(appConfig, s3, false);
  }

  private AppConfigPublisher(AppConfigClient appConfig, S3Client s3, boolean ownsClients) {
    this.appConfig = appConfig;
    this.s3 = s3;
    this.ownsClients = ownsClients;
  }

  /** @param endpoint one endpoint for AppConfig and S3 (moto in tests, S3 path-style), or null for AWS */
  public static AppConfigPublisher connect(String region, AwsCredentialsProvider credentials, URI endpoint) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("an AWS region is required (--region or AWS_REGION)");
    }
    var appConfigBuilder = AppConfigClient.builder().region(Region.of(region)).credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder());
    var s3Builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder());
    if (endpoint != null) {
      appConfigBuilder.endpointOverride(endpoint);
      s3Builder.endpointOverride(endpoint).forcePathStyle(true);
    }
    return new AppConfigPublisher(appConfigBuilder.build(), s3Builder.build(), true);
  }

  /**
   * A deployment that was started.
   *
   * @param hostedVersion    the hosted configuration version number that holds the document
   * @param deploymentNumber the deployment's number in its environment
   * @param state            the deployment's state as AppConfig reported it (e.g. DEPLOYING, COMPLETE)
   */
  public record Publication(String applicationId, String environmentId, String profileId, int hostedVersion,
      int deploymentNumber, String state) {
  }

  /** Uploads a bundle tarball to {@code <prefix>/<version>/bundle.tar.gz} and returns the document naming it. */
  public BundleDocument upload(String version, Path tarball, S3Location prefix) throws IOException {
    String key = prefix.key(version + "/" + TARBALL);
    String sha256 = sha256(Files.newInputStream(tarball));
    call("upload to " + prefix.uri(key), () -> s3.putObject(
        b -> b.bucket(prefix.bucket()).key(key).contentType("application/gzip"), RequestBody.fromFile(tarball)));
    return new BundleDocument(version, prefix.uri(key), sha256);
  }

  /**
   * The document for a tarball already in S3 (a SageMaker registry's ModelDataUrl): downloads it,
   * hashes it, and checks that it unpacks to a valid bundle of {@code version}, so a broken bundle
   * is never published.
   */
  public BundleDocument describeExisting(String version, String s3Uri, Path workDir) throws IOException {
    S3Location location = S3Location.parse(s3Uri);
    Path tarball = workDir.resolve(TARBALL);
    call("download " + s3Uri, () -> s3.getObject(b -> b.bucket(location.bucket()).key(location.prefix()),
        ResponseTransformer.toFile(tarball)));
    String sha256 = sha256(Files.newInputStream(tarball));
    Path dir = Files.createDirectory(workDir.resolve("bundle"));
    try {
      BundleArchive.unpack(tarball, dir, s3Uri);
      ModelBundle bundle = ModelBundle.verify(dir, s3Uri);
      if (!bundle.version().equals(version)) {
        throw new PromotionException(s3Uri + " holds version " + bundle.version() + ", not " + version);
      }
    } catch (InvalidBundleException e) {
      throw new PromotionException(e.getMessage(), e);
    }
    return new BundleDocument(version, s3Uri, sha256);
  }

  /** Creates a hosted configuration version holding {@code document} and deploys it with {@code strategy}. */
  public Publication publish(AppConfigTarget target, BundleDocument document, String strategy) {
    String applicationId = applicationId(target.application());
    String profileId = profileId(applicationId, target);
    String environmentId = environmentId(applicationId, target);
    int hostedVersion = call("CreateHostedConfigurationVersion", () -> appConfig.createHostedConfigurationVersion(b -> b
        .applicationId(applicationId)
        .configurationProfileId(profileId)
        .contentType(BundleDocument.CONTENT_TYPE)
        .content(SdkBytes.fromByteArray(document.toJson()))
        .description("BidSift model " + document.version())
        .versionLabel(document.version()))).versionNumber();
    StartDeploymentResponse deployment = call("StartDeployment", () -> appConfig.startDeployment(b -> b
        .applicationId(applicationId)
        .environmentId(environmentId)
        .configurationProfileId(profileId)
        .configurationVersion(Integer.toString(hostedVersion))
        .deploymentStrategyId(strategy)
        .description("BidSift model " + document.version())));
    return new Publication(applicationId, environmentId, profileId, hostedVersion, deployment.deploymentNumber(),
        deployment.stateAsString());
  }

  @Override
  public void close() {
    if (ownsClients) {
      appConfig.close();
      s3.close();
    }
  }

  private String applicationId(String idOrName) {
    try {
      return appConfig.getApplication(b -> b.applicationId(idOrName)).id();
    } catch (ResourceNotFoundException | software.amazon.awssdk.services.appconfig.model.BadRequestException e) {
      // not an id: look it up by name
    } catch (SdkException e) {
      throw failed("GetApplication", e);
    }
    return call("ListApplications", () -> appConfig.listApplicationsPaginator(b -> { }).items().stream()
        .filter(a -> a.name().equals(idOrName)).findFirst())
        .orElseThrow(() -> new PromotionException("no AppConfig application '" + idOrName
            + "' (create it first, e.g. with infra)")).id();
  }

  private String profileId(String applicationId, AppConfigTarget target) {
    Optional<ConfigurationProfileSummary> profile = call("ListConfigurationProfiles", () -> appConfig
        .listConfigurationProfilesPaginator(b -> b.applicationId(applicationId)).items().stream()
        .filter(p -> p.id().equals(target.profile()) || p.name().equals(target.profile())).findFirst());
    return profile.orElseThrow(() -> new PromotionException("no configuration profile '" + target.profile()
        + "' in AppConfig application " + target.application() + " (create a hosted one first, e.g. with infra)")).id();
  }

  private String environmentId(String applicationId, AppConfigTarget target) {
    Optional<Environment> environment = call("ListEnvironments", () -> appConfig
        .listEnvironmentsPaginator(b -> b.applicationId(applicationId)).items().stream()
        .filter(e -> e.id().equals(target.environment()) || e.name().equals(target.environment())).findFirst());
    return environment.orElseThrow(() -> new PromotionException("no environment '" + target.environment()
        + "' in AppConfig application " + target.application() + " (create it first, e.g. with infra)")).id();
  }

  private static <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw failed(operation, e);
    }
  }

  private static PromotionException failed(String operation, SdkException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    return new PromotionException("AppConfig/S3 " + operation + " failed: " + reason, e);
  }

  private static String sha256(InputStream stream) throws IOException {
    try (DigestInputStream in = new DigestInputStream(stream, MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
