package io.bidsift.auctionlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.testsupport.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuctionLogWriterReaderTest {

  private static final DateTimeFormatter PARTITION =
      DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hr='HH").withZone(ZoneOffset.UTC);
  private static final Instant HOUR = Instant.parse("2026-11-20T13:00:00Z");

  private final OpenRtbCodec openRtb = new OpenRtbCodec();
  private final AuctionLogCodec codec = new AuctionLogCodec(openRtb);
  private final AuctionLogReader reader = new AuctionLogReader(codec);
  private final BidRequest request = AuctionLogFixtures.corpusRequest(openRtb);

  @TempDir
  Path root;

  @Test
  void concurrentAppendsAcrossHoursAndDaysAreAllReadBackFromTheirHourPartition() throws Exception {
    int n = 5000;
    // 21:10 on one day to 03:10 the next: seven hour partitions over two dates.
    Instant start = Instant.parse("2026-11-20T21:10:00Z");
    long stepMillis = Duration.ofHours(6).toMillis() / n;
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1").withMaxFileBytes(128 * 1024);
    int threads = 4;

    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        // Interleaved slices keep every thread roughly in time order, like an auction server's workers.
        done.add(pool.submit(() -> {
          go.await();
          for (int i = first; i < n; i += threads) {
            writer.append(record(i, start.plusMillis(i * stepMillis)));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    }

    assertThat(filesNamed(root, ".inprogress")).isEmpty();
    List<Path> files = reader.listFiles(root);
    Map<String, List<Path>> filesByPartition = new TreeMap<>(files.stream()
        .collect(Collectors.groupingBy(f -> root.relativize(f.getParent()).toString())));
    assertThat(filesByPartition).containsOnlyKeys(
        "dt=2026-11-20/hr=21", "dt=2026-11-20/hr=22", "dt=2026-11-20/hr=23",
        "dt=2026-11-21/hr=00", "dt=2026-11-21/hr=01", "dt=2026-11-21/hr=02", "dt=2026-11-21/hr=03");
    assertThat(filesByPartition.values()).allSatisfy(partitionFiles ->
        assertThat(partitionFiles).as("size-based rolling").hasSizeGreaterThan(1));
    assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("w1-\\d{6}\\.jsonl\\.gz"));

    Set<String> ids = new HashSet<>();
    for (Path file : files) {
      String partition = root.relativize(file.getParent()).toString();
      AuctionLogReadStats stats = reader.read(file, r -> {
        assertThat(PARTITION.format(r.ts())).as(r.request().id() + " in " + file).isEqualTo(partition);
        assertThat(ids.add(r.request().id())).as("duplicate " + r.request().id()).isTrue();
      });
      assertThat(stats.malformed()).isZero();
    }
    assertThat(ids).hasSize(n);

    AuctionLogReadStats all = reader.read(root, r -> { });
    assertThat(all.files()).isEqualTo(files.size());
    assertThat(all.records()).isEqualTo(n);
    assertThat(all.malformed()).isZero();
  }

  @Test
  void writerStatsCountRecordsFilesAndBytes() throws IOException {
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1").withMaxRecordsPerFile(100);
    AuctionLogWriter writer = new AuctionLogWriter(config, codec);
    for (int i = 0; i < 250; i++) {
      writer.append(record(i, HOUR.plusSeconds(i)));
    }
    assertThat(writer.stats().filesFinished()).isEqualTo(2);
    assertThat(writer.stats().openFiles()).isEqualTo(1);
    writer.close();

    AuctionLogWriterStats stats = writer.stats();
    long expectedBytes = 0;
    for (int i = 0; i < 250; i++) {
      expectedBytes += codec.encode(record(i, HOUR.plusSeconds(i))).length + 1;
    }
    long onDisk = 0;
    for (Path f : reader.listFiles(root)) {
      onDisk += Files.size(f);
    }
    assertThat(stats).isEqualTo(new AuctionLogWriterStats(250, 3, expectedBytes, onDisk, 0));
  }

  @Test
  void recordCountRollingCapsEveryFileAtMaxRecordsPerFile() {
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1").withMaxRecordsPerFile(100);
    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec)) {
      for (int i = 0; i < 1000; i++) {
        writer.append(record(i, HOUR.plusSeconds(i)));
      }
    }

    List<Path> files = reader.listFiles(root);
    assertThat(files).extracting(f -> root.relativize(f).toString())
        .containsExactlyElementsOf(Stream.iterate(1, s -> s + 1).limit(10)
            .map(s -> String.format("dt=2026-11-20/hr=13/w1-%06d.jsonl.gz", s)).toList());
    for (Path f : files) {
      assertThat(reader.read(f, r -> { }).records()).isEqualTo(100);
    }
  }

  @Test
  void writerKeepsAtMostMaxOpenFilesByFinishingTheLeastRecentlyUsed() throws IOException {
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1").withMaxOpenFiles(2);
    Instant h13 = HOUR;
    Instant h14 = HOUR.plus(Duration.ofHours(1));
    Instant h15 = HOUR.plus(Duration.ofHours(2));
    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec)) {
      writer.append(record(0, h13));
      writer.append(record(1, h14));
      writer.append(record(2, h14));
      writer.append(record(3, h13)); // 13 is now the most recently used, 14 the least
      writer.append(record(4, h15));

      assertThat(filesNamed(root, ".inprogress")).extracting(f -> root.relativize(f.getParent()).toString())
          .containsExactlyInAnyOrder("dt=2026-11-20/hr=13", "dt=2026-11-20/hr=15");
      assertThat(reader.listFiles(root)).extracting(f -> root.relativize(f).toString())
          .containsExactly("dt=2026-11-20/hr=14/w1-000002.jsonl.gz");

      writer.append(record(5, h14)); // a late record for 14 starts a new file there
      assertThat(filesNamed(root, ".inprogress")).hasSize(2);
    }

    assertThat(reader.listFiles(root)).extracting(f -> root.relativize(f).toString()).containsExactly(
        "dt=2026-11-20/hr=13/w1-000001.jsonl.gz",
        "dt=2026-11-20/hr=14/w1-000002.jsonl.gz",
        "dt=2026-11-20/hr=14/w1-000004.jsonl.gz",
        "dt=2026-11-20/hr=15/w1-000003.jsonl.gz");
    assertThat(reader.read(root, r -> { }).records()).isEqualTo(6);
  }

  @Test
  void idleFileIsFinishedSoReadersSeeTheHourBeforeTheWriterCloses() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-20T14:00:05Z"));
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1").withMaxIdle(Duration.ofMinutes(1));
    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec, clock)) {
      writer.append(record(0, HOUR.plusSeconds(3599)));
      clock.advance(Duration.ofSeconds(59));
      writer.finishDueFiles();
      assertThat(reader.listFiles(root)).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      writer.finishDueFiles();

      assertThat(reader.listFiles(root)).hasSize(1);
      assertThat(filesNamed(root, ".inprogress")).isEmpty();
      assertThat(writer.stats().openFiles()).isZero();
    }
  }

  @Test
  void aBusyFileIsFinishedOnceItIsMaxFileAgeOldAndTheNextOneContinuesTheHour() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-20T14:00:05Z"));
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1").withMaxFileAge(Duration.ofMinutes(5));
    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec, clock)) {
      for (int i = 0; i < 10; i++) {
        writer.append(record(i, HOUR.plusSeconds(i)));
        clock.advance(Duration.ofSeconds(29));
      }
      assertThat(reader.listFiles(root)).isEmpty();

      clock.advance(Duration.ofSeconds(10));
      writer.finishDueFiles();
      assertThat(reader.listFiles(root)).hasSize(1);

      writer.append(record(10, HOUR.plusSeconds(10)));
      assertThat(writer.stats().openFiles()).isEqualTo(1);
    }
    assertThat(reader.listFiles(root)).extracting(f -> root.relativize(f).toString())
        .containsExactly("dt=2026-11-20/hr=13/w1-000001.jsonl.gz", "dt=2026-11-20/hr=13/w1-000002.jsonl.gz");
    assertThat(reader.read(root, r -> { }).records()).isEqualTo(11);
  }

  @Test
  void flushMakesAppendedRecordsReadableFromTheInProgressFile() {
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1");
    try (AuctionLogWriter writer = new AuctionLogWriter(config, codec)) {
      for (int i = 0; i < 10; i++) {
        writer.append(record(i, HOUR.plusSeconds(i)));
      }
      writer.flush();

      assertThat(reader.listFiles(root)).as("a directory read skips unfinished files").isEmpty();
      List<Path> inProgress = filesNamed(root, ".jsonl.gz.inprogress");
      assertThat(inProgress).hasSize(1);
      List<String> ids = new ArrayList<>();
      AuctionLogReadStats stats = reader.read(inProgress.get(0), r -> ids.add(r.request().id()));
      assertThat(ids).containsExactly("auction-0", "auction-1", "auction-2", "auction-3", "auction-4",
          "auction-5", "auction-6", "auction-7", "auction-8", "auction-9");
      // No gzip trailer yet: the file's end reads as a truncated tail.
      assertThat(stats.malformed()).isEqualTo(1);

      for (int i = 10; i < 15; i++) {
        writer.append(record(i, HOUR.plusSeconds(i)));
      }
    }

    AuctionLogReadStats stats = reader.read(root, r -> { });
    assertThat(stats.records()).isEqualTo(15);
    assertThat(stats.malformed()).isZero();
  }

  @Test
  void restartedWriterWithTheSameIdContinuesAfterExistingFilesWithoutOverwriting() throws IOException {
    AuctionLogWriterConfig config = AuctionLogWriterConfig.defaults(root, "w1");
    try (AuctionLogWriter first = new AuctionLogWriter(config, codec)) {
      for (int i = 0; i < 3; i++) {
        first.append(record(i, HOUR.plusSeconds(i)));
      }
    }
    Path dir = root.resolve("dt=2026-11-20/hr=13");
    byte[] firstFile = Files.readAllBytes(dir.resolve("w1-000001.jsonl.gz"));
    // What a crashed run leaves behind: an unfinished file with a higher seq.
    Path crashed = dir.resolve("w1-000007.jsonl.gz.inprogress");
    Files.write(crashed, new byte[] {1, 2, 3});

    try (AuctionLogWriter second = new AuctionLogWriter(config, codec)) {
      for (int i = 3; i < 5; i++) {
        second.append(record(i, HOUR.plusSeconds(i)));
      }
    }

    assertThat(reader.listFiles(root)).extracting(f -> root.relativize(f).toString()).containsExactly(
        "dt=2026-11-20/hr=13/w1-000001.jsonl.gz", "dt=2026-11-20/hr=13/w1-000008.jsonl.gz");
    assertThat(Files.readAllBytes(dir.resolve("w1-000001.jsonl.gz"))).isEqualTo(firstFile);
    assertThat(Files.readAllBytes(crashed)).containsExactly(1, 2, 3);
    assertThat(reader.read(root, r -> { }).records()).isEqualTo(5);
  }

  @Test
  void readerSkipsGarbageWrongTypeAndNewerVersionLinesAndKeepsLinesBeforeATruncatedGzipTail() throws IOException {
    String good = line(0);
    String wrongType = line(1).replace("\"sent\":true", "\"sent\":\"yes\"");
    String version2 = line(2).replace("\"v\":1", "\"v\":2");
    Files.writeString(root.resolve("a-mixed.jsonl"), String.join("\n",
        good, "garbage {", "   ", wrongType, version2, "", line(3) + "\r", line(4)), StandardCharsets.UTF_8);
    Path truncated = root.resolve("b-truncated.jsonl.gz");
    writeTruncatedGzip(truncated, List.of(line(10), line(11), line(12), line(13)), List.of(line(14), line(15)));

    List<String> ids = new ArrayList<>();
    AuctionLogReadStats stats = reader.read(root, r -> ids.add(r.request().id()));

    assertThat(ids).containsExactly("auction-0", "auction-3", "auction-4",
        "auction-10", "auction-11", "auction-12", "auction-13");
    assertThat(stats.files()).isEqualTo(2);
    assertThat(stats.records()).isEqualTo(7);
    assertThat(stats.malformed()).isEqualTo(4);
    assertThat(stats.lines()).isEqualTo(11);
    assertThat(stats.sampleErrors()).hasSize(4);
    assertThat(stats.sampleErrors().get(0)).startsWith(root.resolve("a-mixed.jsonl") + ":2: line is not valid JSON");
    assertThat(stats.sampleErrors().get(1)).isEqualTo(root.resolve("a-mixed.jsonl")
        + ":4: callouts[0].sent must be a boolean");
    assertThat(stats.sampleErrors().get(2)).isEqualTo(root.resolve("a-mixed.jsonl") + ":5: v must be 1, was 2");
    assertThat(stats.sampleErrors().get(3)).startsWith(truncated + ":5: the rest of the file is unreadable");
  }

  @Test
  void readerKeepsOnlyTheFirstTenErrorsAsSamplesButCountsAll() throws IOException {
    Files.writeString(root.resolve("bad.jsonl"), "{oops}\n".repeat(25) + line(0) + "\n");

    AuctionLogReadStats stats = reader.read(root, r -> { });

    assertThat(stats.malformed()).isEqualTo(25);
    assertThat(stats.records()).isEqualTo(1);
    assertThat(stats.sampleErrors()).hasSize(10);
    assertThat(stats.sampleErrors().get(9)).startsWith(root.resolve("bad.jsonl") + ":10: ");
  }

  @Test
  void readerSkipsALineLongerThanTheLimitAndKeepsReadingAfterIt() throws IOException {
    byte[] longLine = new byte[codec.maxLineBytes() + 100_000];
    Arrays.fill(longLine, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(root.resolve("long.jsonl"))) {
      out.write((line(0) + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(longLine);
      out.write(("\n" + line(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    List<String> ids = new ArrayList<>();
    AuctionLogReadStats stats = reader.read(root, r -> ids.add(r.request().id()));

    assertThat(ids).containsExactly("auction-0", "auction-1");
    assertThat(stats.malformed()).isEqualTo(1);
    assertThat(stats.sampleErrors().get(0)).contains(":2: line is longer than");
  }

  @Test
  void readerListsLogFilesRecursivelyInPathOrderSkippingUnfinishedAndHiddenOnes() throws IOException {
    for (String name : List.of("dt=2026-11-21/hr=00/w-000002.jsonl.gz", "dt=2026-11-20/hr=23/w-000001.jsonl",
        "dt=2026-11-20/hr=23/w-000003.jsonl.gz.inprogress", "dt=2026-11-20/hr=23/notes.txt",
        "_temporary/0/part-0.jsonl", ".staging/x.jsonl.gz", "dt=2026-11-20/hr=23/_SUCCESS")) {
      Files.createDirectories(root.resolve(name).getParent());
      Files.write(root.resolve(name), new byte[0]);
    }

    assertThat(reader.listFiles(root)).extracting(f -> root.relativize(f).toString()).containsExactly(
        "dt=2026-11-20/hr=23/w-000001.jsonl", "dt=2026-11-21/hr=00/w-000002.jsonl.gz");
    Path single = root.resolve("dt=2026-11-20/hr=23/w-000003.jsonl.gz.inprogress");
    assertThat(reader.listFiles(single)).containsExactly(single);
  }

  @Test
  void readerRecognisesGzipByContentWhateverTheFileName() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write((line(0) + "\n" + line(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.write(root.resolve("actually-gzipped.jsonl"), bytes.toByteArray());

    AuctionLogReadStats stats = reader.read(root, r -> { });

    assertThat(stats.records()).isEqualTo(2);
    assertThat(stats.malformed()).isZero();
  }

  private AuctionRecord record(int i, Instant ts) {
    return AuctionLogFixtures.record(AuctionLogFixtures.withId(request, "auction-" + i), ts, i % 3 == 0 ? null : "m-1");
  }

  private String line(int i) {
    return codec.encodeAsString(record(i, HOUR.plusSeconds(i)));
  }

  /** Gzip whose compressed bytes stop right after a sync flush: the head is complete, the tail is lost. */
  private static void writeTruncatedGzip(Path file, List<String> head, List<String> lost) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int cut;
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, true)) {
      for (String l : head) {
        gz.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
      gz.flush();
      cut = bytes.size();
      for (String l : lost) {
        gz.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(bytes.size()).isGreaterThan(cut);
    Files.write(file, Arrays.copyOf(bytes.toByteArray(), cut));
  }

  private static List<Path> filesNamed(Path root, String suffix) {
    try (Stream<Path> tree = Files.walk(root)) {
      return tree.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
