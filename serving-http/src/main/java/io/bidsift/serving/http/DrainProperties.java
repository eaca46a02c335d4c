package io.bidsift.serving.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first step of a graceful shutdown ({@code bidsift.shutdown.*}, see {@link ShutdownDrain}).
 *
 * @param drain           how long the service keeps answering, closing each keep-alive connection after
 *                        its answer; it stops accepting connections halfway
 * @param inFlightTimeout after the drain, the longest it waits for requests still in progress to be
 *                        answered (auctions end within their tmax, 3 s at most)
 */
@ConfigurationProperties("bidsift.shutdown")
public record DrainProperties(@DefaultValue("1s") Duration drain, @DefaultValue("10s") Duration inFlightTimeout) {
}
