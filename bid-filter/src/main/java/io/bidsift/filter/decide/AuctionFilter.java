package io.bidsift.filter.decide;

import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.features.FeatureEncoder;
import io.bidsift.filter.model.ModelHolder;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbUpconverter;
import io.bidsift.signals.RequestSignals;
import io.bidsift.signals.SignalExtractor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which DSPs of one auction to call: signals once per request, then per DSP the feature
 * vector, the model's score and the DSP's threshold. Never filters what it cannot judge: with no
 * model every DSP is called, and a DSP the model never saw is called unscored.
 */
public final class AuctionFilter {

  private final ModelHolder models;
  private final OperatingPoint operatingPoint;
  private final ExplorationSlice slice;
  private final OpenRtbUpconverter upconverter;
  private final SignalExtractor signals = new SignalExtractor();
  private final FilterMetrics metrics;
  private final Clock clock;

  public AuctionFilter(ModelHolder models, OperatingPoint operatingPoint, ExplorationSlice slice,
      OpenRtbUpconverter upconverter, FilterMetrics metrics, Clock clock) {
    this.models = models;
    this.operatingPoint = operatingPoint;
    this.slice = slice;
    this.upconverter = upconverter;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @param dsps the candidate DSPs, or null for every DSP the model knows
   * @param ts   the auction's time, or null for now
   */
  public FilterResult decide(BidRequest request, List<String> dsps, Instant ts) {
    long start = System.nanoTime();
    boolean exploration = slice.contains(request.id());
    boolean shadow = operatingPoint.shadow();
    ServingModel model = models.current();
    if (model == null) {
      metrics.failedOpen("no_model");
      return FilterResult.failOpen(dsps == null ? List.of() : dsps, exploration, shadow);
    }
    List<String> candidates = dsps == null ? model.dsps() : dsps;
    ThresholdTable thresholds = operatingPoint.thresholds(model);
    // Training saw requests after 2.5 -> 2.6 up-conversion (the log stores them so), so serving must too.
    RequestSignals s = signals.extract(upconverter.upconvert(request), ts == null ? clock.instant() : ts);
    float[] scratch = FeatureEncoder.newVector();
    List<Decision> decisions = new ArrayList<>(candidates.size());
    for (String dsp : candidates) {
      decisions.add(decide(model, thresholds, s, dsp, exploration, shadow, scratch));
    }
    metrics.decided(System.nanoTime() - start);
    return new FilterResult(model.version(), exploration, shadow, decisions);
  }

  private Decision decide(ServingModel model, ThresholdTable thresholds, RequestSignals s, String dsp,
      boolean exploration, boolean shadow, float[] scratch) {
    if (!model.knows(dsp)) {
      metrics.decision(dsp, false, null, true, false);
      return new Decision(dsp, null, null, true, false, true);
    }
    float score = model.score(s, dsp, scratch);
    Double threshold = thresholds.threshold(dsp);
    boolean passes = threshold == null || score >= threshold;
    boolean explore = exploration && !passes;
    boolean modelCall = passes || explore;
    metrics.decision(dsp, true, score, shadow || modelCall, explore);
    return new Decision(dsp, score, threshold, shadow || modelCall, explore, modelCall);
  }
}
