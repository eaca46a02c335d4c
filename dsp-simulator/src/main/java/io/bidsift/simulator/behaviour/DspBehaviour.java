package io.bidsift.simulator.behaviour;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.BidResponse;
import io.bidsift.simulator.market.DspConfig;
import io.bidsift.simulator.market.Latency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one simulated DSP bids: a pure function of the request it receives, the auction instant and
 * a random source the caller seeds (see {@link CalloutRandom}). Immutable and thread-safe.
 *
 * <p>Per callout: a fault draw (error, or a hang past tmax), a log-normal latency (slower than
 * tmax is a timeout), then the bid draw with probability
 * {@code sigmoid(intercept + Σ effects + noise)} (0 when a hard rule or a floor above its
 * valuation rules the request out), and for a bid one price per imp it buys, between the imp's
 * floor and its valuation. A DSP with drift switches to another profile from a date on.
 */
public final class DspBehaviour {

  private final String id;
  /** Profiles in date order; the first applies from the beginning of time. */
  private final List<Phase> phases;
  private final BidResponses responses = new BidResponses();

  DspBehaviour(String id, List<Phase> phases) {
    this.id = id;
    this.phases = List.copyOf(phases);
  }

  record Phase(Instant from, DspProfile profile) {
  }

  public String id() {
    return id;
  }

  /** The configuration in force at an instant (the base one, or a drift's). */
  public DspConfig config(Instant time) {
    return profileAt(time).config();
  }

  /**
   * Its probability of bidding on the request, given that it answers: 0 when ruled out, else
   * the logistic model with the per-callout noise averaged out (probit approximation).
   */
  public double bidProbability(BidContext c) {
    DspProfile p = profileAt(c.time());
    return expectedProbability(p, p.score(c));
  }

  private static double expectedProbability(DspProfile p, double score) {
    if (Double.isNaN(score)) {
      return 0;
    }
    double sigma = p.config().effects().noise();
    return sigmoid((p.intercept() + score) / Math.sqrt(1 + Math.PI * sigma * sigma / 8));
  }

  /** What imp {@code impIndex} is worth to it, in USD CPM. */
  public double valuation(BidContext c, int impIndex) {
    return profileAt(c.time()).valuation(c, impIndex);
  }

  public DspDecision decide(BidRequest request, Instant time, SplittableRandom random) {
    return decide(BidContext.of(request, time), random);
  }

  /** Decides one callout. The draws come from {@code random} in a fixed order, so a seed fixes the decision. */
  public DspDecision decide(BidContext c, SplittableRandom random) {
    DspProfile p = profileAt(c.time());
    DspConfig config = p.config();
    double faultDraw = random.nextDouble();
    double latencyDraw = random.nextGaussian();
    double noiseDraw = random.nextGaussian();
    double bidDraw = random.nextDouble();

    double score = p.score(c);
    boolean eligible = !Double.isNaN(score);
    double probability = expectedProbability(p, score);
    Latency latency = config.latency();
    int latencyMs = (int) Math.max(1, Math.round(latency.medianMs() * Math.exp(latency.sigma() * latencyDraw)));
    int tmax = c.tmaxMs();
    if (faultDraw < config.errorRate()) {
      return new DspDecision(id, Outcome.ERROR, probability, Math.max(1, latencyMs / 3), List.of(), null, null);
    }
    if (faultDraw < config.errorRate() + config.timeoutRate()) {
      return new DspDecision(id, Outcome.TIMEOUT, probability, tmax + latencyMs, List.of(), null, null);
    }
    if (latencyMs >= tmax) {
      return new DspDecision(id, Outcome.TIMEOUT, probability, latencyMs, List.of(), null, null);
    }
    if (!eligible || bidDraw >= sigmoid(p.intercept() + score + config.effects().noise() * noiseDraw)) {
      return new DspDecision(id, Outcome.NO_BID, probability, latencyMs, List.of(), null, null);
    }
    List<String> categories = p.allowedCategories(c);
    List<String> domains = p.allowedDomains(c);
    String category = categories.isEmpty() ? null : categories.get(random.nextInt(categories.size()));
    String domain = domains.isEmpty() ? null : domains.get(random.nextInt(domains.size()));
    return new DspDecision(id, Outcome.BID, probability, latencyMs, bids(p, c, random), category, domain);
  }

  /**
   * The OpenRTB response for a decision: a seat with one bid per {@link ImpBid} when it bids,
   * else a response without bids. It always passes {@code BidResponseValidator} against the
   * request the decision was made on.
   */
  public BidResponse respond(BidRequest request, DspDecision decision) {
    return responses.respond(request, decision);
  }

  /** The first imp always (it passed the floor check), then every other imp it buys above its floor. */
  private static List<ImpBid> bids(DspProfile p, BidContext c, SplittableRandom random) {
    int imps = c.request().imp().size();
    List<ImpBid> out = new ArrayList<>(imps);
    for (int i = 0; i < imps; i++) {
      if (i > 0 && !p.buysImp(c, i)) {
        continue;
      }
      double value = p.valuation(c, i);
      double floor = c.floor(i);
      if (floor > value) {
        continue;
      }
      double price = price(floor, value, random.nextDouble());
      var imp = c.request().imp().get(i);
      Integer w = imp.banner() == null ? null : imp.banner().w();
      Integer h = imp.banner() == null ? null : imp.banner().h();
      out.add(new ImpBid(i, imp.id(), BidContext.formatOf(imp), w, h, price));
    }
    return out;
  }

  /**
   * A price between the floor and the valuation (bid shading: 15% to 85% of the way up), in
   * whole cents when rounding up keeps it within both bounds.
   */
  static double price(double floor, double value, double u) {
    double exact = floor + (value - floor) * (0.15 + 0.7 * u);
    double cents = Math.ceil(exact * 100 - 1e-9) / 100;
    return cents >= floor && cents <= value && cents > 0 ? cents : exact;
  }

  private DspProfile profileAt(Instant time) {
    for (int i = phases.size() - 1; i > 0; i--) {
      if (!time.isBefore(phases.get(i).from())) {
        return phases.get(i).profile();
      }
    }
    return phases.get(0).profile();
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
