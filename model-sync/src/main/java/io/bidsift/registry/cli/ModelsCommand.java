package io.bidsift.registry.cli;

import io.bidsift.cli.CommandRunner;
import io.bidsift.registry.ModelRegistry;
import io.bidsift.registry.RegisteredModel;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./bidsift models}: lists the registered versions with their status. */
@Command(name = "bidsift models", sortOptions = false,
    description = "Lists the registered model versions, oldest first, with status and metrics; * marks the latest approved.")
public final class ModelsCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin
  RegistryOptions registryOptions;

  @Spec
  CommandSpec spec;

  private final CliEnvironment environment;

  public ModelsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args, new PrintWriter(System.out), new PrintWriter(System.err)));
  }

  static int run(CliEnvironment environment, String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run("models", new ModelsCommand(environment), args, out, err);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (ModelRegistry registry = registryOptions.open(environment)) {
      List<RegisteredModel> models = registry.list();
      if (models.isEmpty()) {
        out.println("no models in " + registry.describe());
        return 0;
      }
      String latest = registry.latestApproved().map(RegisteredModel::version).orElse(null);
      out.print(ModelTable.render(models, latest));
    }
    return 0;
  }
}
