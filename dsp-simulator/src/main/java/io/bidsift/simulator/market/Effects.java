package io.bidsift.simulator.market;

import java.util.Map;

/**
 * Log-odds effects on a DSP's bid probability. The probability is
 * {@code sigmoid(intercept + Σ effects + noise)} with the intercept calibrated to the DSP's
 * target bid rate; an absent entry is 0.
 *
 * @param countries         per country (alpha-3)
 * @param formats           per format of the first imp
 * @param deviceTypes       per device class
 * @param environments      per channel (site or app)
 * @param userId            when the request identifies the user (user.id, user.buyeruid, a real
 *                          device.ifa or any user.eids)
 * @param noConsent         when GDPR applies and there is no consent string
 * @param categories        per IAB top-level category of the site or app (each matching one adds)
 * @param publisherAffinity sigma of a per-publisher effect drawn from a hash of DSP id and
 *                          publisher id: fixed for a pair, different across DSPs
 * @param priceSensitivity  times {@code ln(valuation / floor)} (capped at ln 20): how much more
 *                          eager it is when the floor is far below its valuation
 * @param pacing            budget pacing over the local day
 * @param noise             sigma of a fresh Gaussian log-odds draw per callout: what no
 *                          request field explains
 */
public record Effects(Map<String, Double> countries, Map<AdFormat, Double> formats,
                      Map<DeviceClass, Double> deviceTypes, Map<Channel, Double> environments, double userId,
                      double noConsent, Map<String, Double> categories, double publisherAffinity,
                      double priceSensitivity, Pacing pacing, double noise) {

  public Effects {
    countries = Map.copyOf(countries);
    formats = Map.copyOf(formats);
    deviceTypes = Map.copyOf(deviceTypes);
    environments = Map.copyOf(environments);
    categories = Map.copyOf(categories);
  }
}
