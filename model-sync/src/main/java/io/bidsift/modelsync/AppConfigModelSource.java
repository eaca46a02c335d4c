package io.bidsift.modelsync;

import io.bidsift.registry.Directories;
import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleReader;
import io.bidsift.bundle.BundleVerificationException;
import io.bidsift.bundle.VerifiedBundle;
import io.bidsift.cli.Reasons;
import io.bidsift.registry.BundleArchive;
import io.bidsift.registry.InvalidBundleException;
import io.bidsift.registry.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.appconfigdata.model.GetLatestConfigurationResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS source: an AppConfig configuration (a {@link BundleDocument}) names the bundle tarball
 * in S3 and its sha256.
 *
 * <p>AppConfigData is used as AWS prescribes: StartConfigurationSession once, then
 * GetLatestConfiguration with the token the previous call returned (tokens are single use), no
 * sooner than NextPollIntervalInSeconds. An empty configuration means "unchanged since your
 * last call"; the source keeps offering the last document it received, so a download that failed
 * is tried again on a later poll. Any failed call drops the token, and the next poll starts a new
 * session (which returns the current document again; {@link ModelSync} sees it is the one it
 * serves or rejected, by its fingerprint, and does not fetch it twice).
 *
 * <p>A fetch downloads the tarball into a work directory, checks its sha256 against the
 * document's, unpacks it ({@link BundleArchive}: regular files only, nothing outside the bundle),
 * and verifies every file against the manifest ({@link BundleReader}). Only the latest fetched
 * bundle is kept on disk; the loaded model holds what it needs in memory.
 */
public final class AppConfigModelSource implements ModelSource {

  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  private final AppConfigDataClient appConfig;
  private final S3Client s3;
  private final AppConfigTarget target;
  private final Integer requiredMinimumPollIntervalSeconds;
  private final Path workDir;
  private final boolean ownsClients;
  private final BundleReader reader = new BundleReader();

  private String token;
  private BundleOffer latest;
  private Path lastFetched;

  /**
   * Uses the given clients; the caller closes them.
   *
   * @param requiredMinimumPollIntervalSeconds sent with StartConfigurationSession (AWS: at least 15), or null
   * @param workDir                            where tarballs are downloaded and unpacked (created if needed)
   */
  public AppConfigModelSource(AppConfigDataClient appConfig, S3Client s3, AppConfigTarget target,
      Integer requiredMinimumPollIntervalSeconds, Path workDir) {
    this(appConfig, s3, target, requiredMinimumPollIntervalSeconds, workDir, false);
  }

  private AppConfigModelSource(AppConfigDataClient appConfig, S3Client s3, AppConfigTarget target,
      Integer requiredMinimumPollIntervalSeconds, Path workDir, boolean ownsClients) {
    this.appConfig = appConfig;
    this.s3 = s3;
    this.target = target;
    this.requiredMinimumPollIntervalSeconds = requiredMinimumPollIntervalSeconds;
    this.workDir = workDir.toAbsolutePath().normalize();
    this.ownsClients = ownsClients;
  }

