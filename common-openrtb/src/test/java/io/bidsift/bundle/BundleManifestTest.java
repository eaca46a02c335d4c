package io.bidsift.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonValue;
import io.bidsift.testsupport.FixtureBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of manifest.json, the one definition training writes and every reader checks. */
class BundleManifestTest {

  private static final String SHA = "0123456789abcdef".repeat(4);

  @TempDir
  Path tmp;

  /** A valid manifest as JSON, the way the trainer writes it. */
  private static JsonObject valid() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(BundleFiles.MODEL, SHA);
    files.put(BundleFiles.ENCODINGS, SHA);
    files.put(BundleFiles.CANARY, SHA);
    files.put(BundleFiles.BASELINE, SHA);
    return new BundleManifest(BundleManifest.FORMAT, "20261129T034500Z-012345", Instant.parse("2026-11-29T03:45:00Z"),
        1, 1, List.of("dsp", "min_floor"),
        new ModelInfo(BundleFiles.MODEL, ModelInfo.XGBOOST_JSON, "binary:logistic", 60, "3.4.0"),
        new TrainingWindow(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-24")), 0.95, 0.98,
        Map.of("dsp-a", new DspThreshold("dsp-a", 0.02, List.of(new RecallPoint(0.95, 0.02, 0.41, 0.98)), null)),
        JsonTrees.object().put("callouts_saved", 0.41).build(), files).toJson();
  }

  private static JsonObject withFile(String name, JsonValue sha256) {
    JsonObject json = valid();
    return json.with("files", json.object("files").with(name, sha256));
  }

  private static BundleManifest read(JsonObject json) {
    return BundleManifest.fromJson(json);
  }

  @Test
  void manifestWrittenByTheTrainerLoadsAndWritesBackTheSameDocument() throws Exception {
    byte[] written = Files.readAllBytes(FixtureBundle.copyTo(tmp.resolve("b")).resolve(BundleFiles.MANIFEST));

    BundleManifest m = BundleManifest.parse(written);

    assertThat(m.version()).isEqualTo(FixtureBundle.VERSION);
    assertThat(m.files()).containsOnlyKeys(BundleFiles.MODEL, BundleFiles.ENCODINGS, BundleFiles.CANARY,
        BundleFiles.BASELINE);
    assertThat(new String(JsonTrees.toBytes(m.toJson(), true), StandardCharsets.UTF_8))
        .isEqualTo(new String(written, StandardCharsets.UTF_8));
  }

  @Test
  void unknownMembersAreIgnoredForLaterFormats() {
    BundleManifest m = read(valid().with("added_later", new JsonString("x")));

    assertThat(m.version()).isEqualTo("20261129T034500Z-012345");
  }

  @Test
  void everyFileTheTrainerWritesHasAValidName() {
    assertThat(List.of(BundleFiles.MODEL, BundleFiles.ENCODINGS, BundleFiles.CANARY, BundleFiles.BASELINE))
        .allMatch(BundleManifest::isValidFileName);
  }

  @Test
  void manifestNamingAFileOutsideTheBundleIsRefused() {
    assertThatThrownBy(() -> read(withFile("../x", new JsonString(SHA))))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("manifest.files names \"../x\", which is not a bundle file name (" + BundleManifest.FILE_NAME_RULE
            + ")");
    assertThatThrownBy(() -> read(withFile("/etc/passwd", new JsonString(SHA))))
        .hasMessageStartingWith("manifest.files names \"/etc/passwd\", which is not a bundle file name");
  }

  @Test
  void manifestNamingAFileInASubdirectoryIsRefused() {
    for (String name : List.of("trees/t0.bin", "trees\\t0.bin", "./model.json")) {
      assertThatThrownBy(() -> read(withFile(name, new JsonString(SHA))))
          .as(name)
          .hasMessageContaining("which is not a bundle file name")
          .hasMessageContaining("no '/': a bundle is one flat directory");
    }
  }

  @Test
  void emptyDotHiddenAndOverlongNamesAndTheManifestItselfAreRefused() {
    for (String name : List.of("", ".", "..", ".hidden", "-", "a b", "x".repeat(101), BundleFiles.MANIFEST)) {
      assertThat(BundleManifest.isValidFileName(name)).as(name).isFalse();
      assertThatThrownBy(() -> read(withFile(name, new JsonString(SHA)))).as(name)
          .hasMessageStartingWith("manifest.files names ");
    }
    assertThat(BundleManifest.isValidFileName("x".repeat(100))).isTrue();
  }

