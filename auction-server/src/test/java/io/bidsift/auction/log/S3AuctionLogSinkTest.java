package io.bidsift.auction.log;

import io.bidsift.testsupport.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The shared sink contract against S3 on a real moto_server. */
class S3AuctionLogSinkTest extends AuctionLogSinkContractTest {

  private static final String BUCKET = "auction-logs";
  private static MotoServer moto;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  private static S3Client client() {
    return S3Client.builder().httpClientBuilder(ApacheHttpClient.builder()).region(Region.of(MotoServer.REGION))
        .endpointOverride(moto.endpoint()).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY))).build();
  }

  @Override
  AuctionLogSink sink(Path staging) {
    moto.reset();
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
    return new S3AuctionLogSink(config(staging), CODEC, client(), BUCKET, "raw/v1", Long.MAX_VALUE,
        Duration.ofSeconds(1), new SimpleMeterRegistry());
  }

  @Override
  List<String> publishedFiles(Path localCopy) {
    List<String> files = new ArrayList<>();
    try (S3Client s3 = client()) {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("raw/v1/")).contents()) {
        String relative = o.key().substring("raw/v1/".length());
        files.add(relative);
        Path target = localCopy.resolve(relative);
        try {
          java.nio.file.Files.createDirectories(target.getParent());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        s3.getObject(b -> b.bucket(BUCKET).key(o.key()), ResponseTransformer.toFile(target));
      }
    }
    return files;
  }
}
