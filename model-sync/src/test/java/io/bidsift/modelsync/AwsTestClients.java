package io.bidsift.modelsync;

import io.bidsift.testsupport.MotoServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real SDK clients for moto and the AppConfigData fake. The SDK's own retries are off, so one
 * poll is one request and an outage shows on the first call (ModelSync does the retrying).
 */
final class AwsTestClients {

  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));

  private AwsTestClients() {
  }

  static AppConfigDataClient appConfigData(URI endpoint) {
    return AppConfigDataClient.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint).httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  static AppConfigClient appConfig(URI endpoint) {
    return AppConfigClient.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint).httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  static S3Client s3(URI endpoint) {
    return S3Client.builder().region(Region.of(MotoServer.REGION)).credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint).forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }
}
