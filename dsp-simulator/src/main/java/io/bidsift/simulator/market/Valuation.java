package io.bidsift.simulator.market;

import java.util.Map;

/**
 * What one impression is worth to a DSP, in USD CPM: {@code baseCpm × format × country × device
 * × (userIdMultiplier when the user is identified)}. It bids only when the floor is at most the
 * valuation, and between the two.
 *
 * @param baseCpm          worth of a banner in a country of floor multiplier 1
 * @param formats          multiplier per format; a format not listed uses the ratio of its market
 *                         base floor to the banner's, so valuations follow the floors
 * @param countries        multiplier per country; a country not listed uses its market floor multiplier
 *                         (and a country outside the market {@link #UNKNOWN_COUNTRY_MULTIPLIER})
 * @param deviceTypes      multiplier per device class; 1 when not listed
 * @param userIdMultiplier multiplier when the request identifies the user
 */
public record Valuation(double baseCpm, Map<AdFormat, Double> formats, Map<String, Double> countries,
                        Map<DeviceClass, Double> deviceTypes, double userIdMultiplier) {

  /** Multiplier for a country the market does not describe (requests from outside it). */
  public static final double UNKNOWN_COUNTRY_MULTIPLIER = 0.3;

  public Valuation {
    formats = Map.copyOf(formats);
    countries = Map.copyOf(countries);
    deviceTypes = Map.copyOf(deviceTypes);
  }
}
