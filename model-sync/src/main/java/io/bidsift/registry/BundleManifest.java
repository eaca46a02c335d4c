package io.bidsift.registry;

import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the registry reads from a bundle's {@code manifest.json}: the version, the sha256 of
 * every other file, and the metrics. Other members (training window, DSPs, ...) are the
 * trainer's and the bid filter's business and are ignored here.
 *
 * @param version the model version, the registry key
 * @param files   relative path ({@code /}-separated) to lowercase sha256 hex, in manifest order
 * @param metrics the manifest's {@code metrics} object, empty when absent
 */
public record BundleManifest(String version, Map<String, String> files, JsonObject metrics) {

  public static final String FILE_NAME = "manifest.json";

  /** A version becomes a directory name and an S3 key segment, so it is kept to a safe alphabet. */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  /** ustar holds paths up to 255 bytes (155 prefix + 100 name). */
  private static final int MAX_PATH_LENGTH = 255;
  private static final JsonSupport JSON = new JsonSupport(new JsonLimits(1024 * 1024, 32, 64 * 1024, 64));

  public BundleManifest {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Whether {@code version} is a well-formed model version. */
  public static boolean isValidVersion(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** Checks that {@code version} is well formed before it is used as a key or a path. */
  public static String requireValidVersion(String version) {
    if (!isValidVersion(version)) {
      throw new RegistryException("'" + version + "' is not a model version (1 to 128 letters, digits, '.', '_', '-',"
          + " starting with a letter or digit)");
    }
    return version;
  }

  /**
   * Parses manifest.json.
   *
   * @param where names the bundle in error messages, e.g. {@code bundle /tmp/b}
   * @throws InvalidBundleException when it is not a valid manifest
   */
  public static BundleManifest parse(byte[] json, String where) {
    JsonValue tree;
    try (JsonParser p = JSON.parser(json, 0, json.length)) {
      p.nextToken();
      tree = JsonSupport.readTree(p);
      if (p.nextToken() != null) {
        throw new JsonInputException("has content after the manifest object");
      }
    } catch (IOException e) {
      throw invalid(where, FILE_NAME + " " + JsonSupport.malformed(e).getMessage());
    } catch (JsonInputException e) {
      throw invalid(where, FILE_NAME + " " + e.getMessage());
    }
    if (!(tree instanceof JsonObject root)) {
      throw invalid(where, FILE_NAME + " is not a JSON object");
    }
    String version = root.string("version");
    if (version == null) {
      throw invalid(where, FILE_NAME + " has no string 'version'");
    }
    if (!isValidVersion(version)) {
      throw invalid(where, FILE_NAME + " version '" + version
          + "' is not a model version (1 to 128 letters, digits, '.', '_', '-', starting with a letter or digit)");
    }
    return new BundleManifest(version, files(root, where), metrics(root, where));
  }

  private static Map<String, String> files(JsonObject root, String where) {
    JsonObject files = root.object("files");
    if (files == null) {
      throw invalid(where, FILE_NAME + " has no object 'files'");
    }
    if (files.isEmpty()) {
      throw invalid(where, FILE_NAME + " lists no files");
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : files.members().entrySet()) {
      String path = e.getKey();
      checkPath(path, where);
      if (!(e.getValue() instanceof JsonString sha) || !SHA256.matcher(sha.value()).matches()) {
        throw invalid(where, FILE_NAME + " files." + path + " is not a sha256 (64 hex digits)");
      }
      result.put(path, sha.value().toLowerCase(Locale.ROOT));
    }
    return result;
  }

  private static void checkPath(String path, String where) {
    boolean ok = !path.isEmpty() && path.length() <= MAX_PATH_LENGTH && !path.equals(FILE_NAME);
    for (String segment : path.split("/", -1)) {
      ok &= PATH_SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }
    if (!ok) {
      throw invalid(where, FILE_NAME + " lists '" + path + "', which is not a bundle file path"
          + " (relative, '/'-separated letters, digits, '.', '_', '-'; at most 255 chars; not the manifest itself)");
    }
  }

  private static JsonObject metrics(JsonObject root, String where) {
    JsonValue metrics = root.get("metrics");
    if (metrics == null) {
      return JsonObject.EMPTY;
    }
    if (!(metrics instanceof JsonObject o)) {
      throw invalid(where, FILE_NAME + " metrics is not an object");
    }
    return o;
  }

  static InvalidBundleException invalid(String where, String what) {
    return new InvalidBundleException(where + ": " + what);
  }
}
