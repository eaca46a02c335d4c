package io.bidsift.features;

import io.bidsift.signals.RequestSignals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the target encodings are learned from: per DSP, how many labelled callouts it received
 * (trials) and bid on (bids), overall and per key of every {@link KeyKind}; and the DSP
 * vocabulary behind the {@link Feature#DSP} index. Ships in the model bundle as
 * {@code encodings.json} ({@link #writeJson}).
 *
 * <p>Immutable (nothing mutable escapes) and thread-safe. Lookups allocate nothing: counts sit in maps keyed by the signal
 * strings themselves (nested maps for pair kinds). A key's counts for every DSP share one array,
 * so the DSPs of one auction hit the same, cache-warm entry. A DSP can be in the vocabulary without
 * counts (the training pipeline's tables for an early day know every DSP but not yet its
 * history); such a DSP has no prior, and its encodings are missing.
 *
 * <p>Serializable (Spark broadcasts the tables to executors) through its JSON form.
 */
public final class EncodingTables implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Prior weight m of {@link #smoothedRate}: a key needs about m trials before its own rate
   * outweighs the DSP's overall rate. Small enough that a publisher with a few hundred
   * auctions a day is measured, large enough that a handful of lucky bids is not.
   */
  public static final double DEFAULT_SMOOTHING = 20.0;

  /** Labelled callouts (trials) and the bids among them. */
  public record Counts(long bids, long trials) {
    public Counts {
      if (bids < 0 || trials < bids) {
        throw new IllegalArgumentException("counts need 0 <= bids <= trials, got " + bids + " of " + trials);
      }
    }
  }

  private final double smoothing;
  private final List<String> dsps;
  private final Map<String, Dsp> byDsp;
  /** By {@link KeyKind#ordinal()}. */
  private final KeyCounts[] byKind;

  private EncodingTables(double smoothing, List<String> dsps, Map<String, Dsp> byDsp, KeyCounts[] byKind) {
    this.smoothing = smoothing;
    this.dsps = dsps;
    this.byDsp = byDsp;
    this.byKind = byKind;
  }

  public static Builder builder() {
    return new Builder(DEFAULT_SMOOTHING);
  }

  public static Builder builder(double smoothing) {
    return new Builder(smoothing);
  }

  /**
   * The smoothed bid rate {@code (bids + m * prior) / (trials + m)}: the prior for a key never
   * seen, tending to the key's own rate as its trials grow.
   */
  public static double smoothedRate(long bids, long trials, double prior, double m) {
    return (bids + m * prior) / (trials + m);
  }

  /** The prior weight m. */
  public double smoothing() {
    return smoothing;
  }

  /** The DSP vocabulary, sorted; a DSP's position is its {@link Feature#DSP} value. */
  public List<String> dsps() {
    return dsps;
  }

  /** The DSP's index in {@link #dsps()}, or -1 when it is not in the vocabulary. */
  public int dspIndex(String dsp) {
    Dsp d = byDsp.get(dsp);
    return d == null ? -1 : d.index;
  }

  /** The DSP's overall counts; null when the DSP is not in the vocabulary. */
  public Counts dspTotals(String dsp) {
    Dsp d = byDsp.get(dsp);
    return d == null ? null : new Counts(d.bids, d.trials);
  }

  /** The DSP's overall bid rate (bids / trials); NaN when it is unknown or has no trials. */
  public double prior(String dsp) {
    Dsp d = byDsp.get(dsp);
    return d == null ? Double.NaN : d.prior;
  }

  /**
   * The counts of one key (and sub-key, for a pair kind) for a DSP; null when the DSP never saw it.
   */
  public Counts counts(String dsp, KeyKind kind, String key, String subKey) {
    Dsp d = byDsp.get(dsp);
    long[] c = d == null ? null : byKind[kind.ordinal()].get(key, subKey);
    return c == null || c[2 * d.index + 1] == 0 ? null : new Counts(c[2 * d.index], c[2 * d.index + 1]);
  }

  /** Number of distinct keys of a kind the DSP has counts for (pairs count once per pair). */
  public int keyCount(String dsp, KeyKind kind) {
    Dsp d = byDsp.get(dsp);
    return d == null ? 0 : byKind[kind.ordinal()].keysWithTrials(d.index);
  }

  Dsp dsp(String dsp) {
    return byDsp.get(dsp);
  }

  KeyCounts keyCounts(KeyKind kind) {
    return byKind[kind.ordinal()];
  }

  public void writeJson(OutputStream out) throws IOException {
    EncodingTablesJson.write(this, out);
  }

  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      writeJson(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads tables written by {@link #writeJson}.
   *
   * @throws io.bidsift.json.JsonInputException when the JSON is not such tables, or was written
   *     for another {@link FeatureSchema#FEATURE_SPEC_VERSION} or signals version
   */
  public static EncodingTables readJson(InputStream in) throws IOException {
    return EncodingTablesJson.read(in);
  }

  public static EncodingTables fromJson(byte[] json) {
    try {
      return readJson(new ByteArrayInputStream(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object writeReplace() {
    return new SerializedForm(toJson());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("EncodingTables are deserialised through their JSON form");
  }

  /** Java serialisation carries the JSON: compact, and the one format the tables are defined by. */
  private record SerializedForm(byte[] json) implements Serializable {
    private Object readResolve() {
      return fromJson(json);
    }
  }

  /** One DSP of the vocabulary: its index and overall counts. */
  static final class Dsp {
    final int index;
    final long bids;
    final long trials;
    /** bids / trials; NaN without trials. */
    final double prior;

    Dsp(int index, long bids, long trials) {
      this.index = index;
      this.bids = bids;
      this.trials = trials;
      this.prior = trials == 0 ? Double.NaN : (double) bids / trials;
    }
  }

  /**
   * The counts of one key kind: by key (then sub-key for a pair kind), each a {@code long[]} of
   * {@code [bids, trials]} per DSP index: {@code [2 * index]} bids, {@code [2 * index + 1]} trials.
   */
  static final class KeyCounts {
    private final Map<String, long[]> single;
    private final Map<String, Map<String, long[]>> pairs;

    private KeyCounts(Map<String, long[]> single, Map<String, Map<String, long[]>> pairs) {
      this.single = single;
      this.pairs = pairs;
    }

    /** The key's counts by DSP, or null when no DSP saw it. */
    long[] get(String key, String subKey) {
      if (pairs == null) {
        return single.get(key);
      }
      Map<String, long[]> bySubKey = pairs.get(key);
      return bySubKey == null ? null : bySubKey.get(subKey);
    }

    int keysWithTrials(int dspIndex) {
      int n = 0;
      if (pairs == null) {
        for (long[] c : single.values()) {
          n += c[2 * dspIndex + 1] > 0 ? 1 : 0;
        }
      } else {
        for (Map<String, long[]> bySub : pairs.values()) {
          for (long[] c : bySub.values()) {
            n += c[2 * dspIndex + 1] > 0 ? 1 : 0;
          }
        }
      }
      return n;
    }

    /** Single kind: key → counts by DSP; null for a pair kind. */
    Map<String, long[]> single() {
      return single;
    }

    /** Pair kind: key → sub-key → counts by DSP; null for a single kind. */
    Map<String, Map<String, long[]>> pairs() {
      return pairs;
    }
  }

  /**
   * Accumulates counts, one labelled callout at a time ({@link #add}) or pre-aggregated
   * ({@link #addTotals}, {@link #addKeyCounts}). Not thread-safe. {@link #build} takes a snapshot,
   * so a builder can keep accumulating after it (the pipeline's expanding window).
   */
  public static final class Builder {
    private final double smoothing;
    private final TreeSet<String> vocabulary = new TreeSet<>();
    /** DSP → [bids, trials]. */
    private final Map<String, long[]> totals = new HashMap<>();
    /** By kind ordinal, single kinds: key → DSP → [bids, trials]. */
    private final List<Map<String, Map<String, long[]>>> single = new ArrayList<>();
    /** By kind ordinal, pair kinds: key → sub-key → DSP → [bids, trials]. */
    private final List<Map<String, Map<String, Map<String, long[]>>>> pairs = new ArrayList<>();

    private Builder(double smoothing) {
      if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
        throw new IllegalArgumentException("smoothing must be a positive number, was " + smoothing);
      }
      this.smoothing = smoothing;
      for (int k = 0; k < KeyKind.all().size(); k++) {
        single.add(new HashMap<>());
        pairs.add(new HashMap<>());
      }
    }

    /** Puts DSPs in the vocabulary, with or without counts. */
    public Builder addDsps(Collection<String> dsps) {
      for (String dsp : dsps) {
        vocabulary.add(Objects.requireNonNull(dsp, "dsp"));
      }
      return this;
    }

    /** Counts one labelled callout: the DSP's totals and every key the request has. */
    public Builder add(String dsp, RequestSignals signals, boolean bid) {
      long bids = bid ? 1 : 0;
      addTotals(dsp, bids, 1);
      for (KeyKind kind : KeyKind.all()) {
        if (kind.appliesTo(signals)) {
          addKeyCounts(dsp, kind, kind.key(signals), kind.subKey(signals), bids, 1);
        }
      }
      return this;
    }

    public Builder addTotals(String dsp, long bids, long trials) {
      checkCounts(bids, trials);
      Objects.requireNonNull(dsp, "dsp");
      vocabulary.add(dsp);
      long[] c = totals.computeIfAbsent(dsp, d -> new long[2]);
      c[0] += bids;
      c[1] += trials;
      return this;
    }

    /** Adds to one key's counts; {@code subKey} is required for a pair kind and ignored otherwise. */
    public Builder addKeyCounts(String dsp, KeyKind kind, String key, String subKey, long bids, long trials) {
      checkCounts(bids, trials);
      Objects.requireNonNull(dsp, "dsp");
      Objects.requireNonNull(key, "key");
      vocabulary.add(dsp);
      Map<String, long[]> byDsp;
      if (kind.isPair()) {
        Objects.requireNonNull(subKey, "subKey of a pair kind");
        byDsp = pairs.get(kind.ordinal()).computeIfAbsent(key, k -> new HashMap<>())
            .computeIfAbsent(subKey, k -> new HashMap<>());
      } else {
        byDsp = single.get(kind.ordinal()).computeIfAbsent(key, k -> new HashMap<>());
      }
      long[] c = byDsp.computeIfAbsent(dsp, d -> new long[2]);
      c[0] += bids;
      c[1] += trials;
      return this;
    }

    public EncodingTables build() {
      List<String> dsps = List.copyOf(vocabulary);
      Map<String, Dsp> byDsp = new HashMap<>(dsps.size() * 2);
      Map<String, Integer> index = new HashMap<>(dsps.size() * 2);
      for (int i = 0; i < dsps.size(); i++) {
        long[] t = totals.getOrDefault(dsps.get(i), new long[2]);
        byDsp.put(dsps.get(i), new Dsp(i, t[0], t[1]));
        index.put(dsps.get(i), i);
      }
      KeyCounts[] byKind = new KeyCounts[KeyKind.all().size()];
      for (KeyKind kind : KeyKind.all()) {
        int k = kind.ordinal();
        if (kind.isPair()) {
          Map<String, Map<String, long[]>> byKey = new HashMap<>(pairs.get(k).size() * 2);
          pairs.get(k).forEach((key, bySub) -> {
            Map<String, long[]> frozen = new HashMap<>(bySub.size() * 2);
            bySub.forEach((sub, byDspCounts) -> frozen.put(sub, byIndex(byDspCounts, index)));
            byKey.put(key, frozen);
          });
          byKind[k] = new KeyCounts(null, byKey);
        } else {
          Map<String, long[]> byKey = new HashMap<>(single.get(k).size() * 2);
          single.get(k).forEach((key, byDspCounts) -> byKey.put(key, byIndex(byDspCounts, index)));
          byKind[k] = new KeyCounts(byKey, null);
        }
      }
      return new EncodingTables(smoothing, dsps, byDsp, byKind);
    }

    private static long[] byIndex(Map<String, long[]> byDspCounts, Map<String, Integer> index) {
      long[] out = new long[2 * index.size()];
      byDspCounts.forEach((dsp, c) -> {
        int i = index.get(dsp);
        out[2 * i] = c[0];
        out[2 * i + 1] = c[1];
      });
      return out;
    }

    private static void checkCounts(long bids, long trials) {
      if (bids < 0 || trials < bids) {
        throw new IllegalArgumentException("counts need 0 <= bids <= trials, got " + bids + " of " + trials);
      }
    }
  }
}
