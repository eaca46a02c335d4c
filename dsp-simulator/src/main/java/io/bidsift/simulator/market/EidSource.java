package io.bidsift.simulator.market;

/**
 * An extended-id provider ({@code user.eids[]}).
 *
 * @param source provider domain, e.g. {@code id5-sync.com}
 * @param rate   share of requests that carry an id from it
 * @param atype  AdCOM agent type of its ids (1 device, 3 person)
 */
public record EidSource(String source, double rate, int atype) {
}
