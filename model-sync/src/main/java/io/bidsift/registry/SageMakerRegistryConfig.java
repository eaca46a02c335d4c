package io.bidsift.registry;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the SageMaker registry keeps models.
 *
 * @param region           AWS region, e.g. {@code eu-west-1}
 * @param modelPackageGroup the SageMaker model package group; created on first registration
 * @param bundles          where bundle tarballs go: {@code <prefix>/<version>/bundle.tar.gz}
 * @param imageUri         the container image written beside the ModelDataUrl in each model
 *                         package (SageMaker needs one to deploy a package). BidSift never
 *                         deploys packages (the bid filter loads the bundle itself); point it at
 *                         an ECR image to deploy them as SageMaker endpoints. Null for the default
 * @param endpointOverride an endpoint for both SageMaker and S3 (moto_server in tests), or null for AWS
 */
public record SageMakerRegistryConfig(
    String region,
    String modelPackageGroup,
    S3Location bundles,
    String imageUri,
    URI endpointOverride) {

  /** The training image's name, used when no image is configured. */
  public static final String DEFAULT_IMAGE = "bidsift-training:latest";

  /** SageMaker's rule for model package group names. */
  private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  public SageMakerRegistryConfig {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("an AWS region is required (--region or AWS_REGION)");
    }
    if (modelPackageGroup == null || !GROUP_NAME.matcher(modelPackageGroup).matches()) {
      throw new IllegalArgumentException("'" + modelPackageGroup + "' is not a SageMaker model package group name"
          + " (1 to 63 letters, digits and hyphens, starting and ending with a letter or digit)");
    }
    Objects.requireNonNull(bundles, "bundles");
    imageUri = imageUri == null || imageUri.isBlank() ? DEFAULT_IMAGE : imageUri;
  }
}
