package io.bidsift.auction.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the DSP configuration (YAML), validating everything at once so a bad file stops the
 * server at start with a message naming the field ({@code dsps.yaml: dsps[2].qps must be a
 * non-negative integer, got "lots"}), never at the first auction. Unknown keys are errors: a
 * typo must not silently fall back to a default.
 *
 * <pre>
 * base_url: http://127.0.0.1:8090      # optional: relative endpoints resolve against it
 * dsps:
 *   - id: dsp-atlas
 *     endpoint: /dsp/dsp-atlas/openrtb2/auction
 *     openrtb: "2.6"                    # 2.5 or 2.6 (default 2.6)
 *     qps: 0                            # 0 = no cap (default)
 *     tmax_deduction_ms: 0              # default 0
 *     enabled: true                     # default true
 *     gzip: false                       # default false
 *     pretargeting:                     # every list optional, empty = any
 *       formats: [banner, video]
 *       countries: [USA, GBR]
 *       device_types: [desktop, phone]
 *       channels: [site, app]
 * </pre>
 */
public final class DspConfigLoader {

  /** The built-in configuration: every DSP of the simulated market's fleet. */
  public static final String DEFAULT_RESOURCE = "/io/bidsift/auction/default-dsps.yaml";
  public static final URI DEFAULT_BASE_URL = URI.create("http://127.0.0.1:8090");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
  private static final Set<String> TOP_KEYS = Set.of("base_url", "dsps");
  private static final Set<String> DSP_KEYS = Set.of("id", "endpoint", "openrtb", "qps", "tmax_deduction_ms",
      "enabled", "gzip", "pretargeting");
  private static final Set<String> TARGETING_KEYS = Set.of("formats", "countries", "device_types", "channels");

  private DspConfigLoader() {
  }

