package io.bidsift.training.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * Step-state polling, driven through the real EmrClient against a stub of EMR's AWS JSON 1.1
 * protocol (X-Amz-Target dispatch) on the JDK's HTTP server. A stub, because no real component
 * runs EMR steps to completion here: moto never finishes them. Time is a fake clock that the
 * submitter's sleeps advance, so waits and the timeout are exact and instant.
 */
class EmrStepPollingTest {

  private static final String CLUSTER = "j-2AXXXXXXGAPLF";
  private static final String STEP = "s-1K9XXXXXXAUU";

  private HttpServer server;
  private EmrClient emr;
  /** Scripted replies, consumed in order; the last DescribeStep reply repeats when they run out. */
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final FakeTime time = new FakeTime();

  record Request(String target, String body) {
  }

  record Reply(int status, String body) {
  }

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    emr = EmrClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub")))
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .build();
  }

  @AfterEach
  void stopStub() {
    emr.close();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body));
    Reply reply;
    synchronized (replies) {
      reply = replies.size() > 1 ? replies.poll() : replies.peek();
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Reply step(String state) {
    return step(state, "");
  }

  private static Reply step(String state, String failureDetails) {
    return new Reply(200, "{\"Step\":{\"Id\":\"" + STEP + "\",\"Name\":\"bidsift preprocess\","
        + "\"ActionOnFailure\":\"CONTINUE\",\"Config\":{\"Jar\":\"command-runner.jar\",\"Args\":[\"spark-submit\"]},"
        + "\"Status\":{\"State\":\"" + state + "\"," + failureDetails
        + "\"StateChangeReason\":{},\"Timeline\":{\"CreationDateTime\":1.7643888E9}}}}");
  }

  private EmrStepSubmitter submitter(Duration poll, Duration maxPoll, Duration timeout) {
    EmrStepConfig config = EmrStepConfig.of(CLUSTER, "s3://artifacts/training-pipeline-emr.jar",
        "io.bidsift.training.preprocess.PreprocessMain", List.of("--logs", "s3://logs/"))
        .withPolling(poll, maxPoll, timeout);
    return new EmrStepSubmitter(emr, config, time, time::sleep);
  }

  @Test
  void pollsWithDoublingWaitsUntilTheStepCompletes() {
    replies.addAll(List.of(step("PENDING"), step("RUNNING"), step("RUNNING"), step("RUNNING"), step("COMPLETED")));

    StepOutcome outcome = submitter(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(1)).await(STEP);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.state()).isEqualTo(StepState.COMPLETED);
    assertThat(outcome.failureReason()).isNull();
    assertThat(time.sleeps).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30));
    assertThat(requests).hasSize(5).allSatisfy(r -> {
      assertThat(r.target()).isEqualTo("ElasticMapReduce.DescribeStep");
      assertThat(r.body()).contains("\"ClusterId\":\"" + CLUSTER + "\"", "\"StepId\":\"" + STEP + "\"");
    });
  }

  @Test
  void failedStepReportsEmrsReasonMessageAndLogFile() {
    replies.addAll(List.of(step("RUNNING"), step("FAILED", "\"FailureDetails\":{\"Reason\":\"Step failed\","
        + "\"Message\":\"Exception in thread \\\"main\\\" java.lang.IllegalArgumentException: no auction logs\\n"
        + "\\tat io.bidsift...\",\"LogFile\":\"s3://emr-logs/j-2AXXXXXXGAPLF/steps/s-1K9XXXXXXAUU/stderr.gz\"},")));

    StepOutcome outcome = submitter(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1)).await(STEP);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.state()).isEqualTo(StepState.FAILED);
    assertThat(outcome.failureReason()).isEqualTo("Step failed");
    assertThat(outcome.logFile()).isEqualTo("s3://emr-logs/j-2AXXXXXXGAPLF/steps/s-1K9XXXXXXAUU/stderr.gz");
    assertThat(outcome.describe()).isEqualTo("step " + STEP + " on " + CLUSTER + " FAILED: Step failed: Exception in"
        + " thread \"main\" java.lang.IllegalArgumentException: no auction logs at io.bidsift..."
        + " (log: s3://emr-logs/j-2AXXXXXXGAPLF/steps/s-1K9XXXXXXAUU/stderr.gz)");
  }

  @Test
  void cancelledStepIsAFinalOutcomeWithoutFailureDetails() {
    replies.addAll(List.of(step("CANCEL_PENDING"), step("CANCELLED")));

    StepOutcome outcome = submitter(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1)).await(STEP);

    assertThat(outcome.state()).isEqualTo(StepState.CANCELLED);
    assertThat(outcome.describe()).isEqualTo("step " + STEP + " on " + CLUSTER + " CANCELLED");
  }

  @Test
  void stepStillRunningAtTheTimeoutIsAnErrorAndIsLeftRunning() {
    replies.add(step("RUNNING"));

    assertThatThrownBy(() -> submitter(Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofSeconds(100))
        .await(STEP))
        .isInstanceOf(EmrStepException.class)
        .hasMessage("step " + STEP + " on cluster " + CLUSTER
            + " is still RUNNING after PT1M40S; stopped waiting, the step was not cancelled");
    // waits 10, 20, 40, then only the 30 s left: the last look is at the deadline
    assertThat(time.sleeps).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(30));
    assertThat(requests).extracting(Request::target).containsOnly("ElasticMapReduce.DescribeStep");
  }

  @Test
  void runSubmitsTheStepThenWaitsForIt() {
    replies.addAll(List.of(new Reply(200, "{\"StepIds\":[\"" + STEP + "\"]}"), step("COMPLETED")));

    StepOutcome outcome = submitter(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1)).run();

    assertThat(outcome.stepId()).isEqualTo(STEP);
    assertThat(outcome.succeeded()).isTrue();
    assertThat(requests).extracting(Request::target)
        .containsExactly("ElasticMapReduce.AddJobFlowSteps", "ElasticMapReduce.DescribeStep");
    assertThat(requests.get(0).body()).contains("\"JobFlowId\":\"" + CLUSTER + "\"", "\"Jar\":\"command-runner.jar\"",
        "\"spark-submit\",\"--deploy-mode\",\"cluster\"", "\"s3://artifacts/training-pipeline-emr.jar\",\"--logs\"");
  }

  @Test
  void submissionRefusedByEmrIsAClearError() {
    replies.add(new Reply(400, "{\"__type\":\"ValidationException\","
        + "\"message\":\"A job flow that is shutting down, terminated, or finished may not be modified.\"}"));

    assertThatThrownBy(() -> submitter(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1)).submit())
        .isInstanceOf(EmrStepException.class)
        .hasMessageStartingWith("could not add step 'bidsift preprocess' to cluster " + CLUSTER
            + ": A job flow that is shutting down, terminated, or finished may not be modified.");
  }

  @Test
  void unreadableStepStateIsAnErrorThatSaysTheStepMayStillRun() {
    replies.add(new Reply(400, "{\"__type\":\"InvalidRequestException\",\"Message\":\"Step id is not valid\"}"));

    assertThatThrownBy(() -> submitter(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1)).await(STEP))
        .isInstanceOf(EmrStepException.class)
        .hasMessageStartingWith("could not read the state of step " + STEP + " on cluster " + CLUSTER
            + " (it may still be running): Step id is not valid");
  }

  /** A clock that only moves when the submitter sleeps, recording each sleep. */
  private static final class FakeTime extends Clock {
    private Instant now = Instant.parse("2026-11-29T03:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }
}
