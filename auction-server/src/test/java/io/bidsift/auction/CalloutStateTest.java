package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.config.DspConfigLoader;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalloutStateTest {

  private static final DspConfig DSP = DspConfigLoader.loadDefault(URI.create("http://127.0.0.1:1")).get(0);

  @ParameterizedTest
  @CsvSource({"FILTERED, MODEL", "OVER_QPS, QPS", "NO_TIME, TIME", "NOT_TARGETED, "})
  void aCandidateNotSentIsLoggedFilteredWithTheReasonItsFateGives(DspFate fate, SkipReason expected) {
    CalloutState state = new CalloutState(DSP, 0, null);
    state.fate = fate;

    Callout callout = state.toCallout();

    assertThat(callout.sent()).isFalse();
    assertThat(callout.outcome()).isEqualTo(Outcome.FILTERED);
    assertThat(callout.skip()).isEqualTo(expected);
  }
}