  /** The built-in fleet configuration, with {@code baseUrl} (null: the file's) for relative endpoints. */
  public static List<DspConfig> loadDefault(URI baseUrl) {
    try (InputStream in = DspConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("built-in DSP configuration missing: " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in dsps.yaml", baseUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<DspConfig> load(Path file, URI baseUrl) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DspConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString(), baseUrl);
  }

  /**
   * @param source  names the file in messages
   * @param baseUrl overrides the file's {@code base_url}; null keeps it
   */
  public static List<DspConfig> parse(String yaml, String source, URI baseUrl) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new DspConfigException(source + ": not valid YAML: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    List<DspConfig> dsps = new Reader(problems).read(root, baseUrl);
    if (!problems.isEmpty()) {
      throw new DspConfigException(source + ": " + String.join("; ", problems));
    }
    return List.copyOf(dsps);
  }

  private static final class Reader {

    private final List<String> problems;

    Reader(List<String> problems) {
      this.problems = problems;
    }

    List<DspConfig> read(Object root, URI baseOverride) {
      if (!(root instanceof Map<?, ?> top)) {
        problems.add("the file must be a mapping with a 'dsps' list");
        return List.of();
      }
      unknownKeys(top, TOP_KEYS, "");
      URI base = baseOverride;
      if (base == null && top.get("base_url") != null) {
        base = httpUri(top.get("base_url"), "base_url", null);
      }
      if (!(top.get("dsps") instanceof List<?> list) || list.isEmpty()) {
        problems.add("dsps must be a non-empty list");
        return List.of();
      }
      List<DspConfig> dsps = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        DspConfig dsp = dsp(list.get(i), "dsps[" + i + "]", base);
        if (dsp != null) {
          if (!ids.add(dsp.id())) {
            problems.add("dsps[" + i + "].id \"" + dsp.id() + "\" is used twice; ids must be unique");
          }
          dsps.add(dsp);
        }
      }
      return dsps;
    }

    private DspConfig dsp(Object node, String path, URI base) {
      if (!(node instanceof Map<?, ?> m)) {
        problems.add(path + " must be a mapping");
        return null;
      }
      int before = problems.size();
      unknownKeys(m, DSP_KEYS, path + ".");
      String id = m.get("id") instanceof String s ? s : null;
      if (id == null || !ID.matcher(id).matches()) {
        problems.add(path + ".id must be 1 to 100 of [A-Za-z0-9._-], got " + quote(m.get("id")));
      }
      URI endpoint = m.get("endpoint") == null ? null : httpUri(m.get("endpoint"), path + ".endpoint", base);
      if (m.get("endpoint") == null) {
        problems.add(path + ".endpoint is required");
      }
      OpenRtbVersion version = OpenRtbVersion.V2_6;
      if (m.get("openrtb") != null) {
        version = OpenRtbVersion.fromWire(String.valueOf(m.get("openrtb")));
        if (version == null) {
          problems.add(path + ".openrtb must be \"2.5\" or \"2.6\", got " + quote(m.get("openrtb")));
        }
      }
      int qps = nonNegativeInt(m.get("qps"), path + ".qps");
      int deduction = nonNegativeInt(m.get("tmax_deduction_ms"), path + ".tmax_deduction_ms");
      boolean enabled = bool(m.get("enabled"), true, path + ".enabled");
      boolean gzip = bool(m.get("gzip"), false, path + ".gzip");
      Pretargeting targeting = pretargeting(m.get("pretargeting"), path + ".pretargeting");
      if (problems.size() > before) {
        return null;
      }
      return new DspConfig(id, endpoint, version, qps, deduction, targeting, enabled, gzip);
    }

    private Pretargeting pretargeting(Object node, String path) {
      if (node == null) {
        return Pretargeting.ANY;
      }
      if (!(node instanceof Map<?, ?> m)) {
        problems.add(path + " must be a mapping");
        return Pretargeting.ANY;
      }
      unknownKeys(m, TARGETING_KEYS, path + ".");
      Set<String> formats = words(m.get("formats"), path + ".formats", Pretargeting.FORMATS, false);
      Set<String> countries = words(m.get("countries"), path + ".countries", null, true);
      Set<String> devices = words(m.get("device_types"), path + ".device_types", Pretargeting.DEVICE_TYPES, false);
      Set<String> channels = words(m.get("channels"), path + ".channels", Pretargeting.CHANNELS, false);
      return new Pretargeting(formats, countries, devices, channels);
    }

    private Set<String> words(Object node, String path, Set<String> allowed, boolean countries) {
      if (node == null) {
        return Set.of();
      }
      if (!(node instanceof List<?> list)) {
        problems.add(path + " must be a list");
        return Set.of();
      }
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String word = list.get(i) instanceof String s ? (countries ? s.toUpperCase(Locale.ROOT) : s) : null;
        if (countries ? word == null || !COUNTRY.matcher(word).matches() : word == null || !allowed.contains(word)) {
          problems.add(path + "[" + i + "] must be " + (countries ? "an ISO-3166-1 alpha-3 code"
              : "one of " + new java.util.TreeSet<>(allowed)) + ", got " + quote(list.get(i)));
        } else {
          out.add(word);
        }
      }
      return out;
    }

    private URI httpUri(Object node, String path, URI base) {
      if (!(node instanceof String text) || text.isBlank()) {
        problems.add(path + " must be a URL, got " + quote(node));
        return null;
      }
      try {
        URI uri = new URI(text.trim());
        if (!uri.isAbsolute()) {
          if (base == null) {
            problems.add(path + " \"" + text + "\" is relative and there is no base_url");
            return null;
          }
          uri = URI.create(stripSlash(base.toString()) + (text.startsWith("/") ? "" : "/") + text.trim());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          problems.add(path + " must be an http(s) URL with a host, got \"" + text + "\"");
          return null;
        }
        return uri;
      } catch (URISyntaxException | IllegalArgumentException e) {
        problems.add(path + " is not a valid URL: \"" + text + "\"");
        return null;
      }
    }

    private int nonNegativeInt(Object node, String path) {
      if (node == null) {
        return 0;
      }
      if (node instanceof Integer i && i >= 0) {
        return i;
      }
      problems.add(path + " must be a non-negative integer, got " + quote(node));
      return 0;
    }

    private boolean bool(Object node, boolean fallback, String path) {
      if (node == null) {
        return fallback;
      }
      if (node instanceof Boolean b) {
        return b;
      }
      problems.add(path + " must be true or false, got " + quote(node));
      return fallback;
    }

    private void unknownKeys(Map<?, ?> m, Set<String> known, String prefix) {
      for (Object key : m.keySet()) {
        if (!known.contains(String.valueOf(key))) {
          problems.add(prefix + key + " is not a known setting (known: " + new java.util.TreeSet<>(known) + ")");
        }
      }
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String quote(Object o) {
      return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }
  }
}
