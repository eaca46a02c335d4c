package io.bidsift.simulator.generate;

import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriter;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.auctionlog.Callout;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.market.DspConfig;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.traffic.AuctionSlot;
import io.bidsift.simulator.traffic.RequestGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Writes auction logs (format v1) of the simulated market, hours in parallel. Every file depends
 * only on the seed, the market and its own date and hour, never on the thread count or timing:
 * a day's auctions are drawn from per-auction seeds and put in time order, and each UTC hour is
 * written by its own writer ({@code sim-YYYY-MM-DDTHH}), whose files are therefore numbered the
 * same way on every run. Hours rather than days are the unit of work so that both cores stay
 * busy to the end, even for a single day.
 */
public final class LogGenerator {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long MILLIS_PER_HOUR = 3_600_000L;
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final int PROGRESS_STEP = 500;
  /** Hours queued or running at once: bounds the memory held by days drawn ahead of the writers. */
  private static final int MAX_HOURS_IN_FLIGHT = 48;
  /** Idle-based finishing must never fire: file boundaries would depend on timing. */
  private static final Clock FROZEN = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  private final MarketModel market;
  private final RequestGenerator traffic;
  private final MarketBehaviour behaviour;
  private final AuctionLogCodec codec;

  public LogGenerator(MarketModel market, RequestGenerator traffic, MarketBehaviour behaviour, AuctionLogCodec codec) {
    this.market = market;
    this.traffic = traffic;
    this.behaviour = behaviour;
    this.codec = codec;
  }

