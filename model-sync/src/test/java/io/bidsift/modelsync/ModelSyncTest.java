package io.bidsift.modelsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.modelsync.TestBundles.ManifestModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import io.bidsift.bundle.VerifiedBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload loop on the local source, one poll at a time (pollOnce), plus one run on its own thread. */
class ModelSyncTest {

  static final SyncSettings FAST = new SyncSettings(Duration.ofMillis(5), Duration.ofMillis(100),
      Duration.ofMillis(400), 0.0);

  @TempDir
  Path temp;

  private final AtomicInteger loads = new AtomicInteger();

  private Path home() {
    return temp.resolve("models");
  }

  private void promote(String version, boolean tampered) throws Exception {
    Path dir = TestBundles.bundle(home().resolve(version), version);
    if (tampered) {
      TestBundles.tamper(dir);
    }
    new LocalModelHome(home()).activate(version);
  }

  private ModelSync<ManifestModel> sync(Function<VerifiedBundle, ManifestModel> loader) {
    return new ModelSync<>(new LocalModelSource(home(), Duration.ofMillis(20)), b -> {
      loads.incrementAndGet();
      return loader.apply(b);
    }, FAST, Clock.systemUTC(), () -> 0.5);
  }

  @Test
  void servesNothingUntilABundleIsPublishedThenServesItAndSwapsInTheNext() throws Exception {
    try (ModelSync<ManifestModel> sync = sync(TestBundles::load)) {
      sync.pollOnce();
      assertThat(sync.current()).isNull();

      promote(TestBundles.V1, false);
      sync.pollOnce();
      assertThat(sync.current().version()).isEqualTo(TestBundles.V1);
      assertThat(sync.current().model().dsps()).isPositive();
      Instant firstSwap = sync.current().loadedAt();

      promote(TestBundles.V2, false);
      sync.pollOnce();
      sync.pollOnce();

      assertThat(sync.current().model().version()).isEqualTo(TestBundles.V2);
      assertThat(sync.counters().swaps()).isEqualTo(2);
      assertThat(loads).hasValue(2);
      assertThat(sync.current().loadedAt()).isAfterOrEqualTo(firstSwap);
    }
  }

  @Test
  void aTamperedBundleIsRejectedOnceAndThePreviousModelKeepsServingUntilAGoodOneArrives() throws Exception {
    try (ModelSync<ManifestModel> sync = sync(TestBundles::load)) {
      promote(TestBundles.V1, false);
      sync.pollOnce();

      promote(TestBundles.V2, true);
      sync.pollOnce();
      sync.pollOnce();
      sync.pollOnce();

      assertThat(sync.current().version()).isEqualTo(TestBundles.V1);
      assertThat(sync.counters().rejects(RejectReason.INVALID_BUNDLE)).isEqualTo(1);
      assertThat(sync.counters().rejects()).isEqualTo(1);

      promote(TestBundles.V3, false);
      sync.pollOnce();
      assertThat(sync.current().version()).isEqualTo(TestBundles.V3);
    }
  }

  @Test
  void aBundleTheLoaderRefusesIsCountedAndNotRetriedWhileThePreviousKeepsServing() throws Exception {
    try (ModelSync<ManifestModel> sync = sync(b -> {
      if (b.manifest().version().equals(TestBundles.V2)) {
        throw new IllegalStateException("canary row 3 scores 0.41, expected 0.12");
      }
      return TestBundles.load(b);
    })) {
      promote(TestBundles.V1, false);
      sync.pollOnce();
      promote(TestBundles.V2, false);
      sync.pollOnce();
      sync.pollOnce();

      assertThat(sync.current().version()).isEqualTo(TestBundles.V1);
      assertThat(sync.counters().rejects(RejectReason.LOAD_FAILED)).isEqualTo(1);
      assertThat(loads).hasValue(2);
      assertThat(sync.counters().swaps()).isEqualTo(1);
    }
  }

  @Test
  void aBundleWhoseManifestNamesAnotherVersionIsRejected() throws Exception {
    try (ModelSync<ManifestModel> sync = sync(TestBundles::load)) {
      TestBundles.bundle(home().resolve(TestBundles.V2), TestBundles.V1);
      new LocalModelHome(home()).activate(TestBundles.V2);

      sync.pollOnce();

      assertThat(sync.current()).isNull();
      assertThat(sync.counters().rejects(RejectReason.VERSION_MISMATCH)).isEqualTo(1);
    }
  }

  @Test
  void theRequestedIntervalIsNeverShorterThanTheFloor() throws Exception {
    try (ModelSync<ManifestModel> sync = new ModelSync<>(new LocalModelSource(home(), Duration.ZERO),
        TestBundles::load, FAST, Clock.systemUTC(), () -> 0.5)) {
      assertThat(sync.pollOnce()).isEqualTo(FAST.minPollDelay());
    }
  }

  @Test
  void startedInTheBackgroundItLoadsTheInitialModelThenPicksUpAPromotion() throws Exception {
    promote(TestBundles.V1, false);
    try (ModelSync<ManifestModel> sync = new ModelSync<>(new LocalModelSource(home(), Duration.ofMillis(20)),
        TestBundles::load, FAST)) {
      sync.start();
      assertThat(sync.awaitModel(Duration.ofSeconds(30))).isTrue();
      assertThat(sync.current().version()).isEqualTo(TestBundles.V1);

      promote(TestBundles.V2, false);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!sync.current().version().equals(TestBundles.V2) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      assertThat(sync.current().version()).isEqualTo(TestBundles.V2);
      assertThat(Files.readString(home().resolve(LocalModelHome.ACTIVE)).strip()).isEqualTo(TestBundles.V2);
    }
  }

  @Test
  void backoffDoublesUpToTheCapAndJitterOnlyShortensIt() {
    SyncSettings settings = new SyncSettings(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(1000), 0.2);

    Backoff noJitter = new Backoff(settings, () -> 0.0);
    Backoff fullJitter = new Backoff(settings, () -> 0.999);

    assertThat(noJitter.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(noJitter.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(noJitter.delay(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(noJitter.delay(5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(noJitter.delay(1000)).isEqualTo(Duration.ofMillis(1000));
    assertThat(fullJitter.delay(1000)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1000));
  }
}
