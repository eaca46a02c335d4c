package io.bidsift.filter.bench;

import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.filter.Fixtures;
import io.bidsift.filter.decide.AuctionFilter;
import io.bidsift.filter.decide.FilterMetrics;
import io.bidsift.filter.decide.FilterResult;
import io.bidsift.filter.decide.OperatingPoint;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.OpenRtbUpconverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One auction x 20 DSPs, the request already parsed: signals, 20 feature vectors, 20 predictions
 * and the thresholds (the bar: 100 µs median). The fixture model (53 trees of depth 6,
 * 13 DSPs) scores 20 candidates cycling through its DSPs, so every candidate is scored.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuctionFilterBenchmark {

  private AuctionFilter filter;
  private List<BidRequest> requests;
  private List<String> dsps;
  private int next;

  @Setup
  public void setUp() throws Exception {
    Path tmp = Files.createTempDirectory("bench");
    ServingModel model = Fixtures.model(tmp);
    filter = new AuctionFilter(() -> model, new OperatingPoint(null, false), new ExplorationSlice(0.01),
        new OpenRtbUpconverter(new OpenRtbCodec()), FilterMetrics.NONE, Clock.systemUTC());
    requests = Fixtures.requests(1_000, 3);
    dsps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      dsps.add(model.dsps().get(i % model.dsps().size()));
    }
  }

  @Benchmark
  public FilterResult decideOneAuctionFor20Dsps() {
    BidRequest request = requests.get(next++ % requests.size());
    return filter.decide(request, dsps, Fixtures.NOON);
  }
}
