package io.bidsift.auction;

import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.config.AuctionServerSettings.LogSettings;
import io.bidsift.auction.fanout.DspClient;
import io.bidsift.auction.filter.BidFilterClient;
import io.bidsift.auction.filter.CircuitBreaker;
import io.bidsift.auction.http.AuctionHandler;
import io.bidsift.auction.log.AsyncAuctionLog;
import io.bidsift.auction.log.AuctionLogSink;
import io.bidsift.auction.log.LocalAuctionLogSink;
import io.bidsift.auction.log.S3AuctionLogSink;
import io.bidsift.auction.metrics.AuctionMetrics;
import io.bidsift.auction.qps.QpsGovernor;
import io.bidsift.auctionlog.AuctionLogCodec;
import io.bidsift.auctionlog.AuctionLogWriterConfig;
import io.bidsift.openrtb.OpenRtbCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The Spring wiring of the auction server. Started by {@link AuctionServer#start}, which registers
 * the one {@link AuctionServerSettings} bean everything here is built from.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AuctionServerApplication {

  /**
   * Connections to one host:port. The simulated fleet serves every DSP from one port, so this is
   * the whole fleet's share: 2,000 auctions/s x 13 DSPs x ~50 ms is about 1,300 open callouts.
   */
  private static final int MAX_CONNECTIONS_PER_HOST = 4096;

  @Bean
  OpenRtbCodec openRtbCodec() {
    return new OpenRtbCodec();
  }

  @Bean
  AuctionMetrics auctionMetrics(MeterRegistry registry, AuctionServerSettings settings) {
    return new AuctionMetrics(registry, settings.dsps());
  }

  @Bean(destroyMethod = "dispose")
  ConnectionProvider dspConnections() {
    return ConnectionProvider.builder("dsp-callouts")
        .maxConnections(MAX_CONNECTIONS_PER_HOST)
        .pendingAcquireMaxCount(MAX_CONNECTIONS_PER_HOST * 4)
        .pendingAcquireTimeout(Duration.ofSeconds(1))
        .maxIdleTime(Duration.ofSeconds(30))
        .build();
  }

  @Bean
  DspClient dspClient(ConnectionProvider dspConnections, OpenRtbCodec codec, AuctionServerSettings settings) {
    HttpClient http = HttpClient.create(dspConnections)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
        .option(ChannelOption.TCP_NODELAY, true)
        .keepAlive(true);
    return new DspClient(http, codec, settings.maxDspResponseBytes());
  }

  /** Null when the server runs without a bid filter. */
  @Bean
  BidFilterHolder bidFilter(AuctionServerSettings settings) {
    if (settings.filterUrl() == null) {
      return new BidFilterHolder(null, null);
    }
    ConnectionProvider pool = ConnectionProvider.builder("bid-filter").maxConnections(512)
        .pendingAcquireTimeout(Duration.ofMillis(100)).maxIdleTime(Duration.ofSeconds(30)).build();
    HttpClient http = HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 200)
        .option(ChannelOption.TCP_NODELAY, true).keepAlive(true);
    CircuitBreaker breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor().toNanos(),
        System::nanoTime);
    return new BidFilterHolder(new BidFilterClient(http, settings.filterUrl(), settings.filterTimeout(), breaker),
        pool);
  }

  @Bean(destroyMethod = "close")
  AsyncAuctionLog auctionLog(AuctionServerSettings settings, OpenRtbCodec codec, MeterRegistry registry) {
    return new AsyncAuctionLog(sink(settings.log(), new AuctionLogCodec(codec)), settings.log().queueCapacity(),
        registry);
  }

  @Bean
  AuctionService auctionService(AuctionServerSettings settings, OpenRtbCodec codec, BidFilterHolder bidFilter,
                                DspClient dspClient, AsyncAuctionLog auctionLog, AuctionMetrics metrics) {
    return new AuctionService(settings, codec, bidFilter.client(), new QpsGovernor(settings.dsps(), System::nanoTime),
        dspClient, auctionLog, metrics);
  }

  @Bean
  AuctionHandler auctionHandler(OpenRtbCodec codec, AuctionService auctions, AuctionMetrics metrics) {
    return new AuctionHandler(codec, auctions, metrics, Clock.systemUTC());
  }

  @Bean
  RouterFunction<ServerResponse> auctionRoute(AuctionHandler handler) {
    return RouterFunctions.route(RequestPredicates.POST("/openrtb2/auction"), handler::auction);
  }

  static AuctionLogSink sink(LogSettings log, AuctionLogCodec codec) {
    AuctionLogWriterConfig writer = AuctionLogWriterConfig.defaults(log.localDir(), log.writerId());
    if (log.s3Bucket() == null) {
      return new LocalAuctionLogSink(writer, codec);
    }
    S3ClientBuilder s3 = S3Client.builder().httpClientBuilder(ApacheHttpClient.builder());
    if (log.s3Endpoint() != null) {
      // An emulator (moto, MinIO): path-style addressing, and its own throwaway credentials.
      s3.endpointOverride(log.s3Endpoint()).forcePathStyle(true)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
              System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "testing"),
              System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"))));
    } else {
      s3.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return new S3AuctionLogSink(writer, codec, s3.build(), log.s3Bucket(), log.s3Prefix());
  }

  /** The optional bid-filter client with its pool, so the pool is disposed with the context. */
  record BidFilterHolder(BidFilterClient client, ConnectionProvider pool) implements AutoCloseable {
    @Override
    public void close() {
      if (pool != null) {
        pool.dispose();
      }
    }
  }
}
