package io.bidsift.simulator.behaviour;

import io.bidsift.simulator.market.MarketFileException;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.traffic.AuctionSlot;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Finds each DSP profile's intercept so that, over the market's traffic, the share of answered
 * callouts that are bids equals the DSP's target bid rate. Works on a fixed sample of the
 * market's requests (drawn with a constant seed, so a market file always calibrates to the same
 * intercepts) and a fixed noise draw per request: the mean bid probability is then a smooth,
 * increasing function of the intercept, solved by bisection.
 */
final class Calibrator {

  static final int SAMPLES = 20_000;
  private static final long SAMPLE_SEED = 0x5EED_CA11_B8A7EL;
  /** Calibration only needs local hours, which every date has; this one is arbitrary. */
  private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 1, 5);
  private static final double MAX_INTERCEPT = 40;
  private static final int ITERATIONS = 60;

  private final MarketModel market;
  private final List<BidContext> sample;
  private final double[] noise;

  Calibrator(MarketModel market, RequestGenerator traffic) {
    this.market = market;
    this.sample = new ArrayList<>(SAMPLES);
    this.noise = new double[SAMPLES];
    SplittableRandom seeds = new SplittableRandom(SAMPLE_SEED);
    for (int i = 0; i < SAMPLES; i++) {
      SplittableRandom r = seeds.split();
      AuctionSlot slot = traffic.slotOnDay(SAMPLE_DAY, r);
      sample.add(BidContext.of(traffic.request(slot, r), slot.time()));
      noise[i] = r.nextGaussian();
    }
  }

  /**
   * The profile with its intercept set to hit {@code target}.
   *
   * @param path where the DSP (or its drift) sits in the market file, for the error message
   * @throws MarketFileException when no intercept reaches the target: the hard rules leave too few requests
   */
  DspProfile calibrate(DspProfile uncalibrated, double target, String path) {
    double sigma = uncalibrated.config().effects().noise();
    double[] scores = new double[SAMPLES];
    int eligible = 0;
    for (int i = 0; i < SAMPLES; i++) {
      double s = uncalibrated.score(sample.get(i));
      scores[i] = Double.isNaN(s) ? Double.NaN : s + sigma * noise[i];
      eligible += Double.isNaN(s) ? 0 : 1;
    }
    if (meanProbability(scores, MAX_INTERCEPT) < target) {
      throw new MarketFileException(path + ".target_bid_rate " + target + " is out of reach: the DSP can bid on only "
          + String.format("%.1f%%", 100.0 * eligible / SAMPLES) + " of the market's requests (its targeting, blocked"
          + " categories, consent and COPPA rules, bcat/badv and floors above its valuation rule out the rest)");
    }
    double lo = -MAX_INTERCEPT;
    double hi = MAX_INTERCEPT;
    for (int i = 0; i < ITERATIONS; i++) {
      double mid = (lo + hi) / 2;
      if (meanProbability(scores, mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return uncalibrated.withIntercept((lo + hi) / 2, market);
  }

  private static double meanProbability(double[] scores, double intercept) {
    double sum = 0;
    for (double s : scores) {
      if (!Double.isNaN(s)) {
        sum += DspBehaviour.sigmoid(intercept + s);
      }
    }
    return sum / scores.length;
  }
}
