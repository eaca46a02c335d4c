package io.bidsift.modelsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.testsupport.FakeAppConfigData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.appconfigdata.model.BadRequestException;
import software.amazon.awssdk.services.appconfigdata.model.GetLatestConfigurationResponse;
import software.amazon.awssdk.services.appconfigdata.model.InternalServerException;

/** The fake answers the real SDK client the way AWS does, so the adapter tests mean something. */
class FakeAppConfigDataTest {

  @Test
  void tokensAreSingleUseAndAnUnchangedConfigurationComesBackEmpty() {
    try (FakeAppConfigData fake = FakeAppConfigData.start();
        AppConfigDataClient client = AwsTestClients.appConfigData(fake.endpoint())) {
      fake.publish("app", "env", "profile", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "v1");
      String token = client.startConfigurationSession(b -> b.applicationIdentifier("app")
          .environmentIdentifier("env").configurationProfileIdentifier("profile")).initialConfigurationToken();

      GetLatestConfigurationResponse first = client.getLatestConfiguration(b -> b.configurationToken(token));
      GetLatestConfigurationResponse second = client.getLatestConfiguration(
          b -> b.configurationToken(first.nextPollConfigurationToken()));

      assertThat(first.configuration().asUtf8String()).isEqualTo("{\"a\":1}");
      assertThat(first.contentType()).isEqualTo("application/json");
      assertThat(first.versionLabel()).isEqualTo("v1");
      assertThat(first.nextPollIntervalInSeconds()).isEqualTo(FakeAppConfigData.DEFAULT_POLL_INTERVAL_SECONDS);
      assertThat(second.configuration().asByteArray()).isEmpty();
      assertThat(second.nextPollConfigurationToken()).isNotEqualTo(first.nextPollConfigurationToken());
      assertThatThrownBy(() -> client.getLatestConfiguration(b -> b.configurationToken(token)))
          .isInstanceOf(BadRequestException.class);
    }
  }

  @Test
  void aSimulatedOutageAnswersInternalServerException() {
    try (FakeAppConfigData fake = FakeAppConfigData.start();
        AppConfigDataClient client = AwsTestClients.appConfigData(fake.endpoint())) {
      fake.failRequests(500);

      assertThatThrownBy(() -> client.startConfigurationSession(b -> b.applicationIdentifier("app")
          .environmentIdentifier("env").configurationProfileIdentifier("profile")))
          .isInstanceOf(InternalServerException.class);
    }
  }
}
