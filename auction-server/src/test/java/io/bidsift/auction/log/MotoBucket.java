package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.testsupport.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A bucket on a running moto_server, for the tests of the S3 log: create, read back, inspect versions. */
public record MotoBucket(MotoServer moto, String name) {

  /** Starts from an empty account: a new, versioned bucket (so an overwrite shows as a second version). */
  public static MotoBucket fresh(MotoServer moto, String name) {
    moto.reset();
    try (S3Client s3 = client(moto.endpoint(), Duration.ofSeconds(30))) {
      s3.createBucket(b -> b.bucket(name));
      s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
    return new MotoBucket(moto, name);
  }

  /**
   * A client of {@code endpoint} (moto, or a proxy in front of it) whose calls give up after
   * {@code timeout}, so a test of an outage does not wait for the SDK's defaults.
   */
  public static S3Client client(URI endpoint, Duration timeout) {
    return S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
        .overrideConfiguration(c -> c.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
        .region(Region.of(MotoServer.REGION)).endpointOverride(endpoint).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY))).build();
  }

  /** Keys under {@code prefix/}, relative to it. */
  public List<String> keys(String prefix) {
    try (S3Client s3 = client(moto.endpoint(), Duration.ofSeconds(30))) {
      return s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix + "/")).contents().stream()
          .map(o -> o.key().substring(prefix.length() + 1)).toList();
    }
  }

  /** How many versions each key under {@code prefix/} has: more than one means it was overwritten. */
  public Map<String, Long> versionCounts(String prefix) {
    try (S3Client s3 = client(moto.endpoint(), Duration.ofSeconds(30))) {
      return s3.listObjectVersionsPaginator(b -> b.bucket(name).prefix(prefix + "/")).versions().stream()
          .collect(Collectors.groupingBy(ObjectVersion::key, Collectors.counting()));
    }
  }

  /** Downloads every object under {@code prefix/} into {@code dir}, keeping the layout; the relative keys. */
  public List<String> download(String prefix, Path dir) {
    List<String> files = new ArrayList<>();
    try (S3Client s3 = client(moto.endpoint(), Duration.ofSeconds(30))) {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix + "/")).contents()) {
        String relative = o.key().substring(prefix.length() + 1);
        files.add(relative);
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        s3.getObject(b -> b.bucket(name).key(o.key()), ResponseTransformer.toFile(target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Every record under {@code prefix/}, read back the way the training pipeline reads a log. */
  public List<AuctionRecord> records(String prefix, Path scratch, AuctionLogCodec codec) {
    download(prefix, scratch);
    List<AuctionRecord> records = new ArrayList<>();
    new AuctionLogReader(codec).read(scratch, records::add);
    return records;
  }
}
