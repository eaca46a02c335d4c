package io.bidsift.serving.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may hold a connection without sending ({@code bidsift.http.*}): without limits, a
 * client that stops mid-body or mid-headers kept its connection for ever, and enough of them would use
 * up the server's.
 *
 * @param readTimeout longest pause while a request's body is being read; then the connection closes
 * @param idleTimeout longest a connection may wait for a request (or for the rest of its headers);
 *                    behind a load balancer it must exceed the balancer's own idle timeout (AWS ALB:
 *                    60 s), or the balancer may send a request on a connection being closed
 */
@ConfigurationProperties("bidsift.http")
public record ConnectionProperties(@DefaultValue("5s") Duration readTimeout, @DefaultValue("75s") Duration idleTimeout) {
}
