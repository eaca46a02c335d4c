package io.bidsift.serving.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first step of a graceful shutdown ({@code bidsift.shutdown.*}, see {@link ShutdownDrain}).
 *
 * @param drain how long the service keeps answering, closing each keep-alive connection after its
 *              answer, before it stops accepting connections
 */
@ConfigurationProperties("bidsift.shutdown")
public record DrainProperties(@DefaultValue("1s") Duration drain) {
}
