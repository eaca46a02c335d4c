package io.bidsift.simulator.bench;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.generate.AuctionSimulator;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.AuctionSlot;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one generated auction, stage by stage, on one thread: what {@code ./bidsift generate}
 * does per auction before the file system. Each benchmark includes the stages before it, so the
 * differences are the stages' own costs.
 *
 * <pre>./mvnw -B -q -pl dsp-simulator -Pjmh test-compile exec:exec -Djmh.args="AuctionGenerationBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class AuctionGenerationBenchmark {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private RequestGenerator traffic;
  private AuctionSimulator simulator;
  private AuctionLogCodec codec;
  private GZIPOutputStream gzip;
  private long next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    MarketModel market = MarketLoader.defaultMarket();
    traffic = new RequestGenerator(market, PublisherCatalog.build(market));
    simulator = new AuctionSimulator(MarketBehaviour.calibrate(market, traffic), 42);
    codec = new AuctionLogCodec(new OpenRtbCodec());
    // The log writer's own gzip settings (LogFile): default level, 64 KiB buffer.
    gzip = new GZIPOutputStream(OutputStream.nullOutputStream(), 64 * 1024);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    gzip.close();
  }

  /** Draws the auction's publisher, place and time, then its bid request. */
  @Benchmark
  public BidRequest request() {
    SplittableRandom r = new SplittableRandom(next++);
    AuctionSlot slot = traffic.slotOnDay(DAY, r);
    return traffic.request(slot, r);
  }

  /** ... and every DSP's decision: the auction log record. */
  @Benchmark
  public AuctionRecord simulate() {
    SplittableRandom r = new SplittableRandom(next++);
    AuctionSlot slot = traffic.slotOnDay(DAY, r);
    return simulator.simulate(slot.time(), traffic.request(slot, r));
  }

  /** ... and its JSON line ({@code AuctionLogCodec.encode}). */
  @Benchmark
  public byte[] encode() {
    return codec.encode(simulate());
  }

  /** ... and its gzip compression, as the log writer does it. */
  @Benchmark
  public int encodeAndGzip() throws IOException {
    byte[] line = encode();
    gzip.write(line);
    gzip.write('\n');
    return line.length;
  }
}
