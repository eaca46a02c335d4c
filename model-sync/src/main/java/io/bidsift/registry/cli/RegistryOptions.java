package io.bidsift.registry.cli;

import io.bidsift.registry.LocalModelRegistry;
import io.bidsift.registry.ModelRegistry;
import io.bidsift.registry.S3Location;
import io.bidsift.registry.SageMakerModelRegistry;
import io.bidsift.registry.SageMakerRegistryConfig;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say which registry a command works on; shared by every registry command. */
final class RegistryOptions {

  static final String LOCAL = "local:";
  static final String SAGEMAKER = "sagemaker:";

  @Option(names = "--registry", paramLabel = "SPEC",
      description = {"local:DIR, or sagemaker:GROUP (a SageMaker model package group; needs --s3).",
          "Default: local:$${BIDSIFT_HOME:-.bidsift}/registry"})
  String spec;

  @Option(names = "--s3", paramLabel = "s3://BUCKET/PREFIX",
      description = "sagemaker: where bundle tarballs go (<prefix>/<version>/bundle.tar.gz)")
  String s3;

  @Option(names = "--region", paramLabel = "REGION",
      description = "sagemaker: AWS region (default: $AWS_REGION, then $AWS_DEFAULT_REGION)")
  String region;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "sagemaker: one endpoint for SageMaker and S3, e.g. a moto_server (default: $BIDSIFT_AWS_ENDPOINT)")
  String endpointUrl;

  @Option(names = "--image", paramLabel = "URI",
      description = "sagemaker: container image written into new model packages (default: "
          + SageMakerRegistryConfig.DEFAULT_IMAGE + ")")
  String image;

  /** Opens the registry the options name; the caller closes it. */
  ModelRegistry open(CliEnvironment environment) {
    return open(environment, false);
  }

  /**
   * Like {@link #open(CliEnvironment)}; with {@code awsOptionsShared} a local registry accepts
   * --s3, --region and --endpoint-url, which then apply to an AWS target ({@code promote}).
   */
  ModelRegistry open(CliEnvironment environment, boolean awsOptionsShared) {
    String effective = spec != null ? spec : LOCAL + defaultLocalDir(environment);
    if (effective.startsWith(LOCAL)) {
      if (!awsOptionsShared) {
        rejectSageMakerOptions();
      }
      String dir = effective.substring(LOCAL.length());
      if (dir.isBlank()) {
        throw new IllegalArgumentException("--registry local: needs a directory, e.g. local:.bidsift/registry");
      }
      return new LocalModelRegistry(environment.workingDir().resolve(dir));
    }
    if (effective.startsWith(SAGEMAKER)) {
      if (s3 == null) {
        throw new IllegalArgumentException("--registry " + effective + " needs --s3 s3://BUCKET/PREFIX for the bundles");
      }
      SageMakerRegistryConfig config = new SageMakerRegistryConfig(region(environment),
          effective.substring(SAGEMAKER.length()), S3Location.parse(s3), image, endpoint(environment));
      return SageMakerModelRegistry.connect(config, environment.credentials());
    }
    throw new IllegalArgumentException("--registry '" + effective + "' is neither local:DIR nor sagemaker:GROUP");
  }

  /** --region, else $AWS_REGION, else $AWS_DEFAULT_REGION; null when none is set. */
  String region(CliEnvironment environment) {
    return first(region, environment.get("AWS_REGION"), environment.get("AWS_DEFAULT_REGION"));
  }

  /** --endpoint-url, else $BIDSIFT_AWS_ENDPOINT; null for AWS itself. */
  URI endpoint(CliEnvironment environment) {
    String endpoint = first(endpointUrl, environment.get("BIDSIFT_AWS_ENDPOINT"));
    return endpoint == null ? null : URI.create(endpoint);
  }

  private static Path defaultLocalDir(CliEnvironment environment) {
    String home = environment.get("BIDSIFT_HOME");
    return Path.of(home == null ? ".bidsift" : home).resolve("registry");
  }

  private void rejectSageMakerOptions() {
    if (s3 != null || region != null || endpointUrl != null || image != null) {
      throw new IllegalArgumentException("--s3, --region, --endpoint-url and --image apply to a sagemaker: registry only");
    }
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
