package io.bidsift.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.config.AuctionServerSettings.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuctionServerCommandTest {

  @Test
  void logFlagsReachTheLogSettingsAndTheDefaultsMatchTheDocumentedOnes() {
    LogSettings defaults = settings().log();
    LogSettings set = settings("--log-writer-id", "task-7.a", "--log-roll-interval-s", "60",
        "--log-spool-max-mb", "3", "--log-drain-deadline-s", "10").log();

    assertThat(defaults.writerId()).matches("[a-z0-9-]+-[0-9a-f]{8}");
    assertThat(defaults.rollInterval()).isEqualTo(LogSettings.DEFAULT_ROLL_INTERVAL).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.spoolMaxBytes()).isEqualTo(LogSettings.DEFAULT_SPOOL_MAX_BYTES);
    assertThat(defaults.drainDeadline()).isEqualTo(LogSettings.DEFAULT_DRAIN_DEADLINE);
    assertThat(set.writerId()).isEqualTo("task-7.a");
    assertThat(set.rollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(set.spoolMaxBytes()).isEqualTo(3L * 1024 * 1024);
    assertThat(set.drainDeadline()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anUnsafeWriterIdOrANonPositiveLogLimitIsACommandLineError() {
    for (String[] args : new String[][] {{"--log-writer-id", "../x"}, {"--log-roll-interval-s", "0"},
        {"--log-spool-max-mb", "0"}, {"--log-drain-deadline-s", "-1"}}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = AuctionServerCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8));

      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("(see --help)");
    }
  }

  @Test
  void helpDescribesEveryLogFlag() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuctionServerCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--log-writer-id", "--log-roll-interval-s",
        "--log-spool-max-mb", "--log-drain-deadline-s");
  }

  @Test
  void helpListsTheHealthThrottleFlagsWithTheirDefaults() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(AuctionServerCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--dsp-health-failure-rate=PCT", "(default: 50)",
        "--dsp-health-min-calls=N", "(default: 20)", "--dsp-health-window=N", "(default: 100)",
        "--dsp-health-probe-share=SHARE", "(default: 0.05)", "--dsp-health-reevaluate-ms=MS", "(default: 1000)");
  }

  @Test
  void aProbeShareOfZeroIsRefusedBeforeStartingBecauseAThrottledDspCouldNeverRecover() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(AuctionServerCommand.run(new String[] {"--no-filter", "--port", "0", "--dsp-health-probe-share", "0"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("probe share must be in (0, 1]");
  }

  private static AuctionServerSettings settings(String... args) {
    AuctionServerCommand command = new AuctionServerCommand(System.out);
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }
}
