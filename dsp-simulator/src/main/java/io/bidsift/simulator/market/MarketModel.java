package io.bidsift.simulator.market;

import java.util.List;

/**
 * The simulated market: who sells, what requests look like and how each DSP bids. Loaded from a
 * market file by {@link MarketLoader} (the built-in default is
 * {@code src/main/resources/market/default-market.yaml}); docs/simulated-market.md explains
 * every setting.
 */
public record MarketModel(String name, Traffic traffic, List<Country> countries, Formats formats,
                          PublisherPopulation publishers, Audience audience, Privacy privacy,
                          RequestShape requests, List<DspConfig> dsps) {

  public MarketModel {
    countries = List.copyOf(countries);
    dsps = List.copyOf(dsps);
  }

  /** The country with this alpha-3 code, or null. */
  public Country country(String code) {
    for (Country c : countries) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    return null;
  }
}
