package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuctionServerCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsTheHealthThrottleFlagsWithTheirDefaults() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--dsp-health-failure-rate=PCT", "(default: 50)",
        "--dsp-health-min-calls=N", "(default: 20)", "--dsp-health-window=N", "(default: 100)",
        "--dsp-health-probe-share=SHARE", "(default: 0.05)", "--dsp-health-reevaluate-ms=MS", "(default: 1000)");
  }

  @Test
  void aProbeShareOfZeroIsRefusedBeforeStartingBecauseAThrottledDspCouldNeverRecover() {
    assertThat(run("--no-filter", "--port", "0", "--dsp-health-probe-share", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("probe share must be in (0, 1]");
  }

  private int run(String... args) {
    return AuctionServerCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
