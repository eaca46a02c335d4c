package io.bidsift.registry.cli;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What the registry commands take from the process they run in, passed in so tests can run the
 * commands in-process with their own values.
 *
 * @param env         environment variables ({@code BIDSIFT_HOME}, {@code AWS_REGION}, {@code BIDSIFT_AWS_ENDPOINT})
 * @param workingDir  the directory relative paths are resolved against
 * @param credentials AWS credentials for a {@code sagemaker:} registry
 */
public record CliEnvironment(Map<String, String> env, Path workingDir, AwsCredentialsProvider credentials) {

  public CliEnvironment {
    env = Map.copyOf(env);
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** The real process: its environment, current directory and the SDK's default credential chain. */
  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), Path.of(""), DefaultCredentialsProvider.builder().build());
  }

  /** The variable's value, or null when it is unset or blank. */
  String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
