package io.bidsift.registry.cli;

import io.bidsift.cli.CommandRunner;
import io.bidsift.modelsync.AppConfigPublisher;
import io.bidsift.modelsync.AppConfigTarget;
import io.bidsift.modelsync.BundleDocument;
import io.bidsift.modelsync.LocalModelHome;
import io.bidsift.modelsync.PromotionException;
import io.bidsift.registry.ApprovalStatus;
import io.bidsift.registry.BundleArchive;
import io.bidsift.registry.InvalidBundleException;
import io.bidsift.registry.ModelBundle;
import io.bidsift.registry.ModelRegistry;
import io.bidsift.registry.RegisteredModel;
import io.bidsift.registry.S3Location;
import io.bidsift.registry.UnknownVersionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./bidsift promote}: publishes an approved registry version to a model source, where
 * the bid filter picks it up without a restart.
 */
@Command(name = "bidsift promote", sortOptions = false,
    description = {"Publishes an approved model version from the registry to a model source:",
        "  local:DIR                 unpacks the bundle into DIR/<version>/ and rewrites DIR/ACTIVE atomically",
        "  appconfig:APP/ENV/PROFILE a hosted configuration version naming the bundle tarball in S3, then a deployment",
        "Promoting an older version again rolls back to it."})
public final class PromoteCommand implements Callable<Integer> {

  static final String LOCAL_TARGET = "local:";
  static final String APPCONFIG_TARGET = "appconfig:";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the model version (see ./bidsift models)")
  String version;

  @Option(names = "--target", required = true, paramLabel = "TARGET",
      description = "local:DIR (relative to the current directory) or appconfig:APPLICATION/ENVIRONMENT/PROFILE"
          + " (names or ids; they must exist)")
  String target;

  @Option(names = "--strategy", paramLabel = "ID", defaultValue = AppConfigPublisher.ALL_AT_ONCE,
      description = "appconfig: the deployment strategy (default: ${DEFAULT-VALUE})")
  String strategy;

  @Option(names = "--force", description = "promote a version that is not approved (pending or rejected)")
  boolean force;

  @Mixin
  RegistryOptions registryOptions;

  @Spec
  CommandSpec spec;

  private final CliEnvironment environment;

  public PromoteCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args, new PrintWriter(System.out), new PrintWriter(System.err)));
  }

  static int run(CliEnvironment environment, String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run("promote", new PromoteCommand(environment), args, out, err);
  }

  @Override
  public Integer call() throws IOException {
    if (!target.startsWith(LOCAL_TARGET) && !target.startsWith(APPCONFIG_TARGET)) {
      throw new IllegalArgumentException("--target '" + target + "' is neither local:DIR nor appconfig:APP/ENV/PROFILE");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ModelRegistry registry = registryOptions.open(environment, target.startsWith(APPCONFIG_TARGET))) {
      RegisteredModel model = registry.find(version)
          .orElseThrow(() -> new UnknownVersionException(version, registry.describe()));
      if (model.status() != ApprovalStatus.APPROVED) {
        if (!force) {
          throw new PromotionException(version + " is " + model.status() + " in " + registry.describe()
              + "; only an approved version is promoted (./bidsift approve --version " + version
              + "), or pass --force");
        }
        err.println("warning: promoting " + version + ", which is " + model.status() + " (--force)");
      }
      err.println("promoting " + version + " from " + registry.describe() + " to " + target + " ...");
      err.flush();
      if (target.startsWith(LOCAL_TARGET)) {
        promoteLocal(registry, out);
      } else {
        promoteAppConfig(registry, model, out, err);
      }
    }
    return 0;
  }

  private void promoteLocal(ModelRegistry registry, PrintWriter out) throws IOException {
    String dir = target.substring(LOCAL_TARGET.length());
    if (dir.isBlank()) {
      throw new IllegalArgumentException("--target local: needs a directory, e.g. local:.bidsift/models");
    }
    LocalModelHome home = new LocalModelHome(environment.workingDir().resolve(dir));
    Path versionDir = home.versionDir(version);
    if (Files.isDirectory(versionDir)) {
      // promoted before (a rollback): serve the copy there only if it still verifies
      try {
        ModelBundle.verify(versionDir);
      } catch (InvalidBundleException e) {
        throw new PromotionException(e.getMessage() + "; remove " + versionDir + " and promote again", e);
      }
    } else {
      home.install(version, staging -> registry.fetch(version, staging));
    }
    home.activate(version);
    out.println("promoted " + version + " to " + LOCAL_TARGET + home.root() + " (" + LocalModelHome.ACTIVE + " = "
        + version + ")");
  }

  private void promoteAppConfig(ModelRegistry registry, RegisteredModel model, PrintWriter out, PrintWriter err)
      throws IOException {
    AppConfigTarget appConfig = AppConfigTarget.parse(target.substring(APPCONFIG_TARGET.length()));
    boolean inS3 = "s3".equals(model.location().getScheme());
    if (!inS3 && registryOptions.s3 == null) {
      throw new IllegalArgumentException("--target " + target + " with a local registry needs --s3 s3://BUCKET/PREFIX"
          + " to upload the bundle tarball to");
    }
    Path work = Files.createTempDirectory("bidsift-promote-");
    try (AppConfigPublisher publisher = AppConfigPublisher.connect(registryOptions.region(environment),
        environment.credentials(), registryOptions.endpoint(environment))) {
      BundleDocument document;
      if (inS3) {
        document = publisher.describeExisting(version, model.location().toString(), work);
        err.println("bundle " + document.bundle() + " verified (sha256 " + document.sha256() + ")");
      } else {
        Path bundle = registry.fetch(version, work.resolve("bundle"));
        Path tarball = work.resolve(AppConfigPublisher.TARBALL);
        BundleArchive.pack(ModelBundle.verify(bundle), tarball);
        document = publisher.upload(version, tarball, S3Location.parse(registryOptions.s3));
        err.println("uploaded " + document.bundle() + " (sha256 " + document.sha256() + ")");
      }
      err.flush();
      AppConfigPublisher.Publication p = publisher.publish(appConfig, document, strategy);
      out.println("promoted " + version + " to " + APPCONFIG_TARGET + appConfig + ": hosted configuration version "
          + p.hostedVersion() + ", deployment " + p.deploymentNumber() + " (" + strategy + ") " + p.state());
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a leftover temporary copy is harmless
    }
  }
}
