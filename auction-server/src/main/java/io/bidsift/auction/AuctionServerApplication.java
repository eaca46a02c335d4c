package io.bidsift.auction;

import io.bidsift.auction.callout.CalloutClient;
import io.bidsift.auction.callout.CalloutClientSettings;
import io.bidsift.auction.config.AuctionServerSettings;
import io.bidsift.auction.config.AuctionServerSettings.LogSettings;
import io.bidsift.auction.config.DspConfig;
import io.bidsift.auction.fanout.DspClient;
import io.bidsift.auction.filter.BidFilterClient;
import io.bidsift.auction.filter.FilterBreaker;
import io.bidsift.auction.health.DspHealth;
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
import io.bidsift.serving.http.LoadShedder;
import io.bidsift.serving.http.OverloadProperties;
import io.bidsift.serving.http.ServingHttpConfiguration;
import io.bidsift.serving.http.ShutdownDrain;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The Spring wiring of the auction server. Started by {@link AuctionServer#start}, which registers
 * the one {@link AuctionServerSettings} bean everything here is built from.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ServingHttpConfiguration.class)
public class AuctionServerApplication {

  /** While S3 fails, upload attempts back off up to this: an outage costs little, a recovery is seen soon. */
  private static final Duration UPLOAD_MAX_RETRY_DELAY = Duration.ofSeconds(30);

  /** The bid filter's breaker and the DSPs' health throttles; Resilience4j's Micrometer binder exports their state. */
  @Bean
  CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry registry) {
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    return breakers;
  }

  @Bean
  OpenRtbCodec openRtbCodec() {
    return new OpenRtbCodec();
  }

  @Bean
  AuctionMetrics auctionMetrics(MeterRegistry registry, AuctionServerSettings settings) {
    return new AuctionMetrics(registry, settings.dsps());
  }

  /**
   * The DSP and bid-filter client, on the web server's event loops (Reactor Netty's global loop
   * resources, which the server runs on), so each callout stays on the loop of its auction.
   */
  @Bean(destroyMethod = "close")
  CalloutClient calloutClient(ReactorResourceFactory resources, DnsAddressResolverGroup calloutNameResolver,
                              AuctionServerSettings settings) {
    LoopResources loops = resources.getLoopResources();
    EventLoopGroup group = loops.onServer(LoopResources.DEFAULT_NATIVE);
    return new CalloutClient(group, loops.onChannelClass(SocketChannel.class, group), calloutNameResolver,
        CalloutClientSettings.defaults(settings.maxDspResponseBytes()));
  }

  /** Resolves DSP host names on the event loops without blocking them (the JDK's resolver would). */
  @Bean(destroyMethod = "close")
  DnsAddressResolverGroup calloutNameResolver(ReactorResourceFactory resources) {
    LoopResources loops = resources.getLoopResources();
    EventLoopGroup group = loops.onServer(LoopResources.DEFAULT_NATIVE);
    return new DnsAddressResolverGroup(new DnsNameResolverBuilder()
        .datagramChannelType(loops.onChannelClass(DatagramChannel.class, group))
        .socketChannelType(loops.onChannelClass(SocketChannel.class, group)));
  }

  @Bean
  DspClient dspClient(CalloutClient callouts, OpenRtbCodec codec, AuctionServerSettings settings) {
    return new DspClient(callouts, codec, settings.dsps());
  }

  /** Holds null when the server runs without a bid filter. */
  @Bean
  BidFilterHolder bidFilter(CalloutClient callouts, AuctionServerSettings settings, CircuitBreakerRegistry breakers) {
    if (settings.filterUrl() == null) {
      return new BidFilterHolder(null);
    }
    FilterBreaker breaker = FilterBreaker.create(breakers, settings.breakerFailures(), settings.breakerOpenFor(),
        Clock.systemUTC());
    return new BidFilterHolder(new BidFilterClient(callouts, settings.filterUrl(), settings.filterTimeout(), breaker));
  }

  @Bean
  DspHealth dspHealth(AuctionServerSettings settings, CircuitBreakerRegistry breakers, MeterRegistry registry) {
    DspHealth health = new DspHealth(settings.dsps().stream().map(DspConfig::id).toList(), settings.health(), breakers,
        Clock.systemUTC());
    health.bindTo(registry);
    return health;
  }

  @Bean(destroyMethod = "close")
  AsyncAuctionLog auctionLog(AuctionServerSettings settings, OpenRtbCodec codec, MeterRegistry registry) {
    return new AsyncAuctionLog(sink(settings.log(), new AuctionLogCodec(codec), registry),
        settings.log().queueCapacity(), settings.log().drainDeadline(), registry);
  }

  @Bean
  AuctionService auctionService(AuctionServerSettings settings, OpenRtbCodec codec, BidFilterHolder bidFilter,
                                DspHealth dspHealth, DspClient dspClient, AsyncAuctionLog auctionLog,
                                AuctionMetrics metrics) {
    return new AuctionService(settings, codec, bidFilter.client(), dspHealth,
        new QpsGovernor(settings.dsps(), System::nanoTime), dspClient, auctionLog, metrics);
  }

  @Bean(destroyMethod = "close")
  LoadShedder auctionShedder(OverloadProperties overload, MeterRegistry registry) {
    return new LoadShedder(overload, registry, "/openrtb2/auction");
  }

  @Bean
  AuctionHandler auctionHandler(OpenRtbCodec codec, AuctionService auctions, AuctionMetrics metrics,
                                LoadShedder shedder, ShutdownDrain drain) {
    return new AuctionHandler(codec, auctions, metrics, shedder, drain, Clock.systemUTC());
  }

  /** The auction path on Reactor Netty directly, ahead of WebFlux (see {@link AuctionHandler}). */
  @Bean
  NettyRouteProvider auctionRoute(AuctionHandler handler) {
    return routes -> routes.post("/openrtb2/auction", handler);
  }

  static AuctionLogSink sink(LogSettings log, AuctionLogCodec codec, MeterRegistry registry) {
    AuctionLogWriterConfig writer = log.writerConfig();
    if (log.s3Bucket() == null) {
      return new LocalAuctionLogSink(writer, codec);
    }
    // Short timeouts: a dead or black-holed S3 must cost the uploader seconds per attempt, not minutes,
    // and a final upload at shutdown must fit the drain deadline. A 256 MB file is ~50 MB gzipped.
    S3ClientBuilder s3 = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(10)))
        .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(20))
            .apiCallTimeout(Duration.ofSeconds(45)));
    if (log.s3Endpoint() != null) {
      // An emulator (moto, MinIO): path-style addressing, its own throwaway credentials, any region.
      s3.endpointOverride(log.s3Endpoint()).forcePathStyle(true)
          .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
              System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "testing"),
              System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"))));
    } else {
      s3.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return new S3AuctionLogSink(writer, codec, s3.build(), log.s3Bucket(), log.s3Prefix(), log.spoolMaxBytes(),
        UPLOAD_MAX_RETRY_DELAY, registry);
  }

  /** The optional bid-filter client (a bean cannot be null). */
  record BidFilterHolder(BidFilterClient client) {
  }
}
