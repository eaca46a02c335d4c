package io.bidsift.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterReaderTest {

  @TempDir
  Path tmp;

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T03:45:00.123Z"), ZoneOffset.UTC);

  private static BundleWriter.Draft draft() {
    Map<String, DspThreshold> dsps = new LinkedHashMap<>();
    dsps.put("dsp-a", new DspThreshold("dsp-a", 0.021,
        List.of(new RecallPoint(0.9, 0.05, 0.7, 0.95), new RecallPoint(0.95, 0.021, 0.62, 0.98)), null));
    dsps.put("dsp-b", DspThreshold.alwaysCalled("dsp-b", "too few bids in the validation window (3 < 30)"));
    return new BundleWriter.Draft(1, 1, List.of("dsp", "min_floor"),
        new ModelInfo(BundleFiles.MODEL, ModelInfo.XGBOOST_JSON, "binary:logistic", 120, "3.4.0"),
        new TrainingWindow(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-24")), 0.95, 0.98, dsps,
        JsonTrees.object().put("callouts_saved", 0.6).build());
  }

  private static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(BundleFiles.MODEL, "{\"learner\":{}}".getBytes(StandardCharsets.UTF_8));
    files.put(BundleFiles.ENCODINGS, "{}".getBytes(StandardCharsets.UTF_8));
    files.put(BundleFiles.CANARY, CanaryFile.write(List.of(new CanaryRow("dsp-a", new float[] {1f, Float.NaN}, 0.25f))));
    return files;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void manifestListsTheSha256OfEveryFileWritten() throws Exception {
    Path dir = tmp.resolve("bundle");

    BundleManifest m = new BundleWriter(CLOCK).write(dir, draft(), files());

    assertThat(m.files().keySet()).containsExactlyInAnyOrder(BundleFiles.MODEL, BundleFiles.ENCODINGS, BundleFiles.CANARY);
    for (Map.Entry<String, String> f : m.files().entrySet()) {
      assertThat(f.getValue()).isEqualTo(sha256(dir.resolve(f.getKey())));
    }
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(BundleFiles.MANIFEST, BundleFiles.MODEL, BundleFiles.ENCODINGS, BundleFiles.CANARY);
    }
  }

  @Test
  void versionIsTheUtcTimeAndTheModelDigestPrefix() throws Exception {
    BundleManifest m = new BundleWriter(CLOCK).write(tmp.resolve("bundle"), draft(), files());

    assertThat(m.version()).isEqualTo("20261129T034500Z-" + m.files().get(BundleFiles.MODEL).substring(0, 6));
  }

  @Test
  void readerReturnsTheManifestAsWritten() throws Exception {
    Path dir = tmp.resolve("bundle");
    BundleManifest written = new BundleWriter(CLOCK).write(dir, draft(), files());

    VerifiedBundle read = new BundleReader().read(dir);

    assertThat(read.manifest()).usingRecursiveComparison().isEqualTo(written);
    assertThat(read.manifest().threshold("dsp-a")).isEqualTo(0.021);
    assertThat(read.manifest().dsps().get("dsp-b").reason()).contains("too few bids");
    assertThat(read.model()).isEqualTo(files().get(BundleFiles.MODEL));
  }

  @Test
  void tamperedFileFailsVerificationNamingTheFile() throws Exception {
    Path dir = tmp.resolve("bundle");
    new BundleWriter(CLOCK).write(dir, draft(), files());
    Files.writeString(dir.resolve(BundleFiles.MODEL), "{\"learner\":{\"evil\":1}}");

    assertThatThrownBy(() -> new BundleReader().read(dir))
        .isInstanceOf(BundleVerificationException.class)
        .hasMessageContaining(BundleFiles.MODEL)
        .hasMessageContaining("does not match the manifest");
  }

  @Test
  void missingFileFailsVerification() throws Exception {
    Path dir = tmp.resolve("bundle");
    new BundleWriter(CLOCK).write(dir, draft(), files());
    Files.delete(dir.resolve(BundleFiles.CANARY));

    assertThatThrownBy(() -> new BundleReader().read(dir))
        .isInstanceOf(BundleVerificationException.class)
        .hasMessageContaining(BundleFiles.CANARY + " is missing");
  }

  @Test
  void manifestNotListingTheCanarySetIsRefused() throws Exception {
    Path dir = tmp.resolve("bundle");
    Map<String, byte[]> files = files();
    files.remove(BundleFiles.CANARY);
    new BundleWriter(CLOCK).write(dir, draft(), files);

    assertThatThrownBy(() -> new BundleReader().read(dir))
        .isInstanceOf(BundleVerificationException.class)
        .hasMessageContaining("does not list " + BundleFiles.CANARY);
  }

  @Test
  void manifestNamingAFileOutsideTheBundleIsRefusedBeforeAnythingIsRead() throws Exception {
    Path dir = tmp.resolve("bundle");
    new BundleWriter(CLOCK).write(dir, draft(), files());
    Files.writeString(tmp.resolve("secret"), "outside");
    JsonObject m = JsonTrees.parseObject(Files.readAllBytes(dir.resolve(BundleFiles.MANIFEST)));
    JsonObject files = JsonTrees.requireObject(m, "files").with("../secret", new JsonString(sha256(tmp.resolve("secret"))));
    JsonTrees.write(dir.resolve(BundleFiles.MANIFEST), m.with("files", files));

    assertThatThrownBy(() -> new BundleReader().read(dir))
        .isInstanceOf(BundleVerificationException.class)
        .hasMessageStartingWith("bundle " + dir + ": manifest.files names \"../secret\", which is not a bundle file name");
  }

  @Test
  void rewritingReplacesThePreviousBundle() throws IOException {
    Path dir = tmp.resolve("bundle");
    new BundleWriter(CLOCK).write(dir, draft(), files());
    Files.writeString(dir.resolve("stale.txt"), "left over");

    new BundleWriter(CLOCK).write(dir, draft(), files());

    assertThat(dir.resolve("stale.txt")).doesNotExist();
    assertThat(new BundleReader().read(dir).manifest().files()).hasSize(3);
  }

  @Test
  void canaryFileKeepsExactFloatsAndMissingValues() {
    float[] features = {0.1f, Float.NaN, 1e-7f, 123456.78f, -0f, Float.MIN_VALUE};
    CanaryRow row = new CanaryRow("dsp-a", features, 0.083099998f);

    List<CanaryRow> back = CanaryFile.read(CanaryFile.write(List.of(row, row)));

    assertThat(back).hasSize(2);
    assertThat(back.get(0).features()).containsExactly(features);
    assertThat(back.get(0).score()).isEqualTo(0.083099998f);
    assertThat(new String(CanaryFile.write(List.of(row)), StandardCharsets.UTF_8)).contains("null");
  }
}
