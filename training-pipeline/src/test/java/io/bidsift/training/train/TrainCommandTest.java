package io.bidsift.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.auctionlog.SkipReason;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.training.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./bidsift train} on input it cannot use: exit 1 and a one-line reason, nothing half-written. */
class TrainCommandTest {

  @TempDir
  Path tmp;

  private record Run(int exit, String stdout, String stderr) {
    /** The last stderr line: the reason (progress lines come before it). */
    String reason() {
      String[] lines = stderr.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private Run train(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit = new CommandLine(new TrainCommand(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8)))
        .setOut(new PrintWriter(o, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(e, true, StandardCharsets.UTF_8))
        .execute(args);
    return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void emptyLogDirectoryFailsWithAOneLineReason() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));

    Run run = train("--logs", logs.toString(), "--out", tmp.resolve("out").toString(), "--master", "local[1]");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.reason()).startsWith("bidsift: ").contains("no auction log files");
    assertThat(tmp.resolve("out/bundle")).doesNotExist();
  }

  @Test
  void logsWithoutAnyLabelledCalloutFailWithAOneLineReason() throws Exception {
    Path logs = tmp.resolve("logs");
    OpenRtbCodec openRtb = new OpenRtbCodec();
    try (AuctionLogWriter writer = new AuctionLogWriter(AuctionLogWriterConfig.defaults(logs, "t"),
        new AuctionLogCodec(openRtb))) {
      for (int i = 0; i < 50; i++) {
        // Filtered and timed-out callouts carry no label (contracts.md §1).
        writer.append(new AuctionRecord(Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i),
            openRtb.parseRequest("{\"id\":\"a" + i + "\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}"),
            "m1", List.of(new Callout("dsp-a", false, false, 0.01, Outcome.FILTERED, null, null, SkipReason.MODEL),
            new Callout("dsp-b", true, false, 0.5, Outcome.TIMEOUT, null, 300, null))));
      }
    }

    Run run = train("--logs", logs.toString(), "--out", tmp.resolve("out").toString(), "--master", "local[1]");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.reason()).startsWith("bidsift: ").contains("no labelled callouts");
    assertThat(tmp.resolve("out/bundle")).doesNotExist();
  }

  @Test
  void unknownHyperparameterFailsBeforeAnyWork() throws Exception {
    Path hp = Files.writeString(tmp.resolve("hp.json"), "{\"etaa\":0.3}");

    Run run = train("--logs", tmp.toString(), "--out", tmp.resolve("out").toString(), "--hyperparameters",
        hp.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stderr().strip()).isEqualTo(run.reason()).contains("unknown parameter 'etaa'");
  }

  @Test
  void targetRecallOutsideZeroToOneIsRefused() {
    Run run = train("--logs", tmp.toString(), "--out", tmp.resolve("out").toString(), "--target-recall", "1.5");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.reason()).contains("target recall must be in (0, 1]");
  }

  @Test
  void helpNamesEveryOption() {
    Run run = train("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.stdout()).contains("--logs", "--out", "--target-recall", "--target-value-recall",
        "--hyperparameters", "--min-bids", "--master");
  }
}
