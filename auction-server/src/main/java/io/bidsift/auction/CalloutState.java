package io.bidsift.auction;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.fanout.DspAnswer;
import io.bidsift.auction.filter.FilterDecision;
import io.bidsift.auction.health.DspHealthGate;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import java.util.ArrayList;
import java.util.List;

/** One candidate DSP's way through one auction; mutated only by the auction that owns it, in sequence. */
final class CalloutState {

  final DspConfig dsp;
  final int order;
  final FilterDecision decision;
  /** Null until the health gate was asked (a filtered DSP never is). */
  DspHealthGate.Admission health;
  /** For test mode: the DSP's failure rate (%) when the gate found it throttled; -1 when not, or too few calls. */
  float failureRate = -1;
  boolean sent;
  DspAnswer answer;
  DspFate fate;
  /** Highest price among the DSP's bids (valid or not), null when it did not bid. */
  Double bidPrice;
  boolean hadValidBid;
  int invalidBids;
  final List<String> problems = new ArrayList<>(0);

  CalloutState(DspConfig dsp, int order, FilterDecision decision) {
    this.dsp = dsp;
    this.order = order;
    this.decision = decision;
  }

  Double score() {
    return decision == null ? null : decision.score();
  }

  /** Sent only because the auction is in the exploration slice: the model alone would have skipped it. */
  boolean explored() {
    return sent && decision != null && decision.calledOnlyToExplore();
  }

  Outcome outcome() {
    if (!sent) {
      return Outcome.FILTERED;
    }
    return switch (answer.status()) {
      case RESPONDED -> bidPrice != null ? Outcome.BID : Outcome.NO_BID;
      case NO_BID -> Outcome.NO_BID;
      case TIMEOUT -> Outcome.TIMEOUT;
      case ERROR -> Outcome.ERROR;
    };
  }

  Callout toCallout() {
    Outcome outcome = outcome();
    return new Callout(dsp.id(), sent, explored(), score(), outcome, outcome == Outcome.BID ? bidPrice : null,
        sent ? answer.latencyMs() : null, sent ? null : skipReason());
  }

  /** Why it was not sent, so training can tell the model's own skips from caps; null when the fate does not say. */
  private SkipReason skipReason() {
    if (fate == null) {
      return null;
    }
    return switch (fate) {
      case FILTERED -> SkipReason.MODEL;
      case THROTTLED -> SkipReason.HEALTH;
      case OVER_QPS -> SkipReason.QPS;
      case NO_TIME -> SkipReason.TIME;
      default -> null;
    };
  }
}
