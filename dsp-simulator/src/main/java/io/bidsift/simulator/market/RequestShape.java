package io.bidsift.simulator.market;

import java.util.Map;

/**
 * Request-level settings.
 *
 * @param tmax             {@code tmax} in ms → weight
 * @param multiImpRate     share of desktop-site banner requests with more than one imp
 * @param maxImps          most imps in such a request
 * @param resellerRate     share of requests that reach the exchange through a reseller
 *                         (a second {@code schain} node)
 * @param exchangeDomain   the exchange's own domain: the {@code asi} of the seller's schain node
 */
public record RequestShape(Map<Integer, Double> tmax, double multiImpRate, int maxImps, double resellerRate,
                           String exchangeDomain) {

  public RequestShape {
    tmax = OrderedMaps.copy(tmax);
  }
}
