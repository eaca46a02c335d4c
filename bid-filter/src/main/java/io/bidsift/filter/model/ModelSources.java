package io.bidsift.filter.model;

import io.bidsift.modelsync.AppConfigModelSource;
import io.bidsift.modelsync.AppConfigTarget;
import io.bidsift.modelsync.LocalModelSource;
import io.bidsift.modelsync.ModelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Opens the model source a {@code bidsift.model.source} spec names. */
final class ModelSources {

  private ModelSources() {
  }

  static ModelSource open(ModelProperties properties) {
    String spec = properties.source();
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("bidsift.model.source is not set: give local:DIR or appconfig:APP/ENV/PROFILE");
    }
    if (spec.startsWith("local:")) {
      return new LocalModelSource(Path.of(spec.substring("local:".length())));
    }
    if (spec.startsWith("appconfig:")) {
      return appConfig(AppConfigTarget.parse(spec.substring("appconfig:".length())), properties.aws());
    }
    throw new IllegalArgumentException("bidsift.model.source '" + spec
        + "' is neither local:DIR nor appconfig:APPLICATION/ENVIRONMENT/PROFILE");
  }

  private static ModelSource appConfig(AppConfigTarget target, ModelProperties.Aws aws) {
    String region = aws.region().isBlank() ? new DefaultAwsRegionProviderChain().getRegion().id() : aws.region();
    Path workDir;
    try {
      workDir = Files.createTempDirectory("bidsift-model-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a download directory for model bundles", e);
    }
    return AppConfigModelSource.connect(target, region, DefaultCredentialsProvider.builder().build(),
        aws.requiredMinimumPollIntervalSeconds() > 0 ? aws.requiredMinimumPollIntervalSeconds() : null,
        uri(aws.appconfigEndpointUrl()), uri(aws.s3EndpointUrl()), workDir);
  }

  private static URI uri(String value) {
    return value.isBlank() ? null : URI.create(value);
  }
}
