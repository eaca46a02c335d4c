package io.bidsift.simulator.market;

/**
 * A DSP's response time: log-normal with this median and sigma; an answer slower than the
 * request's {@code tmax} is a timeout.
 */
public record Latency(double medianMs, double sigma) {
}
