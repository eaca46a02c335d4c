package io.bidsift.simulator.market;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The market's publishers, drawn from {@link PublisherPopulation} with its own catalog seed, and
 * their Zipf-like traffic shares (rank k gets 1 / k^exponent). Immutable.
 */
public final class PublisherCatalog {

  private final List<PublisherProfile> publishers;
  private final WeightedIndex traffic;

  private PublisherCatalog(List<PublisherProfile> publishers, WeightedIndex traffic) {
    this.publishers = List.copyOf(publishers);
    this.traffic = traffic;
  }

  public static PublisherCatalog build(MarketModel market) {
    PublisherPopulation population = market.publishers();
    SplittableRandom r = new SplittableRandom(population.catalogSeed());
    List<PublisherKind> kinds = new ArrayList<>(population.kinds().keySet());
    WeightedIndex kindIndex = new WeightedIndex(kinds.stream().mapToDouble(k -> population.kinds().get(k).share()).toArray());
    List<String> topCategories = new ArrayList<>(population.categories().keySet());
    WeightedIndex categoryIndex = WeightedIndex.of(new ArrayList<>(population.categories().values()));
    WeightedIndex homeIndex = new WeightedIndex(market.countries().stream().mapToDouble(Country::weight).toArray());
    Set<String> usedNames = new HashSet<>();

    List<PublisherProfile> out = new ArrayList<>(population.count());
    double[] trafficWeights = new double[population.count()];
    for (int i = 0; i < population.count(); i++) {
      int rank = i + 1;
      trafficWeights[i] = 1.0 / Math.pow(rank, population.zipfExponent());
      PublisherKind kind = kinds.get(kindIndex.pick(r.nextDouble()));
      KindSpec spec = population.kinds().get(kind);
      Country home = market.countries().get(homeIndex.pick(r.nextDouble()));
      String top = topCategories.get(categoryIndex.pick(r.nextDouble()));
      int subs = IabCategories.subcategories(top);
      List<String> categories = subs == 0 ? List.of(top) : List.of(top, top + "-" + (1 + r.nextInt(subs)));
      out.add(profile(market, r, rank, kind, spec, home, categories, usedNames));
    }
    return new PublisherCatalog(out, new WeightedIndex(trafficWeights));
  }

  private static PublisherProfile profile(MarketModel market, SplittableRandom r, int rank, PublisherKind kind,
      KindSpec spec, Country home, List<String> categories, Set<String> usedNames) {
    PublisherPopulation population = market.publishers();
    String number = String.format("%04d", rank);
    String[] words = kind == PublisherKind.SITE ? SyntheticNames.siteWords(r) : SyntheticNames.appWords(r);
    String stem = unique(SyntheticNames.joined(words), usedNames);
    String name = SyntheticNames.title(words) + (kind == PublisherKind.CTV ? " TV" : "");
    String studio = SyntheticNames.studio(r);
    String domain = kind == PublisherKind.SITE ? stem + SyntheticNames.tld(home.code()) : studio + stem + ".com";
    String androidBundle = kind == PublisherKind.SITE ? null
        : "com." + studio + "." + stem + (kind == PublisherKind.CTV ? ".tv" : "");
    String iosBundle = kind == PublisherKind.APP ? Long.toString(1_000_000_000L + r.nextLong(700_000_000L)) : null;

    double[] countries = new double[market.countries().size()];
    double totalWeight = market.countries().stream().mapToDouble(Country::weight).sum();
    for (int c = 0; c < countries.length; c++) {
      Country country = market.countries().get(c);
      countries[c] = (1 - population.homeCountryShare()) * country.weight() / totalWeight
          + (country == home ? population.homeCountryShare() : 0);
    }
    double[] devices = jittered(spec.devices(), DeviceClass.values(), population.mixJitter(), r);
    double[] formats = jittered(spec.formats(), AdFormat.values(), population.mixJitter(), r);

    double floorFactor = Math.exp(population.floorSigma() * r.nextGaussian());
    boolean coppa = r.nextDouble() < population.coppaShare();
    List<String> bcat = draw(population.bcat(), r);
    List<String> badv = draw(population.badv(), r);
    String reseller = r.nextDouble() < market.requests().resellerRate() ? SyntheticNames.reseller(r) : null;
    String prefix = kind == PublisherKind.SITE ? "site-" : "app-";
    return new PublisherProfile(rank, "pub-" + number, prefix + number, kind, name, domain, androidBundle, iosBundle,
        categories, home.code(), new WeightedIndex(countries), new WeightedIndex(devices),
        new WeightedIndex(formats), floorFactor, coppa, bcat, badv, reseller);
  }

  /** The kind's weights over every enum value (0 for those it lacks), each scaled by exp(jitter · N(0,1)). */
  private static <E extends Enum<E>> double[] jittered(Map<E, Double> weights, E[] all, double jitter,
      SplittableRandom r) {
    double[] out = new double[all.length];
    for (E e : all) {
      Double w = weights.get(e);
      out[e.ordinal()] = w == null ? 0 : w * Math.exp(jitter * r.nextGaussian());
    }
    return out;
  }

  private static List<String> draw(BlockList list, SplittableRandom r) {
    if (list.pool().isEmpty() || r.nextDouble() >= list.rate()) {
      return List.of();
    }
    int n = 1 + r.nextInt(Math.min(list.max(), list.pool().size()));
    List<String> remaining = new ArrayList<>(list.pool());
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(remaining.remove(r.nextInt(remaining.size())));
    }
    return out;
  }

  private static String unique(String stem, Set<String> used) {
    String candidate = stem;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = stem + n;
    }
    return candidate;
  }

  public List<PublisherProfile> publishers() {
    return publishers;
  }

  public int size() {
    return publishers.size();
  }

  public PublisherProfile get(int index) {
    return publishers.get(index);
  }

  /** A publisher drawn by traffic share, for a uniform draw {@code u} in [0, 1). */
  public PublisherProfile pick(double u) {
    return publishers.get(traffic.pick(u));
  }

  /** The publisher's share of the market's auctions. */
  public double trafficShare(PublisherProfile publisher) {
    return traffic.probability(publisher.rank() - 1);
  }
}
