package io.bidsift.training.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Preprocessing reads an {@code s3a://} prefix through hadoop-aws, against a real moto_server's
 * S3 (fails loudly when moto_server is not installed). The logs are uploaded with the AWS SDK v2,
 * not through S3A, so the code under test only reads.
 */
class PreprocessS3aTest {

  private static final String BUCKET = "bidsift-logs";
  private static final String PREFIX = "auctions/v1";

  private static MotoServer moto;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void preprocessingAnS3aPrefixGivesTheSameRowsAsTheLocalCopy() throws IOException {
    Path logs = dir.resolve("logs");
    SyntheticAuctions synthetic = new SyntheticAuctions();
    // Three days (the fewest a split takes) of four auctions, one file per auction hour: 12 files.
    synthetic.write(logs, synthetic.records(SyntheticAuctions.DAYS.subList(0, 3), 4));
    List<Path> files = upload(logs);
    assertThat(files).isNotEmpty().allMatch(f -> logs.relativize(f).toString().matches("dt=[-0-9]+/hr=\\d\\d/.+"));

    SparkSession spark = SparkSetup.session("local[2]");
    configureS3a(spark.sparkContext().hadoopConfiguration(), moto);
    PreprocessJob job = new PreprocessJob(spark, line -> { });
    PreprocessResult local = job.run(PreprocessConfig.of(logs.toString(), dir.resolve("local").toString()));
    PreprocessResult s3 = job.run(PreprocessConfig.of("s3a://" + BUCKET + "/" + PREFIX, dir.resolve("s3").toString()));

    assertThat(s3.stats().files()).isEqualTo(files.size()).isEqualTo(local.stats().files());
    assertThat(s3.stats().lines()).isEqualTo(local.stats().lines()).isEqualTo(12);
    assertThat(s3.stats().auctions()).isEqualTo(local.stats().auctions());
    assertThat(s3.stats().labelledRows()).isEqualTo(local.stats().labelledRows()).isPositive();
    assertThat(s3.stats().splits()).isEqualTo(local.stats().splits());
    assertThat(spark.read().parquet(s3.parquet()).count())
        .isEqualTo(spark.read().parquet(local.parquet()).count())
        .isPositive();
  }

  /** What a user sets as {@code spark.hadoop.fs.s3a.*} for an S3-compatible endpoint (docs/emr.md). */
  private static void configureS3a(Configuration conf, MotoServer moto) {
    conf.set("fs.s3a.endpoint", moto.endpoint().toString());
    conf.set("fs.s3a.endpoint.region", MotoServer.REGION);
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", MotoServer.ACCESS_KEY);
    conf.set("fs.s3a.secret.key", MotoServer.SECRET_KEY);
  }

  private static List<Path> upload(Path logs) throws IOException {
    try (S3Client s3 = S3Client.builder()
        .region(Region.of(MotoServer.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
        .endpointOverride(moto.endpoint())
        .forcePathStyle(true)
        .build();
         Stream<Path> tree = Files.walk(logs)) {
      s3.createBucket(b -> b.bucket(BUCKET));
      List<Path> files = tree.filter(Files::isRegularFile).sorted().toList();
      for (Path f : files) {
        String key = PREFIX + "/" + logs.relativize(f).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f));
      }
      return files;
    }
  }
}