  /**
   * Generates the plan's days into its output directory.
   *
   * @param progress told how many more auctions were written, every few hundred (from any thread)
   * @throws GenerationException when the directory is unusable or writing fails
   */
  public GenerationResult run(GenerationPlan plan, LongConsumer progress) {
    prepare(plan.out());
    AuctionSimulator simulator = new AuctionSimulator(behaviour, plan.seed());
    ExecutorService pool = Executors.newFixedThreadPool(plan.threads(), runnable -> {
      Thread t = new Thread(runnable, "generate-hour");
      t.setDaemon(true);
      return t;
    });
    Semaphore inFlight = new Semaphore(MAX_HOURS_IN_FLIGHT);
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<HourResult>> hours = new ArrayList<>();
    try {
      for (int d = 0; d < plan.days() && !failed.get(); d++) {
        LocalDate day = plan.startDate().plusDays(d);
        long daySeed = daySeed(plan.seed(), day);
        long[] order = timeOrder(day, daySeed, plan.auctionsPerDay());
        int from = 0;
        while (from < order.length) {
          int hour = hourOf(order[from]);
          int to = from;
          while (to < order.length && hourOf(order[to]) == hour) {
            to++;
          }
          HourSlice slice = new HourSlice(day, hour, daySeed, order, from, to);
          acquire(inFlight);
          hours.add(pool.submit(() -> {
            try {
              return writeHour(plan.out(), slice, simulator, progress);
            } catch (RuntimeException e) {
              failed.set(true);
              throw e;
            } finally {
              inFlight.release();
            }
          }));
          from = to;
        }
      }
      List<HourResult> results = new ArrayList<>(hours.size());
      for (Future<HourResult> f : hours) {
        results.add(await(f));
      }
      return summarise(plan, results);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The day's auctions in time order, each as {@code millisOfDay << 32 | index}: every slot is
   * drawn from its own seed, so the writers can replay any auction from its index alone.
   */
  private long[] timeOrder(LocalDate day, long daySeed, int n) {
    long dayStart = day.toEpochDay() * MILLIS_PER_DAY;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      AuctionSlot slot = traffic.slotOnDay(day, auctionRandom(daySeed, i));
      order[i] = ((slot.time().toEpochMilli() - dayStart) << 32) | i;
    }
    Arrays.sort(order);
    return order;
  }

  private static int hourOf(long orderKey) {
    return (int) ((orderKey >>> 32) / MILLIS_PER_HOUR);
  }

  /** The auctions {@code order[from, to)} of one UTC hour. */
  private record HourSlice(LocalDate day, int hour, long daySeed, long[] order, int from, int to) {

    String writerId() {
      return String.format("sim-%sT%02d", day, hour);
    }
  }

  private HourResult writeHour(Path out, HourSlice slice, AuctionSimulator simulator, LongConsumer progress) {
    int dspCount = behaviour.dsps().size();
    DspTally[] tallies = new DspTally[dspCount];
    for (int k = 0; k < dspCount; k++) {
      tallies[k] = new DspTally();
    }
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(out, slice.writerId());
    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec, FROZEN)) {
      int sinceReport = 0;
      for (int j = slice.from(); j < slice.to(); j++) {
        SplittableRandom r = auctionRandom(slice.daySeed(), (int) slice.order()[j]);
        AuctionSlot slot = traffic.slotOnDay(slice.day(), r);
        BidRequest request = traffic.request(slot, r);
        AuctionRecord record = simulator.simulate(slot.time(), request);
        writer.append(record);
        List<Callout> callouts = record.callouts();
        for (int k = 0; k < dspCount; k++) {
          tallies[k].add(callouts.get(k));
        }
        if (++sinceReport == PROGRESS_STEP) {
          progress.accept(sinceReport);
          sinceReport = 0;
        }
      }
      progress.accept(sinceReport);
    } catch (UncheckedIOException e) {
      throw new GenerationException("cannot write the logs of " + slice.day() + " hour " + slice.hour() + ": "
          + e.getMessage() + (e.getCause() == null ? "" : " (" + describe(e.getCause()) + ")"), e);
    }
    return new HourResult(String.format("dt=%s/hr=%02d", slice.day(), slice.hour()), slice.to() - slice.from(),
        tallies);
  }

  /** A day's seed depends on its date, so a day's logs are the same whatever the run's start date. */
  private static long daySeed(long seed, LocalDate day) {
    return mix(seed ^ mix(day.toEpochDay() * GOLDEN_GAMMA));
  }

  private static SplittableRandom auctionRandom(long daySeed, int index) {
    return new SplittableRandom(mix(daySeed + (index + 1L) * GOLDEN_GAMMA));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private GenerationResult summarise(GenerationPlan plan, List<HourResult> hours) {
    List<GenerationResult.DspSummary> dsps = new ArrayList<>();
    for (int k = 0; k < market.dsps().size(); k++) {
      DspTally total = new DspTally();
      for (HourResult h : hours) {
        total.addAll(h.tallies()[k]);
      }
      DspConfig config = market.dsps().get(k);
      dsps.add(new GenerationResult.DspSummary(config.id(), config.targetBidRate(), total.callouts, total.bids,
          total.noBids, total.timeouts, total.errors, total.bidRate(), total.meanBidPrice()));
    }
    List<GenerationResult.HourSummary> summaries = hours.stream()
        .map(h -> new GenerationResult.HourSummary(h.partition(), h.auctions())).toList();
    return new GenerationResult(plan.totalAuctions(), dsps, summaries, listFiles(plan.out()));
  }

  private static List<GenerationResult.FileSummary> listFiles(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      return tree.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted()
          .map(p -> new GenerationResult.FileSummary(relative(root, p), size(p))).toList();
    } catch (IOException e) {
      throw new GenerationException("cannot list the generated files in " + root + ": " + e.getMessage(), e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates the output directory, which must be new or empty: mixing runs would make the
   * manifest lie. {@link #run} calls it too; calling it first fails fast, before any work.
   *
   * @throws GenerationException when the directory is a file, not empty or not writable
   */
  public static void prepare(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new GenerationException("--out " + out + " is a file, not a directory");
    }
    try {
      Files.createDirectories(out);
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new GenerationException("--out " + out + " is not empty; give a new or empty directory");
        }
      }
    } catch (IOException e) {
      throw new GenerationException("cannot create the output directory " + out + ": " + describe(e), e);
    }
    if (!Files.isWritable(out)) {
      throw new GenerationException("the output directory " + out + " is not writable");
    }
  }

  /** An I/O failure as a short reason: "no such file or directory: /x", "permission denied: /y". */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    } else if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    } else if (e instanceof FileAlreadyExistsException f) {
      return "already exists: " + f.getFile();
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT) + ": " + f.getFile();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void acquire(Semaphore permits) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerationException("interrupted", e);
    }
  }

  private static HourResult await(Future<HourResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerationException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new GenerationException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  private record HourResult(String partition, long auctions, DspTally[] tallies) {
  }
}
