package io.bidsift.training.evaluate;

import io.bidsift.bundle.JsonTrees;
import io.bidsift.features.EncodingTables;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.signals.RequestSignals;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline: how exchanges shape traffic without ML. A lookup table, per DSP, of the smoothed
 * historical bid rate of the request's (publisher, format, environment):
 * {@code (bids + m × prior) / (callouts + m)}, the prior being the DSP's overall rate. Kept apart
 * from the model's target encodings (no key kind of {@code io.bidsift.features} has this key), so
 * the baseline follows the definition without changing the feature vector.
 *
 * <p>Keys are looked up as publisher, then {@code <format>/<environment>} (e.g.
 * {@code video/app}; the environment {@code site}, {@code app}, {@code dooh} or {@code unknown}).
 * A request without publisher or primary format scores the DSP's prior; a DSP without history
 * has no rate (NaN: the caller's fallback). Immutable; built by {@link Builder}.
 */
public final class BaselineTable implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The key, as written in {@code baseline.json}. */
  public static final List<String> KEY = List.of("dsp", "publisher", "format", "environment");

  private final double smoothing;
  private final Map<String, Dsp> byDsp;

  private record Dsp(long bids, long trials, Map<String, Map<String, long[]>> keys) implements Serializable {
    double prior() {
      return trials == 0 ? Double.NaN : (double) bids / trials;
    }
  }

  private BaselineTable(double smoothing, Map<String, Dsp> byDsp) {
    this.smoothing = smoothing;
    this.byDsp = byDsp;
  }

  public static Builder builder(double smoothing) {
    return new Builder(smoothing);
  }

  /** The publisher part of the request's key; null when the request has none. */
  public static String publisher(RequestSignals s) {
    return s.publisherId();
  }

  /** The {@code <format>/<environment>} part of the request's key; null without a primary format. */
  public static String formatAndEnvironment(RequestSignals s) {
    return s.primaryFormat() == null ? null
        : s.primaryFormat() + "/" + s.environment().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The DSP's smoothed bid rate on the request's key, its prior when the request has no key, NaN
   * when the DSP has no history.
   */
  public double rate(String dsp, RequestSignals s) {
    Dsp d = byDsp.get(dsp);
    if (d == null || d.trials == 0) {
      return Double.NaN;
    }
    String publisher = publisher(s);
    String sub = formatAndEnvironment(s);
    if (publisher == null || sub == null) {
      return d.prior();
    }
    long[] c = d.keys.getOrDefault(publisher, Map.of()).get(sub);
    return c == null ? d.prior() : EncodingTables.smoothedRate(c[0], c[1], d.prior(), smoothing);
  }

  /** Distinct (DSP, publisher, format, environment) keys. */
  public long keyCount() {
    long n = 0;
    for (Dsp d : byDsp.values()) {
      for (Map<String, long[]> subs : d.keys.values()) {
        n += subs.size();
      }
    }
    return n;
  }

  /**
   * {@code {"smoothing": m, "dsps": {"<dsp>": {"bids": b, "callouts": n, "keys": {"<publisher>":
   * {"<format>/<environment>": [bids, callouts]}}}}}}, sorted, for {@code baseline.json}.
   */
  public JsonObject toJson() {
    JsonTrees.ObjectBuilder dsps = JsonTrees.object();
    new TreeMap<>(byDsp).forEach((name, d) -> {
      JsonTrees.ObjectBuilder keys = JsonTrees.object();
      new TreeMap<>(d.keys).forEach((publisher, subs) -> {
        JsonTrees.ObjectBuilder o = JsonTrees.object();
        new TreeMap<>(subs).forEach((sub, c) -> o.put(sub, JsonTrees.array(List.of(JsonNumber.of(c[0]),
            JsonNumber.of(c[1])))));
        keys.put(publisher, o.build());
      });
      dsps.put(name, JsonTrees.object().put("bids", d.bids).put("callouts", d.trials).put("keys", keys.build())
          .build());
    });
    return JsonTrees.object().put("smoothing", smoothing).put("dsps", dsps.build()).build();
  }

  /** @throws JsonInputException when the object is not what {@link #toJson()} writes */
  public static BaselineTable fromJson(JsonObject json) {
    Builder b = builder(JsonTrees.requireNumber(json, "smoothing"));
    JsonObject dsps = JsonTrees.requireObject(json, "dsps");
    for (String dsp : dsps.members().keySet()) {
      JsonObject d = JsonTrees.requireObject(dsps, dsp);
      b.addTotals(dsp, count(d.get("bids"), "dsps." + dsp + ".bids"),
          count(d.get("callouts"), "dsps." + dsp + ".callouts"));
      JsonObject keys = JsonTrees.requireObject(d, "keys");
      for (String publisher : keys.members().keySet()) {
        JsonObject subs = JsonTrees.requireObject(keys, publisher);
        for (String sub : subs.members().keySet()) {
          String where = "dsps." + dsp + ".keys." + publisher + "." + sub;
          if (!(subs.get(sub) instanceof JsonArray a) || a.elements().size() != 2) {
            throw new JsonInputException("must be [bids, callouts]").within("." + where);
          }
          b.addKey(dsp, publisher, sub, count(a.elements().get(0), where), count(a.elements().get(1), where));
        }
      }
    }
    return b.build();
  }

  private static long count(JsonValue v, String where) {
    try {
      if (v instanceof JsonNumber n && n.decimal().signum() >= 0) {
        return n.decimal().longValueExact();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // Falls through to the error below.
    }
    throw new JsonInputException("must be a count").within("." + where);
  }

  /** Counts labelled callouts; {@link #build()} snapshots them, so one builder gives a table per day. */
  public static final class Builder {
    private final double smoothing;
    private final Map<String, long[]> totals = new HashMap<>();
    private final Map<String, Map<String, Map<String, long[]>>> keys = new HashMap<>();

    private Builder(double smoothing) {
      if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
        throw new IllegalArgumentException("smoothing must be a positive number, was " + smoothing);
      }
      this.smoothing = smoothing;
    }

    /** Adds to the DSP's overall counts (its prior). */
    public Builder addTotals(String dsp, long bids, long trials) {
      long[] t = totals.computeIfAbsent(dsp, d -> new long[2]);
      t[0] += bids;
      t[1] += trials;
      return this;
    }

    /** Adds to the counts of one key; {@code formatAndEnvironment} as {@link #formatAndEnvironment} gives it. */
    public Builder addKey(String dsp, String publisher, String formatAndEnvironment, long bids, long trials) {
      long[] c = keys.computeIfAbsent(dsp, d -> new HashMap<>())
          .computeIfAbsent(publisher, p -> new HashMap<>())
          .computeIfAbsent(formatAndEnvironment, s -> new long[2]);
      c[0] += bids;
      c[1] += trials;
      return this;
    }

    public BaselineTable build() {
      Map<String, Dsp> byDsp = new HashMap<>();
      for (Map.Entry<String, long[]> t : totals.entrySet()) {
        Map<String, Map<String, long[]>> copy = new HashMap<>();
        keys.getOrDefault(t.getKey(), Map.of()).forEach((publisher, subs) -> {
          Map<String, long[]> s = new HashMap<>();
          subs.forEach((sub, c) -> s.put(sub, c.clone()));
          copy.put(publisher, s);
        });
        byDsp.put(t.getKey(), new Dsp(t.getValue()[0], t.getValue()[1], copy));
      }
      return new BaselineTable(smoothing, byDsp);
    }
  }
}
