package io.bidsift.simulator.market;

/**
 * A place requests come from: it gives {@code device.geo} and the local time of the auction.
 *
 * @param region           ISO-3166-2 subdivision code without the country prefix (e.g. {@code NY})
 * @param name             city name
 * @param lat              latitude of the city centre; requests jitter it by a few km
 * @param lon              longitude of the city centre
 * @param utcOffsetMinutes local offset from UTC, also sent as {@code geo.utcoffset}
 * @param weight           share of the country's traffic (relative to the other cities)
 */
public record City(String region, String name, double lat, double lon, int utcOffsetMinutes, double weight) {
}
