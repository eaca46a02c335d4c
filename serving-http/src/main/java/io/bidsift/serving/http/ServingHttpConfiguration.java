package io.bidsift.serving.http;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What both services' HTTP servers get alike: the keep-alive read guard, connection timeouts, named
 * protocol errors, the shutdown drain and the overload settings. Each service builds its own {@link LoadShedder} for its hot route.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OverloadProperties.class, DrainProperties.class, ConnectionProperties.class})
public class ServingHttpConfiguration {

  /** Keeps keep-alive connections reading (see {@link KeepAliveReadGuard}). */
  @Bean
  NettyServerCustomizer keepAliveReadGuard() {
    return KeepAliveReadGuard::install;
  }

  /** Clients that stall mid-request lose their connection (see {@link ConnectionProperties}). */
  @Bean
  NettyServerCustomizer connectionTimeouts(ConnectionProperties connections) {
    return server -> server.readTimeout(connections.readTimeout()).idleTimeout(connections.idleTimeout());
  }

  /** Reactor Netty's own refusals of broken HTTP name the problem (see {@link ProtocolErrorBodies}). */
  @Bean
  NettyServerCustomizer protocolErrorBodies() {
    return server -> server.doOnChannelInit((observer, channel, remote) -> ProtocolErrorBodies.install(channel));
  }

  @Bean
  ShutdownDrain shutdownDrain(DrainProperties drain, ApplicationEventPublisher events) {
    return new ShutdownDrain(drain.drain(), drain.inFlightTimeout(), events);
  }

  /** Shows the drain the listening server and every connection, which it closes itself (see there). */
  @Bean
  NettyServerCustomizer shutdownDrainTracking(ShutdownDrain drain) {
    return server -> server.doOnBound(drain::listeningOn)
        .doOnChannelInit((observer, channel, remote) -> drain.accepted(channel));
  }
}
