package io.bidsift.simulator.market;

import java.util.List;

/**
 * When auctions happen.
 *
 * @param localHourWeights 24 weights, one per hour of the day in the user's local time: the
 *                         diurnal curve every publisher's traffic follows
 */
public record Traffic(List<Double> localHourWeights) {

  public Traffic {
    localHourWeights = List.copyOf(localHourWeights);
  }
}
