package io.bidsift.modelsync;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.bundle.BundleReader;
import io.bidsift.bundle.BundleVerificationException;
import io.bidsift.json.JsonInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded default source: a directory on this machine, in one of two layouts.
 *
 * <ul>
 *   <li>a bundle directory (it has {@code manifest.json}): that bundle is served, and served
 *       again once any of its files changes (e.g. {@code ./bidsift train} wrote a new one there);</li>
 *   <li>a models home ({@link LocalModelHome}): version directories and an {@code ACTIVE} file
 *       naming the one to serve, or without ACTIVE the greatest version. A version dropped there
 *       (or a new ACTIVE) is picked up on the next poll.</li>
 * </ul>
 *
 * Each poll only reads ACTIVE, the manifest and the files' sizes and times; the bundle is read
 * and verified (every file's sha256, {@link BundleReader}) only when that fingerprint changed.
 */
public final class LocalModelSource implements ModelSource {

  /** Polling a directory costs a few stat calls; every 2 s picks a promotion up quickly. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

  private final LocalModelHome home;
  private final Duration interval;
  private final BundleReader reader = new BundleReader();

  public LocalModelSource(Path root, Duration interval) {
    this.home = new LocalModelHome(root);
    this.interval = interval;
  }

  public LocalModelSource(Path root) {
    this(root, DEFAULT_INTERVAL);
  }

  @Override
  public SourcePoll poll() {
    Path root = home.root();
    try {
      if (Files.isRegularFile(root.resolve(BundleFiles.MANIFEST))) {
        return SourcePoll.of(bundleOffer(root, null), interval);
      }
      Optional<String> active = home.activeText();
      if (active.isPresent()) {
        String name = active.get();
        if (!BundleManifest.isValidVersion(name)) {
          String location = root.resolve(LocalModelHome.ACTIVE).toString();
          return SourcePoll.of(new BundleOffer("(invalid)", "active:" + name, location, () -> {
            throw new BundleRejectedException(RejectReason.INVALID_DOCUMENT,
                location + " says '" + name + "', which is not a model version");
          }), interval);
        }
        return SourcePoll.of(bundleOffer(home.versionDir(name), name), interval);
      }
      Optional<String> latest = home.latestVersion();
      return latest.isPresent()
          ? SourcePoll.of(bundleOffer(home.versionDir(latest.get()), latest.get()), interval)
          : SourcePoll.nothingPublished(interval);
    } catch (IOException e) {
      throw new ModelSourceException(describe() + ": cannot read: " + e, e);
    }
  }

  @Override
  public String describe() {
    return "local:" + home.root();
  }

  /** @param named the version the home names (ACTIVE or the directory), null for a bare bundle directory */
  private BundleOffer bundleOffer(Path dir, String named) throws IOException {
    String fingerprint = fingerprint(dir);
    String version = named != null ? named : manifestVersion(dir);
    return new BundleOffer(version, fingerprint, dir.toString(), () -> {
      try {
        return reader.read(dir);
      } catch (BundleVerificationException e) {
        throw new BundleRejectedException(RejectReason.INVALID_BUNDLE, e.getMessage(), e);
      }
    });
  }

  private static String manifestVersion(Path dir) throws IOException {
    try {
      byte[] manifest = Files.readAllBytes(dir.resolve(BundleFiles.MANIFEST));
      return BundleManifest.parse(manifest).version();
    } catch (JsonInputException | NoSuchFileException e) {
      // the fetch names the problem; the offer just needs a name for it
      return "(unreadable manifest)";
    }
  }

  /**
   * The directory, the manifest's digest and every file's name, size and modification time: any
   * write into the bundle changes it, so a bundle rejected while it was half copied is read again
   * once the copy completes.
   */
  private static String fingerprint(Path dir) throws IOException {
    StringBuilder text = new StringBuilder(dir.toString()).append('\n');
    if (!Files.isDirectory(dir)) {
      return text.append("(missing)").toString();
    }
    try {
      text.append(BundleFiles.sha256(Files.readAllBytes(dir.resolve(BundleFiles.MANIFEST)))).append('\n');
    } catch (NoSuchFileException e) {
      text.append("(no manifest)\n");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    for (Path f : files) {
      try {
        text.append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
            .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
      } catch (NoSuchFileException e) {
        text.append(f.getFileName()).append(" (gone)\n");
      }
    }
    return BundleFiles.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
