package io.bidsift.filter;

import io.bidsift.exploration.ExplorationSlice;
import io.bidsift.filter.decide.AuctionFilter;
import io.bidsift.filter.decide.FilterMetrics;
import io.bidsift.filter.decide.OperatingPoint;
import io.bidsift.filter.decide.RecallTarget;
import io.bidsift.filter.http.FilterCallReader;
import io.bidsift.filter.http.FilterHandler;
import io.bidsift.filter.http.FilterResultWriter;
import io.bidsift.filter.http.HttpPathWarmUp;
import io.bidsift.filter.http.OperatingPointHandler;
import io.bidsift.filter.metrics.MicrometerFilterMetrics;
import io.bidsift.filter.model.ModelHolder;
import io.bidsift.json.JsonLimits;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.openrtb.OpenRtbUpconverter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import io.bidsift.serving.http.LoadShedder;
import io.bidsift.serving.http.OverloadProperties;
import io.bidsift.serving.http.ServingHttpConfiguration;
import io.bidsift.serving.http.ShutdownDrain;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The decision path and its HTTP routes. */
@Configuration(proxyBeanMethods = false)
@Import(ServingHttpConfiguration.class)
class FilterConfiguration {

  @Bean
  OpenRtbCodec openRtbCodec(FilterProperties properties) {
    // The filter call wraps the request, so the document limit is the body limit.
    JsonLimits limits = new JsonLimits(properties.maxBodyBytes(), JsonLimits.REQUEST.maxDepth(),
        JsonLimits.REQUEST.maxStringLength(), JsonLimits.REQUEST.maxNumberLength());
    return new OpenRtbCodec(limits, JsonLimits.RESPONSE);
  }

  @Bean
  HttpPathWarmUp httpPathWarmUp(ModelHolder models) {
    return new HttpPathWarmUp(models);
  }

  @Bean
  FilterMetrics filterMetrics(MeterRegistry registry) {
    return new MicrometerFilterMetrics(registry);
  }

  @Bean
  OperatingPoint operatingPoint(FilterProperties properties) {
    return new OperatingPoint(properties.targetRecall() > 0
        ? new RecallTarget(properties.targetRecall(), properties.targetValueRecall()) : null, properties.shadow());
  }

  @Bean
  AuctionFilter auctionFilter(ModelHolder models, OperatingPoint operatingPoint, FilterProperties properties,
      OpenRtbCodec codec, FilterMetrics metrics) {
    return new AuctionFilter(models, operatingPoint, new ExplorationSlice(properties.explorationRate()),
        new OpenRtbUpconverter(codec), metrics, Clock.systemUTC());
  }

  @Bean
  FilterResultWriter filterResultWriter(OpenRtbCodec codec) {
    return new FilterResultWriter(codec.requestJson().factory());
  }

  /** {@code POST /v1/filter} on Reactor Netty directly, ahead of WebFlux (see {@link FilterHandler}). */
  @Bean(destroyMethod = "close")
  LoadShedder filterShedder(OverloadProperties overload, MeterRegistry registry) {
    return new LoadShedder(overload, registry, "/v1/filter");
  }

  @Bean
  NettyRouteProvider filterRoute(AuctionFilter filter, ModelHolder models, OpenRtbCodec codec, FilterResultWriter writer,
      FilterMetrics metrics, LoadShedder shedder, ShutdownDrain drain, FilterProperties properties) {
    FilterHandler handler = new FilterHandler(new FilterCallReader(codec), writer, filter, models, metrics, shedder,
        drain, properties.maxBodyBytes());
    return routes -> routes.post("/v1/filter", handler);
  }

  @Bean
  RouterFunction<ServerResponse> operatingPointRoutes(ModelHolder models, OperatingPoint operatingPoint,
      FilterResultWriter writer) {
    OperatingPointHandler target = new OperatingPointHandler(operatingPoint, models, writer);
    return RouterFunctions.route()
        .GET("/v1/target-recall", target::get)
        .PUT("/v1/target-recall", target::put)
        .DELETE("/v1/target-recall", target::delete)
        .GET("/v1/shadow", target::getShadow)
        .PUT("/v1/shadow", target::putShadow)
        .build();
  }
}
