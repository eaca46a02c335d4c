package io.bidsift.filter;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleReader;
import io.bidsift.filter.model.ServingModel;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.simulator.behaviour.MarketBehaviour;
import io.bidsift.simulator.market.MarketLoader;
import io.bidsift.simulator.market.MarketModel;
import io.bidsift.simulator.market.PublisherCatalog;
import io.bidsift.simulator.traffic.PublisherRequests;
import io.bidsift.simulator.traffic.RequestGenerator;
import io.bidsift.testsupport.FixtureBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real things the bid filter's tests share: the fixture bundle (trained by ./bidsift train on
 * the built-in simulated market) and requests from that same market.
 */
public final class Fixtures {

  public static final Instant NOON = Instant.parse("2026-11-05T12:00:00Z");

  private static final MarketModel MARKET = MarketLoader.defaultMarket();
  private static final RequestGenerator TRAFFIC = new RequestGenerator(MARKET, PublisherCatalog.build(MARKET));

  private Fixtures() {
  }

  public static ServingModel model(Path tmp) {
    return ServingModel.load(new BundleReader().read(FixtureBundle.copyTo(tmp.resolve("bundle"))));
  }

  public static List<BidRequest> requests(int count, long seed) {
    return PublisherRequests.generate(TRAFFIC, NOON, count, seed);
  }

  public static MarketBehaviour market() {
    return MarketBehaviour.calibrate(MARKET, TRAFFIC);
  }

  /** The fixture bundle under another version name: a second valid bundle to swap to. */
  public static Path bundleWithVersion(Path dir, String version) {
    FixtureBundle.copyTo(dir);
    edit(dir.resolve(BundleFiles.MANIFEST), m -> m.replace(FixtureBundle.VERSION, version));
    return dir;
  }

  /** Rewrites a bundle file and reseals the manifest, so only the content (not the digest) is wrong. */
  public static void rewriteAndReseal(Path bundle, String file, UnaryOperator<String> change) {
    Path path = bundle.resolve(file);
    String before = BundleFiles.sha256(read(path));
    edit(path, change);
    String after = BundleFiles.sha256(read(path));
    edit(bundle.resolve(BundleFiles.MANIFEST), m -> m.replace(before, after));
  }

  public static void edit(Path file, UnaryOperator<String> change) {
    try {
      Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
