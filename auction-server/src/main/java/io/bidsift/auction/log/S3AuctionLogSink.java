package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The auction log in S3, under {@code s3://bucket/prefix/dt=YYYY-MM-DD/hr=HH/<writer>-<seq>.jsonl.gz}
 * (the layout of contracts.md §1). Records go to an {@link AuctionLogWriter} in a local staging
 * directory; each finished file is uploaded, then deleted locally.
 *
 * <p>Why stage locally instead of streaming to S3: an S3 object cannot be appended to, and a
 * finished gzip file is the unit readers (and Spark tasks) want. The staging directory also keeps
 * what could not be uploaded yet (S3 down): it is retried on every tick and at close, and files a
 * crashed server left finished there are shipped by the next one.
 */
public final class S3AuctionLogSink implements AuctionLogSink {

  private static final String SUFFIX = ".jsonl.gz";

  private final AuctionLogWriter writer;
  private final Path staging;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /**
   * @param s3     built by the caller (region, credentials, endpoint); closed with this sink
   * @param prefix key prefix without leading or trailing slash, may be empty
   */
  public S3AuctionLogSink(AuctionLogWriterConfig stagingConfig, AuctionLogCodec codec, S3Client s3, String bucket,
                          String prefix) {
    this.writer = new AuctionLogWriter(stagingConfig, codec);
    this.staging = stagingConfig.root();
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
  }

  @Override
  public void append(AuctionRecord record) {
    writer.append(record);
  }

  @Override
  public void tick() {
    writer.finishIdleFiles();
    uploadFinished();
  }

  @Override
  public void close() {
    try {
      writer.close();
      uploadFinished();
    } finally {
      s3.close();
    }
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  /** Uploads every finished file of the staging directory, then deletes it; in-progress files wait. */
  private void uploadFinished() {
    if (!Files.isDirectory(staging)) {
      return;
    }
    List<Path> finished;
    try (Stream<Path> files = Files.walk(staging)) {
      finished = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the staging directory " + staging, e);
    }
    for (Path file : finished) {
      String key = prefix + staging.relativize(file).toString().replace('\\', '/');
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/gzip").build(),
          RequestBody.fromFile(file));
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException("uploaded " + key + " but cannot delete " + file, e);
      }
    }
  }
}
