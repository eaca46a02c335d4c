package io.bidsift.auction;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogReader;
import io.bidsift.auctionlog.AuctionRecord;
import io.bidsift.openrtb.BidRequest;
import io.bidsift.openrtb.OpenRtbCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The auction server started in-process on a free loopback port, with a JDK HTTP client. */
final class RunningServer implements AutoCloseable {

  static final OpenRtbCodec CODEC = new OpenRtbCodec();

  final ConfigurableApplicationContext context;
  final AuctionServerSettings settings;
  final URI auction;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  RunningServer(AuctionServerSettings settings) {
    // A GC pause on a busy CI machine would shed an auction and fail a test about something else;
    // shedding has tests of its own that turn it on. The drain before shutdown is for clients in
    // production: tests that close a server need not wait, except the shutdown test.
    this(settings, Map.of("bidsift.overload.enabled", false, "bidsift.shutdown.drain", "0s"));
  }

  RunningServer(AuctionServerSettings settings, Map<String, Object> properties) {
    this.settings = settings.withPort(0);
    this.context = AuctionServer.start(this.settings, properties);
    this.auction = URI.create("http://127.0.0.1:" + AuctionServer.port(context) + "/openrtb2/auction");
  }

  HttpResponse<String> post(byte[] body) {
    try {
      return client.send(HttpRequest.newBuilder(auction).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends all at once (auctions wait for their slowest DSP: one by one would take long), answers in order. */
  List<HttpResponse<String>> postAll(List<BidRequest> requests) {
    List<HttpResponse<String>> answers = new ArrayList<>();
    // A few at a time: enough to save time, few enough not to overload a shared 2-core machine.
    for (int from = 0; from < requests.size(); from += 6) {
      answers.addAll(postConcurrently(requests.subList(from, Math.min(requests.size(), from + 6))));
    }
    return answers;
  }

  private List<HttpResponse<String>> postConcurrently(List<BidRequest> requests) {
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (BidRequest r : requests) {
      futures.add(client.sendAsync(HttpRequest.newBuilder(auction).timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.writeRequest(r))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    return futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
  }

  HttpResponse<String> post(BidRequest request) {
    return post(CODEC.writeRequest(request));
  }

  String get(String path) throws IOException, InterruptedException {
    URI uri = auction.resolve(path);
    return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Every record of the log directory (call after {@link #close()}, when every file is finished). */
  static List<AuctionRecord> readLogs(Path dir) {
    List<AuctionRecord> records = new ArrayList<>();
    new AuctionLogReader(new AuctionLogCodec(CODEC)).read(dir, records::add);
    return records;
  }

  @Override
  public void close() {
    context.close();
  }
}
