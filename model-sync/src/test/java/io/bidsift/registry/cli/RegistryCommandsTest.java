package io.bidsift.registry.cli;

import static io.bidsift.registry.BundleFixture.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.registry.ApprovalStatus;
import io.bidsift.registry.LocalModelRegistry;
import io.bidsift.registry.RegisteredModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** register / approve / models run in-process on a local registry, as ./bidsift runs them. */
class RegistryCommandsTest {

  @TempDir
  Path temp;

  record Result(int code, String out, String err) {
  }

  private Result run(String command, Map<String, String> env, String... args) {
    CliEnvironment environment = new CliEnvironment(env, temp, AnonymousCredentialsProvider.create());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    int code = switch (command) {
      case "register" -> RegisterCommand.run(environment, args, o, e);
      case "approve" -> ApproveCommand.run(environment, args, o, e);
      case "models" -> ModelsCommand.run(environment, args, o, e);
      default -> throw new IllegalArgumentException(command);
    };
    return new Result(code, out.toString(), err.toString());
  }

  private Result run(String command, String... args) {
    return run(command, Map.of(), args);
  }

  @Test
  void registerApproveAndListOnTheDefaultRegistryUnderTheWorkingDirectory() throws IOException {
    bundle("v1").writeTo(temp.resolve("out1/bundle"));
    bundle("v2").writeTo(temp.resolve("out2/bundle"));

    Result registered = run("register", "--bundle", "out1/bundle");
    run("register", "--bundle", "out2/bundle");
    Result approved = run("approve", "--version", "v1", "--note", "good recall");
    Result rejected = run("approve", "--version", "v2", "--reject");
    Result models = run("models");

    assertThat(registered.code()).isZero();
    assertThat(registered.out()).contains("registered v1 as PENDING in local:" + temp.resolve(".bidsift/registry"),
        "metrics: auc=0.912 recall=0.950 traffic_saved=0.41");
    assertThat(approved.code()).isZero();
    assertThat(approved.out()).contains("approved v1", "(good recall)", "latest approved: v1");
    assertThat(rejected.out()).contains("rejected v2", "latest approved: v1");
    assertThat(models.code()).isZero();
    assertThat(models.out().lines()).hasSize(4);
    assertThat(models.out().lines().toList().get(1)).startsWith("v1").contains("APPROVED *", "good recall");
    assertThat(models.out().lines().toList().get(2)).startsWith("v2").contains("REJECTED");
    // what the commands did is in the registry directory, where any other registry user sees it
    var registry = new LocalModelRegistry(temp.resolve(".bidsift/registry"));
    assertThat(registry.latestApproved()).map(RegisteredModel::version).contains("v1");
    assertThat(registry.find("v2")).map(RegisteredModel::status).contains(ApprovalStatus.REJECTED);
  }

  @Test
  void registrySpecAndBidsiftHomeChooseTheDirectory() throws IOException {
    bundle("v1").writeTo(temp.resolve("b"));

    assertThat(run("register", "--bundle", "b", "--registry", "local:elsewhere").code()).isZero();
    assertThat(run("register", Map.of("BIDSIFT_HOME", "home"), "--bundle", "b").code()).isZero();

    assertThat(new LocalModelRegistry(temp.resolve("elsewhere")).find("v1")).isPresent();
    assertThat(new LocalModelRegistry(temp.resolve("home/registry")).find("v1")).isPresent();
    assertThat(temp.resolve(".bidsift")).doesNotExist();
  }

  @Test
  void tamperedBundleFailsWithOneLineReasonAndExitOne() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    Files.writeString(dir.resolve("model.json"), "{}");

    Result r = run("register", "--bundle", "b");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().toList()).last().asString()
        .startsWith("register: bundle " + dir + ": model.json does not match its sha256");
    assertThat(run("models").out()).startsWith("no models in local:");
  }

  @Test
  void unknownVersionFailsWithOneLineReason() {
    Result r = run("approve", "--version", "v9");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("approve: no model version 'v9' in local:" + temp.resolve(".bidsift/registry")
        + System.lineSeparator());
  }

  @Test
  void usageErrorsExitTwoWithTheReason() {
    Result missing = run("approve", "--reject");
    Result badSpec = run("models", "--registry", "ftp://x");
    Result noBucket = run("models", "--registry", "sagemaker:g", "--region", "us-east-1");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("approve: Missing required option: '--version=VERSION' (see --help)");
    assertThat(badSpec.code()).isEqualTo(1);
    assertThat(badSpec.err()).startsWith("models: --registry 'ftp://x' is neither local:DIR nor sagemaker:GROUP");
    assertThat(noBucket.err()).startsWith("models: --registry sagemaker:g needs --s3");
  }

  @Test
  void everyCommandPrintsHelp() {
    for (String command : new String[] {"register", "approve", "models"}) {
      Result help = run(command, "--help");
      assertThat(help.code()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Usage: bidsift " + command, "--registry=SPEC", "local:${BIDSIFT_HOME:-.bidsift}/registry", "sagemaker:GROUP");
    }
  }
}