  @Test
  void nameWithAControlCharacterIsQuotedOnOneLine() {
    assertThatThrownBy(() -> read(withFile("a\nb", new JsonString(SHA))))
        .hasMessageStartingWith("manifest.files names \"a\\nb\"")
        .hasMessageNotContaining("\n");
  }

  @Test
  void uppercaseSha256IsRefusedNotNormalised() {
    assertThatThrownBy(() -> read(withFile(BundleFiles.MODEL, new JsonString(SHA.toUpperCase()))))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("manifest.files.model.json must be a sha256 as 64 lowercase hex digits (0-9, a-f)");
  }

  @Test
  void digestThatIsNotSixtyFourHexDigitsIsRefused() {
    for (JsonValue sha : List.of(new JsonString("abc"), new JsonString(SHA.substring(1)), new JsonString(SHA + "0"),
        new JsonString("g" + SHA.substring(1)), JsonNumber.of(42))) {
      assertThatThrownBy(() -> read(withFile(BundleFiles.CANARY, sha))).as(sha.toString())
          .hasMessage("manifest.files.canary.jsonl must be a sha256 as 64 lowercase hex digits (0-9, a-f)");
    }
  }

  @Test
  void versionThatIsNotAModelVersionIsRefused() {
    assertThatThrownBy(() -> read(valid().with("version", new JsonString("../v1"))))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("manifest.version is \"../v1\", which is not a model version (" + BundleManifest.VERSION_RULE + ")");
    assertThatThrownBy(() -> read(valid().without("version")))
        .hasMessage("manifest.version is missing (must be a string)");
    assertThat(BundleManifest.isValidVersion("x".repeat(128))).isTrue();
    assertThat(BundleManifest.isValidVersion("x".repeat(129))).isFalse();
    assertThat(BundleManifest.isValidVersion(".v1")).isFalse();
  }

  @Test
  void manifestNotListingItsModelFileIsRefused() {
    JsonObject json = valid();
    JsonObject noModel = json.with("files", json.object("files").without(BundleFiles.MODEL));

    assertThatThrownBy(() -> read(noModel))
        .hasMessage("manifest.files does not list the model file \"model.json\"");
  }

  @Test
  void memberOfTheWrongTypeIsNamedByItsPath() {
    JsonObject json = valid();
    JsonObject dsps = json.object("dsps");
    JsonObject a = dsps.object("dsp-a").with("threshold", new JsonString("high"));

    assertThatThrownBy(() -> read(json.with("dsps", dsps.with("dsp-a", a))))
        .hasMessage("manifest.dsps.dsp-a.threshold must be a number or null");
    assertThatThrownBy(() -> read(json.with("metrics", new JsonString("good"))))
        .hasMessage("manifest.metrics must be an object");
  }

  @Test
  void absentMetricsAreEmpty() {
    assertThat(read(valid().without("metrics")).metrics()).isEqualTo(JsonObject.EMPTY);
  }

  @Test
  void malformedJsonIsRefusedWithThePositionOnOneLine() {
    byte[] json = "{\"version\": \"v1\",\n \"files\": {".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> BundleManifest.parse(json))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("manifest is not valid JSON: ")
        .hasMessageContaining("(line 2")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> BundleManifest.parse("[]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("manifest must be a JSON object");
  }

  @Test
  void writerRefusesAnUnsafeFileNameBeforeWritingAnything() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(BundleFiles.MODEL, "{}".getBytes(StandardCharsets.UTF_8));
    files.put("../escaped.txt", "x".getBytes(StandardCharsets.UTF_8));
    BundleManifest m = read(valid());
    BundleWriter.Draft draft = new BundleWriter.Draft(m.signalsVersion(), m.featureSpecVersion(), m.featureNames(),
        m.model(), m.trainingWindow(), m.targetRecall(), m.targetValueRecall(), m.dsps(), m.metrics());
    Path dir = tmp.resolve("out/bundle");

    assertThatThrownBy(() -> new BundleWriter(Clock.fixed(m.created(), ZoneOffset.UTC)).write(dir, draft, files))
        .hasMessageStartingWith("manifest.files names \"../escaped.txt\"");
    assertThat(tmp.resolve("out/escaped.txt")).doesNotExist();
    assertThat(dir).doesNotExist();
  }
}
