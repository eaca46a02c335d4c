package io.bidsift.training.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.testsupport.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Step;

/**
 * Submission against a real moto_server's EMR API. moto never runs steps to completion, so the
 * polling is covered by {@link EmrStepPollingTest}. Fails loudly when moto_server is not installed.
 */
class EmrStepSubmitterMotoTest {

  private static MotoServer moto;
  private static EmrClient emr;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    emr = EmrClient.builder()
        .region(Region.of(MotoServer.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
        .endpointOverride(moto.endpoint())
        .build();
  }

  @AfterAll
  static void stopMoto() {
    if (emr != null) {
      emr.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void submittedStepRunsSparkSubmitInClusterModeWithTheJarAndArguments() {
    String clusterId = emr.runJobFlow(b -> b
        .name("bidsift-training")
        .releaseLabel("emr-7.5.0")
        .applications(a -> a.name("Spark"))
        .serviceRole("EMR_DefaultRole")
        .jobFlowRole("EMR_EC2_DefaultRole")
        .instances(i -> i.instanceCount(3).masterInstanceType("m5.xlarge").slaveInstanceType("m5.xlarge")
            .keepJobFlowAliveWhenNoSteps(true)))
        .jobFlowId();
    EmrStepConfig config = EmrStepConfig.preprocess(clusterId,
            "s3://bidsift-artifacts/jars/training-pipeline-0.1.0-emr.jar",
            "s3://bidsift-logs/auctions/", "s3://bidsift-work/prepared/")
        .withSparkConf(Map.of("spark.sql.shuffle.partitions", "64", "spark.executor.memory", "4g"));

    String stepId = new EmrStepSubmitter(emr, config).submit();

    Step step = emr.describeStep(b -> b.clusterId(clusterId).stepId(stepId)).step();
    assertThat(step.name()).isEqualTo("bidsift preprocess");
    assertThat(step.actionOnFailureAsString()).isEqualTo("CONTINUE");
    assertThat(step.config().jar()).isEqualTo("command-runner.jar");
    assertThat(step.config().args()).containsExactly(
        "spark-submit", "--deploy-mode", "cluster",
        "--class", "io.bidsift.training.preprocess.PreprocessMain",
        "--conf", "spark.executor.memory=4g",
        "--conf", "spark.sql.shuffle.partitions=64",
        "s3://bidsift-artifacts/jars/training-pipeline-0.1.0-emr.jar",
        "--logs", "s3://bidsift-logs/auctions/", "--out", "s3://bidsift-work/prepared/");
    assertThat(emr.listSteps(b -> b.clusterId(clusterId)).steps()).extracting(s -> s.id()).contains(stepId);
  }
}