  /**
   * Opens AppConfigData and S3 clients (Apache HTTP client); {@link #close()} closes them.
   *
   * @param appConfigEndpoint endpoint override for AppConfigData (a fake in tests), or null for AWS
   * @param s3Endpoint        endpoint override for S3 (moto in tests; path-style addressing), or null for AWS
   */
  public static AppConfigModelSource connect(AppConfigTarget target, String region, AwsCredentialsProvider credentials,
      Integer requiredMinimumPollIntervalSeconds, URI appConfigEndpoint, URI s3Endpoint, Path workDir) {
    var appConfigBuilder = AppConfigDataClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder());
    var s3Builder = S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder());
    if (appConfigEndpoint != null) {
      appConfigBuilder.endpointOverride(appConfigEndpoint);
    }
    if (s3Endpoint != null) {
      s3Builder.endpointOverride(s3Endpoint).forcePathStyle(true);
    }
    return new AppConfigModelSource(appConfigBuilder.build(), s3Builder.build(), target,
        requiredMinimumPollIntervalSeconds, workDir, true);
  }

  @Override
  public SourcePoll poll() {
    GetLatestConfigurationResponse response;
    try {
      if (token == null) {
        token = appConfig.startConfigurationSession(b -> b
            .applicationIdentifier(target.application())
            .environmentIdentifier(target.environment())
            .configurationProfileIdentifier(target.profile())
            .requiredMinimumPollIntervalInSeconds(requiredMinimumPollIntervalSeconds))
            .initialConfigurationToken();
      }
      String used = token;
      token = null;
      response = appConfig.getLatestConfiguration(b -> b.configurationToken(used));
    } catch (SdkException e) {
      throw new ModelSourceException(describe() + ": " + Reasons.oneLine(e), e);
    }
    token = response.nextPollConfigurationToken();
    Integer seconds = response.nextPollIntervalInSeconds();
    Duration interval = seconds == null ? DEFAULT_INTERVAL : Duration.ofSeconds(seconds);
    SdkBytes configuration = response.configuration();
    if (configuration != null && configuration.asByteArrayUnsafe().length > 0) {
      latest = offer(configuration.asByteArray(), response.versionLabel());
    }
    return latest == null ? SourcePoll.nothingPublished(interval) : SourcePoll.of(latest, interval);
  }

  @Override
  public String describe() {
    return "appconfig:" + target;
  }

  @Override
  public void close() {
    if (ownsClients) {
      appConfig.close();
      s3.close();
    }
    Directories.deleteQuietly(lastFetched);
  }

  private BundleOffer offer(byte[] json, String versionLabel) {
    String fingerprint = BundleFiles.sha256(json);
    String where = describe() + (versionLabel == null ? "" : " (version label " + versionLabel + ")");
    BundleDocument document;
    try {
      document = BundleDocument.parse(json);
    } catch (IllegalArgumentException e) {
      String message = "the configuration of " + where + " is not a bundle document: " + e.getMessage();
      return new BundleOffer("(invalid document)", fingerprint, where, () -> {
        throw new BundleRejectedException(RejectReason.INVALID_DOCUMENT, message);
      });
    }
    return new BundleOffer(document.version(), fingerprint, document.bundle(), () -> fetch(document));
  }

  private VerifiedBundle fetch(BundleDocument document) {
    Path dir = null;
    try {
      Files.createDirectories(workDir);
      dir = Files.createTempDirectory(workDir, document.version() + "-");
      Path tarball = dir.resolve("bundle.tar.gz");
      S3Location location = document.location();
      try {
        s3.getObject(b -> b.bucket(location.bucket()).key(location.prefix()), ResponseTransformer.toFile(tarball));
      } catch (SdkException e) {
        throw new ModelSourceException("download of " + document.bundle() + " failed: " + Reasons.oneLine(e), e);
      }
      String actual = sha256(tarball);
      if (!actual.equals(document.sha256())) {
        throw new BundleRejectedException(RejectReason.CHECKSUM_MISMATCH, document.bundle() + " has sha256 " + actual
            + ", the document says " + document.sha256());
      }
      Path bundleDir = Files.createDirectory(dir.resolve("bundle"));
      VerifiedBundle bundle;
      try {
        BundleArchive.unpack(tarball, bundleDir, document.bundle());
        bundle = reader.read(bundleDir);
      } catch (InvalidBundleException | BundleVerificationException e) {
        throw new BundleRejectedException(RejectReason.INVALID_BUNDLE, e.getMessage(), e);
      }
      Files.delete(tarball);
      Directories.deleteQuietly(lastFetched);
      lastFetched = dir;
      dir = null;
      return bundle;
    } catch (IOException | UncheckedIOException e) {
      throw new ModelSourceException("could not store " + document.bundle() + " in " + workDir + ": " + e, e);
    } finally {
      Directories.deleteQuietly(dir);
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
