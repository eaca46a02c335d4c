package io.bidsift.filter;

import io.bidsift.cli.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bidsift serve bid-filter}: the service with its model source and the most used
 * settings as flags. Every other setting is a Spring property (docs/configuration.md), given as
 * {@code --set name=value} or in the environment.
 */
@Command(name = "serve bid-filter", mixinStandardHelpOptions = true, version = "bidsift bid-filter 0.1",
    description = {
        "Runs the bid-filter service (POST /v1/filter, contracts.md §3) on Reactor Netty.",
        "Health: GET /actuator/health (readiness: a model is loaded). Metrics: GET /actuator/prometheus."},
    footer = {"", "Exit codes:", "  0   stopped cleanly", "  1   the service failed to start (reason on stderr)",
        "  2   invalid command line"})
public final class ServeBidFilterCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "DIR",
      description = "a bundle directory, or a models home (version directories and an ACTIVE file, see"
          + " ./bidsift promote); watched for new versions")
  Path model;

  @Option(names = "--source", paramLabel = "SPEC",
      description = "instead of --model: appconfig:APPLICATION/ENVIRONMENT/PROFILE (AWS AppConfig + S3)")
  String source;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8081", description = "HTTP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--exploration-rate", paramLabel = "R", defaultValue = "0.01",
      description = "share of auctions where every DSP is called, to keep training labels unbiased (default: ${DEFAULT-VALUE})")
  double explorationRate;

  @Option(names = "--shadow", description = "score and report, but call every DSP")
  boolean shadow;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "any other property, e.g. --set bidsift.model.aws.region=eu-west-1")
  Map<String, String> properties = new LinkedHashMap<>();

  private boolean started;

  @Override
  public Integer call() {
    if ((model == null) == (source == null)) {
      throw CommandRunner.invalid(this, "give exactly one of --model DIR or --source SPEC");
    }
    if (model != null && !Files.isDirectory(model)) {
      throw CommandRunner.invalid(this, "--model " + model + " is not a directory");
    }
    Map<String, Object> props = new LinkedHashMap<>(properties);
    props.put("server.port", port);
    props.put("bidsift.model.source", model != null ? "local:" + model.toAbsolutePath() : source);
    props.put("bidsift.filter.exploration-rate", explorationRate);
    props.put("bidsift.filter.shadow", shadow);
    // As command-line properties: they outrank application.properties, default properties do not.
    BidFilterApplication.create().run(
        props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    started = true;
    return 0;
  }

  public static void main(String[] args) {
    ServeBidFilterCommand command = new ServeBidFilterCommand();
    int code = CommandRunner.run("bidsift serve bid-filter", command, args, System.out, System.err);
    if (!command.started) {
      System.exit(code);
    }
    // Started: the service runs on non-daemon threads until SIGTERM, when Spring's hook closes it.
  }
}
