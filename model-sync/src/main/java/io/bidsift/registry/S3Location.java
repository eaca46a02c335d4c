package io.bidsift.registry;

import java.util.Objects;

/**
 * A bucket and a key prefix, written {@code s3://bucket/prefix}.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix without leading or trailing slash; empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (bucket.isBlank() || bucket.contains("/")) {
      throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name");
    }
    prefix = strip(prefix);
  }

  /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix}. */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://") || uri.length() == "s3://".length()) {
      throw new IllegalArgumentException("'" + uri + "' is not an S3 location (s3://bucket/prefix)");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The key of {@code relative} under the prefix. */
  public String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  /** The {@code s3://} URI of a key in this bucket. */
  public String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
  }

  private static String strip(String prefix) {
    int start = 0;
    int end = prefix.length();
    while (start < end && prefix.charAt(start) == '/') {
      start++;
    }
    while (end > start && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(start, end);
  }
}
