package io.bidsift.simulator.market;

import java.util.Map;

/**
 * How the publisher catalog is drawn. The catalog depends only on these settings (and the
 * countries), never on a generation run's seed: the same market file always means the same
 * publishers, in the log generator and in the live fleet alike.
 *
 * @param count            number of publishers (one site or app each)
 * @param catalogSeed      seed of the catalog draw
 * @param zipfExponent     traffic of the publisher of rank k is proportional to 1 / k^exponent
 * @param homeCountryShare share of a publisher's traffic from its home country; the rest follows
 *                         the market's country weights
 * @param mixJitter        how far a publisher's device and format mix strays from its kind's
 *                         (log-normal sigma on each weight)
 * @param floorSigma       spread of the per-publisher floor factor (log-normal sigma)
 * @param coppaShare       share of publishers that are child-directed ({@code regs.coppa = 1})
 * @param kinds            the kinds of publisher with their typical mixes
 * @param categories       top-level IAB content category ({@code IAB1}..{@code IAB26}) → weight
 * @param bcat             blocked advertiser categories
 * @param badv             blocked advertiser domains
 */
public record PublisherPopulation(int count, long catalogSeed, double zipfExponent, double homeCountryShare,
                                  double mixJitter, double floorSigma, double coppaShare,
                                  Map<PublisherKind, KindSpec> kinds, Map<String, Double> categories,
                                  BlockList bcat, BlockList badv) {

  public PublisherPopulation {
    kinds = OrderedMaps.copy(kinds);
    categories = OrderedMaps.copy(categories);
  }
}
