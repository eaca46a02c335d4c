package io.bidsift.registry.cli;

import io.bidsift.cli.CommandRunner;
import io.bidsift.registry.ModelRegistry;
import io.bidsift.registry.RegisteredModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./bidsift register}: verifies a model bundle and registers it as pending approval. */
@Command(name = "bidsift register", sortOptions = false,
    description = "Verifies a model bundle (every file against the sha256 in its manifest.json) and registers it"
        + " as pending approval. The version is the manifest's; a version can be registered once.")
public final class RegisterCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "the bundle directory (train's OUT/bundle)")
  Path bundle;

  @Mixin
  RegistryOptions registryOptions;

  @Spec
  CommandSpec spec;

  private final CliEnvironment environment;

  public RegisterCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args, new PrintWriter(System.out), new PrintWriter(System.err)));
  }

  static int run(CliEnvironment environment, String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run("register", new RegisterCommand(environment), args, out, err);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = environment.workingDir().resolve(bundle);
    try (ModelRegistry registry = registryOptions.open(environment)) {
      err.println("registering " + dir + " in " + registry.describe() + " ...");
      err.flush();
      RegisteredModel model = registry.register(dir);
      out.println("registered " + model.version() + " as " + model.status() + " in " + registry.describe());
      if (!model.metrics().isEmpty()) {
        out.println("metrics: " + ModelTable.metrics(model));
      }
      out.println("next: ./bidsift approve --version " + model.version());
    }
    return 0;
  }
}
