package io.bidsift.simulator.market;

import java.time.LocalDate;

/**
 * A change of a DSP's behaviour.
 *
 * @param from    first UTC date of the new behaviour (auctions from its midnight UTC on)
 * @param profile the DSP's whole configuration from then on: the base configuration with the
 *                drift's {@code changes} merged in (its own {@code drift} is empty)
 */
public record Drift(LocalDate from, DspConfig profile) {
}
