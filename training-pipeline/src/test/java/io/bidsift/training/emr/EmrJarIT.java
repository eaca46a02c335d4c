package io.bidsift.training.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.training.preprocess.PreprocessMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EMR step's application jar ({@code training-pipeline-<version>-emr.jar}, built by the
 * shade plugin at package): run by failsafe after package, with the jar's path, the module's
 * runtime classpath and Spark's Java 17 flags as system properties (see the module's pom).
 */
class EmrJarIT {

  /** Libraries the cluster provides: Spark and Scala, Hadoop (hadoop-aws too), Jackson, the AWS SDKs. */
  private static final List<String> PROVIDED_PACKAGES = List.of("org/apache/spark/", "scala/", "org/apache/hadoop/",
      "com/fasterxml/jackson/", "com/amazonaws/", "software/amazon/awssdk/", "ml/dmlc/", "org/apache/parquet/");

  private static Path jar;
  private static List<String> entries;
  private static Manifest manifest;

  @BeforeAll
  static void openJar() throws IOException {
    jar = Path.of(required("bidsift.emrJar"));
    assertThat(jar).as("the EMR jar built at package").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
      manifest = file.getManifest();
    }
  }

  @Test
  void manifestNamesThePreprocessingJobAsMainClass() {
    assertThat(manifest.getMainAttributes().getValue("Main-Class"))
        .isEqualTo(PreprocessMain.class.getName())
        .isEqualTo(EmrStepConfig.PREPROCESS_MAIN_CLASS);
  }

  @Test
  void jarHoldsTheJobCommonOpenrtbAndPicocli() {
    assertThat(entries).contains(
        "io/bidsift/training/preprocess/PreprocessMain.class",
        "io/bidsift/training/preprocess/PreprocessJob.class",
        "io/bidsift/training/preprocess/EncodePartition.class",
        "io/bidsift/features/FeatureEncoder.class",
        "io/bidsift/openrtb/OpenRtbCodec.class",
        "io/bidsift/auctionlog/AuctionLogCodec.class",
        "picocli/CommandLine.class");
  }

  @Test
  void jarLeavesOutWhatTheClusterProvides() {
    for (String prefix : PROVIDED_PACKAGES) {
      assertThat(entries).as("entries under " + prefix).noneMatch(e -> e.startsWith(prefix));
    }
    assertThat(entries).as("the laptop's quiet logging config").doesNotContain("log4j2.properties");
  }

  /**
   * The jar on the classpath the way spark-submit puts it there: beside the provided libraries,
   * without this module's classes, common-openrtb or picocli from anywhere else.
   */
  @Test
  void jarStartsOnTheProvidedClasspathAlone() throws IOException, InterruptedException {
    List<String> provided = new ArrayList<>();
    for (String entry : Files.readString(Path.of(required("bidsift.runtimeClasspath")), StandardCharsets.UTF_8)
        .trim().split(File.pathSeparator)) {
      if (!entry.contains("common-openrtb") && !entry.contains("picocli")) {
        provided.add(entry);
      }
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.asList(required("bidsift.sparkOpens").trim().split("\\s+")));
    command.addAll(List.of("-cp", jar + File.pathSeparator + String.join(File.pathSeparator, provided),
        PreprocessMain.class.getName(), "--help"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("Usage: preprocess", "--logs=DIR", "--out=DIR");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property " + property + " (set by failsafe in training-pipeline/pom.xml)")
        .isNotBlank();
    return value;
  }
}
