package io.bidsift.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.bundle.BundleManifest;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonNull;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded default registry: a directory with one sub-directory per version.
 *
 * <pre>
 * ROOT/
 *   20261129T034500Z-3f2a9c/
 *     bundle/        the verified copy of the bundle (manifest.json and its files)
 *     entry.json     status, timestamps, note, metrics summary
 * </pre>
 *
 * Every change becomes visible in one atomic rename: a version directory is assembled under a
 * hidden staging name and renamed into place, and entry.json is replaced by renaming a complete
 * new file over it. A reader never sees half a version, and a crash leaves at most a hidden
 * staging directory behind. Writers are expected one at a time (a person or the pipeline).
 */
public final class LocalModelRegistry implements ModelRegistry {

  static final String BUNDLE_DIR = "bundle";
  static final String ENTRY_FILE = "entry.json";
  private static final String STAGING_PREFIX = ".staging-";
  private static final JsonSupport JSON = new JsonSupport(new JsonLimits(256 * 1024, 16, 64 * 1024, 64));

  private final Path root;
  private final Clock clock;

  public LocalModelRegistry(Path root, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
  }

  public LocalModelRegistry(Path root) {
    this(root, Clock.systemUTC());
  }

  @Override
  public RegisteredModel register(Path bundleDir) {
    ModelBundle source = ModelBundle.verify(bundleDir);
    String version = source.version();
    Path versionDir = root.resolve(version);
    if (Files.exists(versionDir)) {
      throw new DuplicateVersionException(version, describe());
    }
    Path staging = null;
    try {
      Files.createDirectories(root);
      staging = Files.createDirectory(root.resolve(STAGING_PREFIX + UUID.randomUUID()));
      source.copyTo(staging.resolve(BUNDLE_DIR));
      // The copy is what is kept, so the copy is checked: the source may change while it is copied.
      ModelBundle copy = ModelBundle.verify(staging.resolve(BUNDLE_DIR), "bundle " + bundleDir);
      if (!copy.version().equals(version)) {
        throw new InvalidBundleException("bundle " + bundleDir + ": changed while it was registered");
      }
      Instant now = clock.instant();
      RegisteredModel model = new RegisteredModel(version, ApprovalStatus.PENDING, now, now, null,
          MetricsSummary.of(copy.manifest().metrics()), bundleLocation(version));
      Files.write(staging.resolve(ENTRY_FILE), entryJson(model));
      Files.move(staging, versionDir, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      return model;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      throw new DuplicateVersionException(version, describe());
    } catch (IOException e) {
      throw new RegistryException("could not register " + version + " in " + describe() + ": " + e, e);
    } finally {
      Directories.deleteQuietly(staging);
    }
  }

  @Override
  public List<RegisteredModel> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<RegisteredModel> models = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        String name = dir.getFileName().toString();
        if (BundleManifest.isValidVersion(name) && Files.isRegularFile(dir.resolve(ENTRY_FILE))) {
          models.add(readEntry(name));
        }
      }
    } catch (IOException e) {
      throw new RegistryException("could not list " + describe() + ": " + e, e);
    }
    models.sort(RegisteredModel.BY_REGISTRATION);
    return List.copyOf(models);
  }

  @Override
  public Optional<RegisteredModel> find(String version) {
    ModelVersions.requireValid(version);
    return Files.isRegularFile(root.resolve(version).resolve(ENTRY_FILE))
        ? Optional.of(readEntry(version))
        : Optional.empty();
  }

  @Override
  public Path fetch(String version, Path targetDir) {
    RegisteredModel model = require(version);
    // The stored copy is checked before copying (a damaged store is named as such), and the
    // copy again where it lands.
    ModelBundle stored = ModelBundle.verify(Path.of(model.location()));
    return BundleTarget.install(targetDir, version, "bundle " + stored.dir(), stored::copyTo);
  }

  @Override
  public String describe() {
    return "local:" + root;
  }

  @Override
  public RegisteredModel setStatus(String version, ApprovalStatus status, String note) {
    RegisteredModel current = require(version);
    RegisteredModel updated = new RegisteredModel(version, status, current.registeredAt(), clock.instant(),
        ApprovalNote.normalize(note), current.metrics(), current.location());
    Path entry = root.resolve(version).resolve(ENTRY_FILE);
    Path temp = entry.resolveSibling(STAGING_PREFIX + UUID.randomUUID() + ".json");
    try {
      Files.write(temp, entryJson(updated));
      Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      return updated;
    } catch (AtomicMoveNotSupportedException e) {
      throw new RegistryException(describe() + " is on a file system without atomic rename", e);
    } catch (IOException e) {
      throw new RegistryException("could not update " + version + " in " + describe() + ": " + e, e);
    } finally {
      Directories.deleteQuietly(temp);
    }
  }

  private RegisteredModel require(String version) {
    return find(version).orElseThrow(() -> new UnknownVersionException(version, describe()));
  }

  private RegisteredModel readEntry(String version) {
    Path file = root.resolve(version).resolve(ENTRY_FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RegistryException("could not read " + file + ": " + e.getMessage(), e);
    }
    try (JsonParser p = JSON.parser(bytes, 0, bytes.length)) {
      p.nextToken();
      if (!(JsonSupport.readTree(p) instanceof JsonObject o) || !version.equals(o.string("version"))) {
        throw new RegistryException(file + " is corrupt: not the registry entry of " + version);
      }
      Map<String, String> metrics = new LinkedHashMap<>();
      JsonObject m = o.object("metrics");
      if (m != null) {
        m.members().forEach((k, v) -> {
          if (v instanceof JsonNumber n) {
            metrics.put(k, n.text());
          }
        });
      }
      return new RegisteredModel(version, ApprovalStatus.valueOf(required(o, "status", file)),
          Instant.parse(required(o, "registered_at", file)), Instant.parse(required(o, "status_changed_at", file)),
          o.string("note"), metrics, bundleLocation(version));
    } catch (IOException e) {
      // A broken entry must stop the command, not hide a version (which could make an older
      // model look like the latest approved one).
      throw new RegistryException(file + " is corrupt: " + JsonSupport.malformed(e).getMessage(), e);
    } catch (JsonInputException | IllegalArgumentException | DateTimeParseException e) {
      throw new RegistryException(file + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** The stored bundle's directory as a URI, always with its trailing slash. */
  private URI bundleLocation(String version) {
    String uri = root.resolve(version).resolve(BUNDLE_DIR).toUri().toString();
    return URI.create(uri.endsWith("/") ? uri : uri + "/");
  }

  private static String required(JsonObject o, String name, Path file) {
    String value = o.string(name);
    if (value == null) {
      throw new RegistryException(file + " is corrupt: no string '" + name + "'");
    }
    return value;
  }

  private static byte[] entryJson(RegisteredModel m) throws IOException {
    Map<String, JsonValue> metrics = new LinkedHashMap<>();
    m.metrics().forEach((k, v) -> metrics.put(k, new JsonNumber(v)));
    Map<String, JsonValue> entry = new LinkedHashMap<>();
    entry.put("format", JsonNumber.of(1));
    entry.put("version", new JsonString(m.version()));
    entry.put("status", new JsonString(m.status().name()));
    entry.put("registered_at", new JsonString(m.registeredAt().toString()));
    entry.put("status_changed_at", new JsonString(m.statusChangedAt().toString()));
    entry.put("note", m.note() == null ? JsonNull.INSTANCE : new JsonString(m.note()));
    entry.put("metrics", new JsonObject(metrics));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.factory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      JsonSupport.writeTree(g, new JsonObject(entry));
    }
    out.write('\n');
    return out.toByteArray();
  }
}
