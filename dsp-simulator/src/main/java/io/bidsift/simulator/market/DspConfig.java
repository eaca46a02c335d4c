package io.bidsift.simulator.market;

import java.util.List;

/**
 * One DSP of the market as the market file describes it. {@code io.bidsift.simulator.behaviour}
 * turns it into the bidding behaviour.
 *
 * @param id                DSP id, as in the auction log's callouts
 * @param description       what kind of buyer it is (documentation only)
 * @param targetBidRate     share of its answered callouts ({@code bid} or {@code no_bid}) that
 *                          are bids, over the market's traffic; the model's intercept is
 *                          calibrated to hit it
 * @param valuation         what an impression is worth to it
 * @param effects           log-odds effects of the request's features on its bid probability
 * @param targeting         hard rules: outside them it never bids
 * @param interactions      extra log-odds for combinations of features
 * @param blockedCategories IAB categories (top-level or sub) of publishers it never buys from
 * @param adCategories      IAB categories of its creatives; a request whose {@code bcat} blocks all
 *                          of them gets no bid
 * @param advertiserDomains its advertisers; one not in the request's {@code badv} goes in
 *                          {@code bid.adomain}, and none left means no bid
 * @param latency           response time distribution
 * @param timeoutRate       share of callouts it leaves unanswered past {@code tmax}, on top of
 *                          the slow tail of {@code latency}
 * @param errorRate         share of callouts it answers with an error
 * @param drift             behaviour changes from a given date on, in date order; empty when none
 */
public record DspConfig(String id, String description, double targetBidRate, Valuation valuation, Effects effects,
                        Targeting targeting, List<Interaction> interactions, List<String> blockedCategories,
                        List<String> adCategories, List<String> advertiserDomains, Latency latency,
                        double timeoutRate, double errorRate, List<Drift> drift) {

  public DspConfig {
    interactions = List.copyOf(interactions);
    blockedCategories = List.copyOf(blockedCategories);
    adCategories = List.copyOf(adCategories);
    advertiserDomains = List.copyOf(advertiserDomains);
    drift = List.copyOf(drift);
  }
}
