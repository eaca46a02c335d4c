package io.bidsift.bundle;

import io.bidsift.json.JsonObject;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a bundle directory: the files, then {@code manifest.json} with their sha256. The bundle
 * is assembled in a sibling temporary directory and moved into place, so a reader never sees a
 * half-written bundle, and a re-run replaces the previous one.
 */
public final class BundleWriter {

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  public BundleWriter(Clock clock) {
    this.clock = clock;
  }

  /** Everything in the manifest that does not depend on the files or the time of writing. */
  public record Draft(int signalsVersion, int featureSpecVersion, List<String> featureNames, ModelInfo model,
                      TrainingWindow trainingWindow, double targetRecall, double targetValueRecall,
                      Map<String, DspThreshold> dsps,
                      JsonObject metrics) {
  }

  /**
   * Writes {@code files} (name → content; must contain the model file) and the manifest into
   * {@code dir}, replacing whatever was there.
   *
   * @return the manifest written
   */
  public BundleManifest write(Path dir, Draft draft, Map<String, byte[]> files) throws IOException {
    byte[] model = files.get(draft.model().file());
    if (model == null) {
      throw new IllegalArgumentException("the bundle has no model file " + draft.model().file());
    }
    Map<String, String> digests = new LinkedHashMap<>();
    files.forEach((name, bytes) -> digests.put(name, BundleFiles.sha256(bytes)));
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String version = VERSION_TIME.format(created) + "-" + digests.get(draft.model().file()).substring(0, 6);
    BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, version, created, draft.signalsVersion(),
        draft.featureSpecVersion(), draft.featureNames(), draft.model(), draft.trainingWindow(), draft.targetRecall(),
        draft.targetValueRecall(), draft.dsps(), draft.metrics(), digests);

    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(tmp.resolve(f.getKey()), f.getValue());
      }
      JsonTrees.write(tmp.resolve(BundleFiles.MANIFEST), manifest.toJson());
      deleteTree(dir);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir);
      }
    } finally {
      deleteTree(tmp);
    }
    return manifest;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
