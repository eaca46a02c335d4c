package io.bidsift.registry;

import static io.bidsift.registry.BundleFixture.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.bundle.BundleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

  @TempDir
  Path temp;

  @Test
  void wellFormedBundleVerifiesWithItsVersionFilesAndMetrics() throws IOException {
    Path dir = bundle("20261129T034500Z-3f2a9c").file("baseline.json", "{}").writeTo(temp.resolve("b"));

    ModelBundle bundle = ModelBundle.verify(dir);

    assertThat(bundle.version()).isEqualTo("20261129T034500Z-3f2a9c");
    assertThat(bundle.paths()).containsExactly("manifest.json", "model.json", "encodings.json", "canary.jsonl",
        "baseline.json");
    assertThat(MetricsSummary.of(bundle.manifest().metrics())).containsOnlyKeys("auc", "recall", "traffic_saved");
  }

  @Test
  void missingListedFileIsNamed() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    Files.delete(dir.resolve("canary.jsonl"));

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessage("bundle " + dir + ": canary.jsonl is listed in manifest.json but is missing");
  }

  @Test
  void fileNotListedInTheManifestIsRejected() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    Files.writeString(dir.resolve("notes.txt"), "smuggled");

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageEndingWith(": notes.txt is not listed in manifest.json");
  }

  @Test
  void symbolicLinkInPlaceOfAListedFileIsRejected() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    Path outside = Files.writeString(temp.resolve("outside.json"), Files.readString(dir.resolve("model.json")));
    Files.delete(dir.resolve("model.json"));
    Files.createSymbolicLink(dir.resolve("model.json"), outside);

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageEndingWith(": model.json is listed in manifest.json but is not a regular file");
  }

  @Test
  void changedFileIsRefusedNamingItAndBothDigests() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    String sealed = BundleFiles.sha256(Files.readAllBytes(dir.resolve("model.json")));
    Files.writeString(dir.resolve("model.json"), " ", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageStartingWith("bundle " + dir + ": model.json does not match its sha256 in manifest.json (expected "
            + sealed + ", found ");
  }

  @Test
  void fileInASubdirectoryIsNotPartOfTheBundle() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    Files.createDirectories(dir.resolve("trees"));
    Files.writeString(dir.resolve("trees/t0.bin"), "smuggled");

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageEndingWith(": trees/t0.bin is not listed in manifest.json");
  }

  @Test
  void manifestBreakingAManifestRuleIsRefusedWithTheBundleNamedOnOneLine() throws IOException {
    Path dir = bundle("v1").writeTo(temp.resolve("b"));
    String manifest = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(dir.resolve("manifest.json"), manifest.replace("\"canary.jsonl\"", "\"../canary.jsonl\""));

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageStartingWith("bundle " + dir + ": manifest.files names \"../canary.jsonl\", which is not a bundle"
            + " file name")
        .hasMessageNotContaining("\n");
  }

  @Test
  void malformedManifestGivesAOneLineReasonWithThePosition() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("b"));
    Files.writeString(dir.resolve("manifest.json"), "{\"version\": \"v1\",\n \"files\": {");

    assertThatThrownBy(() -> ModelBundle.verify(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageStartingWith("bundle " + dir + ": manifest is not valid JSON: ")
        .hasMessageContaining("(line 2")
        .hasMessageNotContaining("\n");
  }

  @Test
  void directoryWithoutManifestIsNotABundle() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("b"));

    assertThatThrownBy(() -> ModelBundle.verify(dir)).hasMessage("bundle " + dir + ": has no manifest.json");
    assertThatThrownBy(() -> ModelBundle.verify(temp.resolve("absent")))
        .hasMessage("bundle " + temp.resolve("absent") + ": not a directory");
  }

  @Test
  void metricsSummaryKeepsOnlyTopLevelNumbersWithStorableNames() throws IOException {
    Path dir = bundle("v1").metrics("{\"auc\":1.10,\"per dsp\":3,\"curve\":[1,2],\"n\":7}").writeTo(temp.resolve("b"));

    assertThat(MetricsSummary.of(ModelBundle.verify(dir).manifest().metrics()))
        .containsExactly(java.util.Map.entry("auc", "1.10"), java.util.Map.entry("n", "7"));
  }
}
