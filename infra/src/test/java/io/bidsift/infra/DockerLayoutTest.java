package io.bidsift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine here, so the images are checked against what builds them: every COPY source
 * is something docker/build-context.sh puts in the context, every main class exists in the
 * reactor, every script an image runs is there and executable, and compose builds only
 * contexts the script makes.
 */
class DockerLayoutTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path DOCKER = ROOT.resolve("docker");
  private static final List<String> IMAGES = List.of("auction-server", "bid-filter", "dsp-simulator", "training", "tools");
  private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(.+)\\s+(\\S+)$");
  private static final Pattern MAIN_CLASS = Pattern.compile("io\\.bidsift(\\.[a-z0-9]+)+\\.[A-Z][A-Za-z0-9]*");

  @Test
  void everyCopySourceIsInTheContextThatBuildContextAssembles() throws IOException {
    for (String image : IMAGES) {
      String dockerfile = Files.readString(DOCKER.resolve(image).resolve("Dockerfile"));
      Matcher m = COPY.matcher(dockerfile);
      int copies = 0;
      while (m.find()) {
        copies++;
        for (String source : m.group(1).trim().split("\\s+")) {
          boolean jars = source.equals("app/");
          boolean fromImageDir = Files.exists(DOCKER.resolve(image).resolve(source));
          assertThat(jars || fromImageDir)
              .as("%s: COPY %s is neither app/ (the jars) nor a file of docker/%s", image, source, image).isTrue();
        }
      }
      assertThat(copies).as("%s copies the jars", image).isPositive();
      assertThat(dockerfile).as(image).contains("COPY app/ /app/lib/");
    }
    String script = Files.readString(DOCKER.resolve("build-context.sh"));
    assertThat(script).contains("mkdir -p \"$out/app\"").contains("cp -R \"$ROOT/docker/$image/.\" \"$out/\"");
    for (String image : IMAGES) {
      assertThat(script).as("build-context.sh knows %s", image).contains(image + ") module=");
    }
  }

  @Test
  void everyImageRunsAsANonRootUserOnJre17WithContainerAwareHeap() throws IOException {
    for (String image : IMAGES) {
      String dockerfile = Files.readString(DOCKER.resolve(image).resolve("Dockerfile"));
      assertThat(dockerfile).as(image).contains("FROM eclipse-temurin:17-jre").contains("USER bidsift")
          .contains("-XX:MaxRAMPercentage=").contains("HEALTHCHECK");
    }
    assertThat(Files.readString(DOCKER.resolve("training/Dockerfile"))).contains("libgomp1")
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
  }

  @Test
  void trainingImageCarriesSparksOpensExactlyAsTheTrainingPomDeclaresThem() throws IOException {
    String pom = Files.readString(ROOT.resolve("training-pipeline/pom.xml"));
    Matcher m = Pattern.compile("<spark.java17.opens>(.*)</spark.java17.opens>").matcher(pom);
    assertThat(m.find()).isTrue();
    String dockerfile = Files.readString(DOCKER.resolve("training/Dockerfile"));
    for (String open : m.group(1).trim().split("\\s+")) {
      assertThat(dockerfile).as("training image JVM flags").contains(open);
    }
  }

  @Test
  void everyMainClassTheImagesRunExistsInTheReactor() throws IOException {
    List<String> referenced = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DOCKER)) {
      for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(DOCKER.resolve("build"))).toList()) {
        Matcher m = MAIN_CLASS.matcher(Files.readString(file));
        while (m.find()) {
          referenced.add(m.group());
        }
      }
    }
    assertThat(referenced).contains("io.bidsift.training.TrainCommand", "io.bidsift.training.EvaluateCommand",
        "io.bidsift.simulator.fleet.DspFleetCommand", "io.bidsift.registry.cli.RegisterCommand");
    for (String mainClass : referenced) {
      assertThat(sourceOf(mainClass)).as("source of %s in the reactor", mainClass).isNotNull();
    }
  }

  @Test
  void scriptsTheImagesRunAreExecutableShellScripts() throws IOException {
    for (String script : List.of("auction-server/entrypoint.sh", "training/train", "training/evaluate",
        "tools/register-bundle", "tools/promote-approved", "build-context.sh")) {
      Path path = DOCKER.resolve(script);
      assertThat(Files.isExecutable(path)).as(script + " is executable").isTrue();
      assertThat(Files.readString(path)).as(script).startsWith("#!/");
    }
  }

  @Test
  void composeBuildsOnlyContextsThatBuildContextMakesFromExistingDockerfiles() throws IOException {
    String compose = Files.readString(DOCKER.resolve("compose.yaml"));
    Matcher m = Pattern.compile("build:\\s*build/(\\S+)").matcher(compose);
    List<String> built = new ArrayList<>();
    while (m.find()) {
      built.add(m.group(1));
    }
    assertThat(built).containsExactlyInAnyOrder("dsp-simulator", "bid-filter", "auction-server");
    for (String image : built) {
      assertThat(DOCKER.resolve(image).resolve("Dockerfile")).exists();
    }
    assertThat(compose).contains("http://bid-filter:8081");
  }

  private static Path sourceOf(String mainClass) throws IOException {
    String relative = "src/main/java/" + mainClass.replace('.', '/') + ".java";
    try (Stream<Path> modules = Files.list(ROOT)) {
      return modules.map(module -> module.resolve(relative)).filter(Files::isRegularFile).findFirst().orElse(null);
    }
  }
}
