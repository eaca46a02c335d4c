package io.bidsift.simulator.market;

import java.util.List;

/**
 * One country of the market.
 *
 * @param code            ISO-3166-1 alpha-3, as OpenRTB 2.6 sends it in {@code geo.country}
 * @param weight          share of the market's traffic (relative)
 * @param floorMultiplier country tier: floors are the format's base floor times this, and DSP
 *                        valuations follow it unless a DSP says otherwise
 * @param gdpr            GDPR applies ({@code regs.gdpr = 1}) to users here
 * @param iosShare        share of phones and tablets that run iOS
 * @param language        ISO-639-1 language of {@code device.language}
 * @param cities          where the traffic comes from, with their time zones
 */
public record Country(String code, double weight, double floorMultiplier, boolean gdpr, double iosShare,
                      String language, List<City> cities) {

  public Country {
    cities = List.copyOf(cities);
  }
}
