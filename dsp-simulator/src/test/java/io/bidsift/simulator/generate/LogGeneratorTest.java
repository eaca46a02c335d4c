package io.bidsift.simulator.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReadStats;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.auctionlog.Outcome;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.RequestValidator;
import io.bidsift.simulator.SimulatedMarket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogGeneratorTest {

  private static final LocalDate START = LocalDate.of(2026, 11, 2);

  private final SimulatedMarket sim = new SimulatedMarket();
  private final AuctionLogCodec codec = new AuctionLogCodec(new OpenRtbCodec());
  private final LogGenerator generator = new LogGenerator(sim.market, sim.traffic, sim.behaviour, codec);

  @TempDir
  Path tmp;

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    GenerationResult first = generator.run(new GenerationPlan(a, START, 3, 800, 42, 1), n -> { });
    GenerationResult second = generator.run(new GenerationPlan(b, START, 3, 800, 42, 3), n -> { });

    Map<String, byte[]> filesA = contents(a);
    Map<String, byte[]> filesB = contents(b);
    assertThat(filesA.keySet()).isEqualTo(filesB.keySet()).hasSizeGreaterThan(24);
    filesA.forEach((name, bytes) -> assertThat(filesB.get(name)).as(name).isEqualTo(bytes));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherSeedGivesOtherAuctions() throws IOException {
    Path a = tmp.resolve("seed1");
    Path b = tmp.resolve("seed2");
    generator.run(new GenerationPlan(a, START, 1, 500, 1, 1), n -> { });
    generator.run(new GenerationPlan(b, START, 1, 500, 2, 1), n -> { });

    assertThat(read(a).get(0).request().id()).isNotEqualTo(read(b).get(0).request().id());
  }

  @Test
  void aDaysLogsDoNotDependOnTheRunsStartDate() throws IOException {
    Path week = tmp.resolve("from-monday");
    Path oneDay = tmp.resolve("tuesday-only");
    generator.run(new GenerationPlan(week, START, 2, 400, 9, 2), n -> { });
    generator.run(new GenerationPlan(oneDay, START.plusDays(1), 1, 400, 9, 1), n -> { });

    Map<String, byte[]> tuesday = contents(oneDay.resolve("dt=2026-11-03"));
    Map<String, byte[]> sameTuesday = contents(week.resolve("dt=2026-11-03"));
    assertThat(tuesday.keySet()).isEqualTo(sameTuesday.keySet());
    tuesday.forEach((name, bytes) -> assertThat(sameTuesday.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void logsAreValidV1RecordsWithEveryDspCalledInTimeOrderPerHour() throws IOException {
    Path out = tmp.resolve("logs");
    AtomicLong progress = new AtomicLong();
    GenerationResult result = generator.run(new GenerationPlan(out, START, 2, 1_000, 7, 2), progress::addAndGet);

    List<AuctionRecord> records = read(out);
    assertThat(records).hasSize(2_000);
    assertThat(progress.get()).isEqualTo(2_000);
    RequestValidator validator = new RequestValidator();
    List<String> dspIds = sim.market.dsps().stream().map(d -> d.id()).toList();
    for (AuctionRecord r : records) {
      assertThat(r.model()).isNull();
      assertThat(validator.validate(r.request())).isEmpty();
      assertThat(r.callouts().stream().map(Callout::dsp).toList()).isEqualTo(dspIds);
      for (Callout c : r.callouts()) {
        assertThat(c.sent()).isTrue();
        assertThat(c.explore()).isFalse();
        assertThat(c.score()).isNull();
        assertThat(c.outcome()).isIn(Outcome.BID, Outcome.NO_BID, Outcome.TIMEOUT, Outcome.ERROR);
        assertThat(c.latencyMs()).isPositive();
        assertThat(c.price() != null).isEqualTo(c.outcome() == Outcome.BID);
        if (c.outcome() == Outcome.BID) {
          assertThat(c.price()).isGreaterThanOrEqualTo(floor(r)).isPositive();
        }
        if (c.outcome() == Outcome.TIMEOUT) {
          assertThat(c.latencyMs()).isEqualTo(r.request().tmax());
        }
      }
    }
    // Per file: one UTC hour, in time order.
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl.gz")).toList()) {
        List<AuctionRecord> inFile = read(file);
        String hour = file.getParent().getFileName().toString();
        String date = file.getParent().getParent().getFileName().toString();
        for (int i = 0; i < inFile.size(); i++) {
          var ts = inFile.get(i).ts().atOffset(ZoneOffset.UTC);
          assertThat("dt=" + ts.toLocalDate()).isEqualTo(date);
          assertThat(String.format("hr=%02d", ts.getHour())).isEqualTo(hour);
          if (i > 0) {
            assertThat(inFile.get(i).ts()).isAfterOrEqualTo(inFile.get(i - 1).ts());
          }
        }
      }
    }
    assertThat(result.hours().stream().mapToLong(GenerationResult.HourSummary::auctions).sum()).isEqualTo(2_000);
    assertThat(result.files()).hasSize(48);
    assertThat(result.dsps()).allSatisfy(d -> {
      assertThat(d.callouts()).isEqualTo(2_000);
      assertThat(d.bids() + d.noBids() + d.timeouts() + d.errors()).isEqualTo(2_000);
    });
  }

  @Test
  void refusesAnOutputDirectoryThatIsNotEmptyOrIsAFile() throws IOException {
    Path used = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(used.resolve("old.txt"), "x");
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> generator.run(new GenerationPlan(used, START, 1, 10, 1, 1), n -> { }))
        .isInstanceOf(GenerationException.class).hasMessageContaining("is not empty");
    assertThatThrownBy(() -> generator.run(new GenerationPlan(file, START, 1, 10, 1, 1), n -> { }))
        .isInstanceOf(GenerationException.class).hasMessageContaining("is a file, not a directory");
  }

  private static double floor(AuctionRecord r) {
    Double f = r.request().imp().get(0).bidfloor();
    return f == null ? 0 : f;
  }

  private List<AuctionRecord> read(Path path) {
    List<AuctionRecord> out = new ArrayList<>();
    AuctionLogReadStats stats = new AuctionLogReader(codec).read(path, out::add);
    assertThat(stats.malformed()).isZero();
    return out;
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
