package io.bidsift.simulator.market;

/**
 * How floors of one format are drawn: {@code base × country.floorMultiplier × publisher factor ×
 * exp(sigma · N(0,1))}, in USD CPM, rounded to the cent.
 *
 * @param base  median floor in a country of floor multiplier 1, before the publisher's factor
 * @param sigma spread of the per-request log-normal jitter
 */
public record FormatFloor(double base, double sigma) {
}
