package io.bidsift.simulator.market;

import io.bidsift.cli.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a market file (YAML) into a {@link MarketModel}, checking every setting. Anything wrong
 * is a {@link MarketFileException} whose message starts with the field's path; unknown settings
 * are errors too, so a typo cannot silently fall back to a default.
 */
public final class MarketLoader {

  /** Classpath location of the built-in market. */
  public static final String DEFAULT_RESOURCE = "/market/default-market.yaml";

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
  private static final Pattern DSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TOP_CATEGORY = Pattern.compile("IAB([1-9]|1[0-9]|2[0-6])");
  private static final Pattern CATEGORY = Pattern.compile("IAB([1-9]|1[0-9]|2[0-6])(-[0-9]{1,2})?");
  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}");
  private static final double MAX_MULTIPLIER = 1_000;
  private static final double MAX_EFFECT = 20;

  private static final Set<String> DSP_KEYS = Set.of("id", "description", "target_bid_rate", "valuation", "effects",
      "targeting", "interactions", "blocked_categories", "ad_categories", "advertiser_domains", "latency",
      "timeout_rate", "error_rate", "drift");

  private MarketLoader() {
  }

  /** The text of the built-in market file. */
  public static String defaultYaml() {
    try (InputStream in = MarketLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in market " + DEFAULT_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MarketModel defaultMarket() {
    return parse(defaultYaml());
  }

  /** @throws UncheckedIOException when the file cannot be read */
  public static MarketModel load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the market file " + file + ": " + e.getMessage(), e);
    }
  }

  public static MarketModel parse(String yaml) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (MarkedYAMLException e) {
      throw new MarketFileException("the market file is not valid YAML: " + Reasons.oneLine(e.getProblem())
          + (e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1)));
    } catch (YAMLException e) {
      throw new MarketFileException("the market file is not valid YAML: " + Reasons.oneLine(e));
    }
    YamlNode root = YamlNode.root(document);
    root.requireKeys(Set.of("name", "traffic", "countries", "formats", "publishers", "audience", "privacy",
        "requests", "dsps"));
    List<Country> countries = countries(root.get("countries"));
    Set<String> countryCodes = new HashSet<>();
    countries.forEach(c -> countryCodes.add(c.code()));
    return new MarketModel(
        root.get("name").stringOr("unnamed market"),
        traffic(root.get("traffic")),
        countries,
        formats(root.get("formats")),
        publishers(root.get("publishers")),
        audience(root.get("audience")),
        privacy(root.get("privacy")),
        requests(root.get("requests")),
        dsps(root.get("dsps"), countryCodes));
  }

  private static Traffic traffic(YamlNode node) {
    node.requireKeys(Set.of("local_hour_weights"));
    YamlNode weights = node.get("local_hour_weights");
    List<YamlNode> items = weights.items();
    if (items.size() != 24) {
      throw weights.error("must list 24 weights, one per local hour 0..23; got " + items.size());
    }
    List<Double> out = new ArrayList<>();
    for (YamlNode w : items) {
      out.add(w.number(0, MAX_MULTIPLIER));
    }
    if (out.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw weights.error("must have a positive weight for some hour");
    }
    return new Traffic(out);
  }

  private static List<Country> countries(YamlNode node) {
    List<YamlNode> items = node.items();
    if (items.isEmpty()) {
      throw node.error("must list at least one country");
    }
    List<Country> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode c : items) {
      c.requireKeys(Set.of("code", "weight", "floor_multiplier", "gdpr", "ios_share", "language", "cities"));
      String code = c.get("code").string();
      if (!COUNTRY.matcher(code).matches()) {
        throw c.get("code").error("must be an ISO-3166-1 alpha-3 code in capitals (e.g. USA), got \"" + code + "\"");
      }
      if (!seen.add(code)) {
        throw c.get("code").error("repeats country " + code);
      }
      List<City> cities = new ArrayList<>();
      for (YamlNode city : c.get("cities").items()) {
        city.requireKeys(Set.of("region", "name", "lat", "lon", "utc_offset", "weight"));
        cities.add(new City(city.get("region").string(), city.get("name").string(),
            city.get("lat").number(-90, 90), city.get("lon").number(-180, 180),
            city.get("utc_offset").integer(-12 * 60, 14 * 60), city.get("weight").numberOr(1, 0.000001, 1e9)));
      }
      if (cities.isEmpty()) {
        throw c.get("cities").error("must list at least one city");
      }
      out.add(new Country(code, c.get("weight").number(0.000001, 1e9), c.get("floor_multiplier").number(0.001, 100),
          c.get("gdpr").boolOr(false), c.get("ios_share").number(0, 1), c.get("language").stringOr("en"), cities));
    }
    return out;
  }

  private static Formats formats(YamlNode node) {
    node.requireKeys(Set.of("floor_rate", "banner", "video", "native"));
    Map<AdFormat, FormatFloor> floors = new EnumMap<>(AdFormat.class);
    for (AdFormat f : AdFormat.values()) {
      YamlNode spec = node.get(f.wire());
      spec.requireKeys(f == AdFormat.BANNER ? Set.of("floor", "desktop_sizes", "mobile_sizes") : Set.of("floor"));
      YamlNode floor = spec.get("floor").requireKeys(Set.of("base", "sigma"));
      floors.put(f, new FormatFloor(floor.get("base").number(0.01, 1000), floor.get("sigma").number(0, 3)));
    }
    YamlNode banner = node.get("banner");
    return new Formats(floors, node.get("floor_rate").number(0, 1), sizes(banner.get("desktop_sizes")),
        sizes(banner.get("mobile_sizes")));
  }

  private static Map<String, Double> sizes(YamlNode node) {
    Map<String, Double> out = weights(node, key -> SIZE.matcher(key).matches() ? key : null, "a size like 300x250");
    if (out.isEmpty()) {
      throw node.error("must list at least one size");
    }
    return out;
  }

  private static PublisherPopulation publishers(YamlNode node) {
    node.requireKeys(Set.of("count", "catalog_seed", "zipf_exponent", "home_country_share", "mix_jitter",
        "floor_sigma", "coppa_share", "kinds", "categories", "bcat", "badv"));
    Map<PublisherKind, KindSpec> kinds = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.get("kinds").entries().entrySet()) {
      PublisherKind kind = PublisherKind.fromWire(e.getKey());
      YamlNode spec = e.getValue();
      if (kind == null) {
        throw spec.error("is not a publisher kind (site, app, ctv)");
      }
      spec.requireKeys(Set.of("share", "devices", "formats"));
      Map<DeviceClass, Double> devices = weights(spec.get("devices"), DeviceClass::fromWire, "a device class (desktop, phone, tablet, ctv)");
      Map<AdFormat, Double> formats = weights(spec.get("formats"), AdFormat::fromWire, "a format (banner, video, native)");
      checkDevicesFit(kind, spec.get("devices"), devices);
      if (devices.isEmpty() || formats.isEmpty()) {
        throw spec.error("needs devices and formats with positive weights");
      }
      kinds.put(kind, new KindSpec(spec.get("share").number(0, 1), devices, formats));
    }
    if (kinds.values().stream().mapToDouble(KindSpec::share).sum() <= 0) {
      throw node.get("kinds").error("must give some kind a positive share");
    }
    Map<String, Double> categories = weights(node.get("categories"),
        key -> TOP_CATEGORY.matcher(key).matches() ? key : null, "a top-level IAB category (IAB1..IAB26)");
    if (categories.isEmpty()) {
      throw node.get("categories").error("must list at least one category");
    }
    return new PublisherPopulation(node.get("count").integer(1, 100_000), node.get("catalog_seed").longValue(),
        node.get("zipf_exponent").number(0, 5), node.get("home_country_share").number(0, 1),
        node.get("mix_jitter").number(0, 3), node.get("floor_sigma").number(0, 3),
        node.get("coppa_share").numberOr(0, 0, 1), kinds, categories,
        blockList(node.get("bcat"), true), blockList(node.get("badv"), false));
  }

  private static void checkDevicesFit(PublisherKind kind, YamlNode node, Map<DeviceClass, Double> devices) {
    for (DeviceClass d : devices.keySet()) {
      boolean fits = switch (kind) {
        case SITE -> d != DeviceClass.CTV;
        case APP -> d != DeviceClass.DESKTOP && d != DeviceClass.CTV;
        case CTV -> d == DeviceClass.CTV;
      };
      if (!fits) {
        throw node.get(d.wire()).error("does not fit a " + kind.wire() + " publisher (sites: desktop, phone, tablet;"
            + " apps: phone, tablet; ctv: ctv)");
      }
    }
  }

  private static BlockList blockList(YamlNode node, boolean categories) {
    if (node.isMissing()) {
      return new BlockList(0, 1, List.of());
    }
    node.requireKeys(Set.of("rate", "max", "pool"));
    List<String> pool = node.get("pool").strings();
    for (int i = 0; i < pool.size(); i++) {
      if (categories && !CATEGORY.matcher(pool.get(i)).matches()) {
        throw node.get("pool").items().get(i).error("must be an IAB category like IAB25 or IAB7-39, got \"" + pool.get(i) + "\"");
      }
    }
    double rate = node.get("rate").number(0, 1);
    if (rate > 0 && pool.isEmpty()) {
      throw node.get("pool").error("must list values when rate is above 0");
    }
    return new BlockList(rate, node.get("max").integer(1, 100), pool);
  }

  private static Audience audience(YamlNode node) {
    node.requireKeys(Set.of("site_user_id_rate", "app_user_id_rate", "ifa_rate", "lmt_rate", "eids"));
    List<EidSource> eids = new ArrayList<>();
    for (YamlNode e : node.get("eids").items()) {
      e.requireKeys(Set.of("source", "rate", "atype"));
      eids.add(new EidSource(e.get("source").string(), e.get("rate").number(0, 1), e.get("atype").integerOr(1, 1, 3)));
    }
    return new Audience(node.get("site_user_id_rate").number(0, 1), node.get("app_user_id_rate").number(0, 1),
        node.get("ifa_rate").number(0, 1), node.get("lmt_rate").number(0, 1), eids);
  }

  private static Privacy privacy(YamlNode node) {
    node.requireKeys(Set.of("consent_rate", "us_privacy_rate", "us_privacy_opt_out_rate", "gpp_rate"));
    return new Privacy(node.get("consent_rate").number(0, 1), node.get("us_privacy_rate").number(0, 1),
        node.get("us_privacy_opt_out_rate").number(0, 1), node.get("gpp_rate").number(0, 1));
  }

  private static RequestShape requests(YamlNode node) {
    node.requireKeys(Set.of("tmax", "multi_imp_rate", "max_imps", "reseller_rate", "exchange_domain"));
    Map<Integer, Double> tmax = weights(node.get("tmax"), key -> {
      try {
        int ms = Integer.parseInt(key);
        return ms >= 50 && ms <= 10_000 ? ms : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }, "a tmax in ms between 50 and 10000");
    if (tmax.isEmpty()) {
      throw node.get("tmax").error("must list at least one tmax");
    }
    return new RequestShape(tmax, node.get("multi_imp_rate").number(0, 1), node.get("max_imps").integer(1, 10),
        node.get("reseller_rate").number(0, 1), node.get("exchange_domain").string());
  }

  private static List<DspConfig> dsps(YamlNode node, Set<String> countries) {
    List<YamlNode> items = node.items();
    if (items.isEmpty()) {
      throw node.error("must list at least one DSP");
    }
    List<DspConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (YamlNode item : items) {
      DspConfig base = dsp(item, countries, List.of());
      if (!ids.add(base.id())) {
        throw item.get("id").error("repeats DSP id " + base.id());
      }
      List<Drift> drift = drift(item, countries);
      out.add(drift.isEmpty() ? base : dsp(item, countries, drift));
    }
    return out;
  }

  private static List<Drift> drift(YamlNode dsp, Set<String> countries) {
    List<Drift> out = new ArrayList<>();
    LocalDate previous = null;
    for (YamlNode d : dsp.get("drift").items()) {
      d.requireKeys(Set.of("from", "changes"));
      LocalDate from = d.get("from").date();
      if (previous != null && !from.isAfter(previous)) {
        throw d.get("from").error("must come after the previous drift's date " + previous);
      }
      previous = from;
      YamlNode changes = d.get("changes");
      changes.requireKeys(withoutIdAndDrift());
      // Later drifts build on earlier ones, so "changes" only ever lists what changes that day.
      Object merged = merge(out.isEmpty() ? withoutDrift(dsp.raw()) : lastRaw(dsp.raw(), dsp.get("drift"), out.size()),
          changes.raw());
      DspConfig profile = dsp(YamlNode.at(merged, changes.path()), countries, List.of());
      out.add(new Drift(from, profile));
    }
    return out;
  }

  /** The DSP's settings with drifts 0..count-1 merged in, in order. */
  private static Object lastRaw(Object dsp, YamlNode drifts, int count) {
    Object merged = withoutDrift(dsp);
    List<YamlNode> items = drifts.items();
    for (int i = 0; i < count; i++) {
      merged = merge(merged, items.get(i).get("changes").raw());
    }
    return merged;
  }

  private static Set<String> withoutIdAndDrift() {
    Set<String> keys = new HashSet<>(DSP_KEYS);
    keys.remove("id");
    keys.remove("drift");
    return keys;
  }

  private static Object withoutDrift(Object dsp) {
    Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) dsp);
    copy.remove("drift");
    return copy;
  }

  /** Deep merge: mappings merge key by key, anything else (numbers, lists) is replaced. */
  private static Object merge(Object base, Object changes) {
    if (base instanceof Map<?, ?> b && changes instanceof Map<?, ?> c) {
      Map<Object, Object> out = new LinkedHashMap<>(b);
      for (Map.Entry<?, ?> e : c.entrySet()) {
        out.put(e.getKey(), merge(b.get(e.getKey()), e.getValue()));
      }
      return out;
    }
    return changes;
  }

  private static DspConfig dsp(YamlNode node, Set<String> countries, List<Drift> drift) {
    node.requireKeys(DSP_KEYS);
    String id = node.get("id").string();
    if (!DSP_ID.matcher(id).matches()) {
      throw node.get("id").error("must be 1 to 64 of [A-Za-z0-9._-] starting with a letter or digit, got \"" + id + "\"");
    }
    YamlNode latency = node.get("latency").requireKeys(Set.of("median_ms", "sigma"));
    double timeoutRate = node.get("timeout_rate").numberOr(0, 0, 0.5);
    double errorRate = node.get("error_rate").numberOr(0, 0, 0.5);
    return new DspConfig(id, node.get("description").stringOr(""),
        node.get("target_bid_rate").number(0.001, 0.9),
        valuation(node.get("valuation"), countries),
        effects(node.get("effects"), countries),
        targeting(node.get("targeting"), countries),
        interactions(node.get("interactions"), countries),
        categories(node.get("blocked_categories")),
        categories(node.get("ad_categories")),
        node.get("advertiser_domains").strings(),
        new Latency(latency.get("median_ms").number(1, 60_000), latency.get("sigma").number(0, 3)),
        timeoutRate, errorRate, drift);
  }

  private static Valuation valuation(YamlNode node, Set<String> countries) {
    node.requireKeys(Set.of("base_cpm", "formats", "countries", "device_types", "user_id_multiplier"));
    return new Valuation(node.get("base_cpm").number(0.01, 1000),
        numbers(node.get("formats"), AdFormat::fromWire, "a format (banner, video, native)", 0.001, MAX_MULTIPLIER),
        numbers(node.get("countries"), countryIn(countries), "one of the market's countries", 0.001, MAX_MULTIPLIER),
        numbers(node.get("device_types"), DeviceClass::fromWire, "a device class (desktop, phone, tablet, ctv)", 0.001,
            MAX_MULTIPLIER),
        node.get("user_id_multiplier").numberOr(1, 0.001, MAX_MULTIPLIER));
  }

  private static Effects effects(YamlNode node, Set<String> countries) {
    if (node.isMissing()) {
      return new Effects(Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, Map.of(), 0, 0, Pacing.NONE, 0);
    }
    node.requireKeys(Set.of("countries", "formats", "device_types", "environments", "user_id", "no_consent",
        "categories", "publisher_affinity", "price_sensitivity", "pacing", "noise"));
    Pacing pacing = Pacing.NONE;
    YamlNode p = node.get("pacing");
    if (!p.isMissing()) {
      p.requireKeys(Set.of("peak_hour", "amplitude"));
      pacing = new Pacing(p.get("peak_hour").integer(0, 23), p.get("amplitude").number(0, MAX_EFFECT));
    }
    return new Effects(
        numbers(node.get("countries"), countryIn(countries), "one of the market's countries", -MAX_EFFECT, MAX_EFFECT),
        numbers(node.get("formats"), AdFormat::fromWire, "a format (banner, video, native)", -MAX_EFFECT, MAX_EFFECT),
        numbers(node.get("device_types"), DeviceClass::fromWire, "a device class (desktop, phone, tablet, ctv)",
            -MAX_EFFECT, MAX_EFFECT),
        numbers(node.get("environments"), Channel::fromWire, "an environment (site, app)", -MAX_EFFECT, MAX_EFFECT),
        node.get("user_id").numberOr(0, -MAX_EFFECT, MAX_EFFECT),
        node.get("no_consent").numberOr(0, -MAX_EFFECT, MAX_EFFECT),
        numbers(node.get("categories"), key -> TOP_CATEGORY.matcher(key).matches() ? key : null,
            "a top-level IAB category (IAB1..IAB26)", -MAX_EFFECT, MAX_EFFECT),
        node.get("publisher_affinity").numberOr(0, 0, 5),
        node.get("price_sensitivity").numberOr(0, 0, 10),
        pacing,
        node.get("noise").numberOr(0, 0, 5));
  }

  private static Targeting targeting(YamlNode node, Set<String> countries) {
    if (node.isMissing()) {
      return Targeting.EVERYTHING;
    }
    node.requireKeys(Set.of("countries", "formats", "device_types", "environments", "require_user_id",
        "require_consent", "allow_coppa"));
    return new Targeting(
        members(node.get("countries"), countryIn(countries), "one of the market's countries"),
        members(node.get("formats"), AdFormat::fromWire, "a format (banner, video, native)"),
        members(node.get("device_types"), DeviceClass::fromWire, "a device class (desktop, phone, tablet, ctv)"),
        members(node.get("environments"), Channel::fromWire, "an environment (site, app)"),
        node.get("require_user_id").boolOr(false),
        node.get("require_consent").boolOr(false),
        node.get("allow_coppa").boolOr(false));
  }

  private static List<Interaction> interactions(YamlNode node, Set<String> countries) {
    List<Interaction> out = new ArrayList<>();
    for (YamlNode item : node.items()) {
      item.requireKeys(Set.of("when", "effect"));
      YamlNode when = item.get("when").requireKeys(Set.of("countries", "formats", "device_types", "environments",
          "categories", "user_id"));
      YamlNode userId = when.get("user_id");
      out.add(new Interaction(
          members(when.get("countries"), countryIn(countries), "one of the market's countries"),
          members(when.get("formats"), AdFormat::fromWire, "a format (banner, video, native)"),
          members(when.get("device_types"), DeviceClass::fromWire, "a device class (desktop, phone, tablet, ctv)"),
          members(when.get("environments"), Channel::fromWire, "an environment (site, app)"),
          members(when.get("categories"), key -> TOP_CATEGORY.matcher(key).matches() ? key : null,
              "a top-level IAB category (IAB1..IAB26)"),
          userId.isMissing() ? null : userId.bool(),
          item.get("effect").number(-MAX_EFFECT, MAX_EFFECT)));
    }
    return out;
  }

  private static List<String> categories(YamlNode node) {
    List<String> out = node.strings();
    List<YamlNode> items = node.raw() instanceof List<?> ? node.items() : List.of(node);
    for (int i = 0; i < out.size(); i++) {
      if (!CATEGORY.matcher(out.get(i)).matches()) {
        throw items.get(i).error("must be an IAB category like IAB25 or IAB7-39, got \"" + out.get(i) + "\"");
      }
    }
    return out;
  }

  private static Function<String, String> countryIn(Set<String> countries) {
    return key -> countries.contains(key) ? key : null;
  }

  /** A mapping of names to non-negative weights, keeping file order; empty when missing. */
  private static <K> Map<K, Double> weights(YamlNode node, Function<String, K> keys, String what) {
    Map<K, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      K key = keys.apply(e.getKey());
      if (key == null) {
        throw e.getValue().error("is not " + what);
      }
      double w = e.getValue().number(0, 1e9);
      if (w > 0) {
        out.put(key, w);
      }
    }
    return out;
  }

  private static <K> Map<K, Double> numbers(YamlNode node, Function<String, K> keys, String what, double min,
      double max) {
    Map<K, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      K key = keys.apply(e.getKey());
      if (key == null) {
        throw e.getValue().error("is not " + what);
      }
      out.put(key, e.getValue().number(min, max));
    }
    return out;
  }

  private static <E> Set<E> members(YamlNode node, Function<String, E> parse, String what) {
    List<String> values = node.strings();
    List<YamlNode> items = node.raw() instanceof List<?> ? node.items() : List.of(node);
    Set<E> out = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      E e = parse.apply(values.get(i));
      if (e == null) {
        throw items.get(i).error("is not " + what + ": \"" + values.get(i) + "\"");
      }
      out.add(e);
    }
    return out;
  }
}
