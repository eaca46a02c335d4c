package io.bidsift.simulator.traffic;

import io.bidsift.simulator.market.City;
import io.bidsift.simulator.market.Country;
import io.bidsift.simulator.market.PublisherProfile;
import java.time.Instant;

/**
 * Who sells an impression to whom, and when: the part of an auction drawn before its request.
 *
 * @param publisher the publisher
 * @param country   the user's country
 * @param city      the user's city (its offset gives the local time)
 * @param time      auction start
 */
public record AuctionSlot(PublisherProfile publisher, Country country, City city, Instant time) {

  /** The hour of day (0–23) at the user's location. */
  public int localHour() {
    long local = time.getEpochSecond() + city.utcOffsetMinutes() * 60L;
    return (int) (Math.floorMod(local, 86_400L) / 3_600);
  }
}
