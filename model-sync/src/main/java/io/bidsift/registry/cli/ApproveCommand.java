package io.bidsift.registry.cli;

import io.bidsift.cli.CommandRunner;
import io.bidsift.registry.ModelRegistry;
import io.bidsift.registry.RegisteredModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./bidsift approve}: approves (or with {@code --reject}, rejects) a registered version. */
@Command(name = "bidsift approve", sortOptions = false,
    description = "Approves a registered model version, or rejects it with --reject. The latest approved version"
        + " is the one approved last: approving an older version again rolls back to it.")
public final class ApproveCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the model version (see ./bidsift models)")
  String version;

  @Option(names = "--reject", description = "reject the version instead of approving it")
  boolean reject;

  @Option(names = "--note", paramLabel = "TEXT", description = "why (kept with the status; at most 1024 characters)")
  String note;

  @Mixin
  RegistryOptions registryOptions;

  @Spec
  CommandSpec spec;

  private final CliEnvironment environment;

  public ApproveCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args, new PrintWriter(System.out), new PrintWriter(System.err)));
  }

  static int run(CliEnvironment environment, String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run("approve", new ApproveCommand(environment), args, out, err);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (ModelRegistry registry = registryOptions.open(environment)) {
      RegisteredModel model = reject ? registry.reject(version, note) : registry.approve(version, note);
      out.println((reject ? "rejected " : "approved ") + model.version() + " in " + registry.describe()
          + (model.note() == null ? "" : " (" + model.note() + ")"));
      out.println("latest approved: " + registry.latestApproved().map(RegisteredModel::version).orElse("none"));
    }
    return 0;
  }
}
