package io.bidsift.training.emr;

import io.bidsift.training.preprocess.PreprocessMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One Spark step on a running EMR cluster: what to run and how long to wait for it.
 *
 * @param clusterId       the cluster (job flow) id, {@code j-...}
 * @param jarS3Uri        the application jar, {@code s3://bucket/.../training-pipeline-<version>-emr.jar}: the
 *                        module's attached {@code emr} jar, with Spark, Scala and Hadoop left out (the cluster
 *                        provides them; docs/emr.md)
 * @param mainClass       the jar's main class, e.g. the preprocessing job
 * @param args            the main class's arguments
 * @param sparkConf       {@code --conf key=value} pairs for spark-submit (passed sorted by key, so the same
 *                        config always gives the same step)
 * @param stepName        the step's name in the EMR console
 * @param actionOnFailure EMR's ActionOnFailure: {@code CONTINUE} keeps the cluster for the next step
 * @param pollInterval    first wait between two DescribeStep calls; doubles up to {@code maxPollInterval}
 * @param maxPollInterval longest wait between two DescribeStep calls
 * @param timeout         how long to wait for a final state before giving up (the step is left running)
 */
public record EmrStepConfig(
    String clusterId,
    String jarS3Uri,
    String mainClass,
    List<String> args,
    Map<String, String> sparkConf,
    String stepName,
    String actionOnFailure,
    Duration pollInterval,
    Duration maxPollInterval,
    Duration timeout) {

  /** The EMR jar's Main-Class: the preprocessing job. */
  public static final String PREPROCESS_MAIN_CLASS = PreprocessMain.class.getName();
  public static final String DEFAULT_STEP_NAME = "bidsift preprocess";
  public static final String DEFAULT_ACTION_ON_FAILURE = "CONTINUE";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(2);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

  public EmrStepConfig {
    require(clusterId, "clusterId");
    require(mainClass, "mainClass");
    require(stepName, "stepName");
    require(actionOnFailure, "actionOnFailure");
    if (jarS3Uri == null || !jarS3Uri.startsWith("s3://")) {
      throw new IllegalArgumentException("the step's jar must be an s3:// URI, got '" + jarS3Uri + "'");
    }
    args = List.copyOf(args);
    sparkConf = Map.copyOf(sparkConf);
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    Objects.requireNonNull(timeout, "timeout");
    if (pollInterval.isNegative() || pollInterval.isZero() || maxPollInterval.compareTo(pollInterval) < 0
        || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("poll interval and timeout must be positive, and the maximum poll interval"
          + " at least the poll interval");
    }
  }

  /** A step with the default name, failure action, polling and timeout, and no extra Spark configuration. */
  public static EmrStepConfig of(String clusterId, String jarS3Uri, String mainClass, List<String> args) {
    return new EmrStepConfig(clusterId, jarS3Uri, mainClass, args, Map.of(), DEFAULT_STEP_NAME,
        DEFAULT_ACTION_ON_FAILURE, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_POLL_INTERVAL, DEFAULT_TIMEOUT);
  }

  /**
   * The preprocessing job of the EMR jar on {@code logs}, writing {@code out/trainset/}: both
   * {@code s3://} URIs on EMR (EMRFS), since the driver runs on a cluster node.
   */
  public static EmrStepConfig preprocess(String clusterId, String jarS3Uri, String logs, String out) {
    return of(clusterId, jarS3Uri, PREPROCESS_MAIN_CLASS, List.of("--logs", logs, "--out", out));
  }

  public EmrStepConfig withSparkConf(Map<String, String> conf) {
    return new EmrStepConfig(clusterId, jarS3Uri, mainClass, args, conf, stepName, actionOnFailure, pollInterval,
        maxPollInterval, timeout);
  }

  public EmrStepConfig withPolling(Duration interval, Duration maxInterval, Duration waitAtMost) {
    return new EmrStepConfig(clusterId, jarS3Uri, mainClass, args, sparkConf, stepName, actionOnFailure, interval,
        maxInterval, waitAtMost);
  }

  /**
   * The command EMR's command-runner.jar runs: {@code spark-submit --deploy-mode cluster --class MAIN
   * [--conf k=v]... JAR ARGS...}. Cluster mode runs the driver on the cluster, so the step
   * survives the submitting machine going away.
   */
  public List<String> sparkSubmitCommand() {
    List<String> command = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster", "--class", mainClass));
    new TreeMap<>(sparkConf).forEach((k, v) -> {
      command.add("--conf");
      command.add(k + "=" + v);
    });
    command.add(jarS3Uri);
    command.addAll(args);
    return List.copyOf(command);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
