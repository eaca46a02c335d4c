package io.bidsift.auction.callout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Where callouts of one kind go (a DSP, the bid filter): the address to connect to and the request
 * head, encoded once, up to the {@code Content-Length} value. Each endpoint has its own connection
 * pools, so a slow DSP never holds the connections of another. Compared by identity: build one per
 * DSP at start and keep it.
 */
public final class Endpoint {

  private final String name;
  private final String host;
  private final int port;
  private final boolean tls;
  private final byte[] headUpToLength;

  /**
   * @param name    for logs and errors (the DSP id)
   * @param url     {@code http://} or {@code https://}, with the path (and query) to POST to
   * @param headers extra request headers (names and values are the caller's constants)
   */
  public Endpoint(String name, URI url, Map<String, String> headers) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(name + ": endpoint must be http:// or https://, got " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException(name + ": endpoint has no host: " + url);
    }
    this.name = name;
    this.host = url.getHost();
    this.tls = scheme.equals("https");
    this.port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    boolean defaultPort = url.getPort() <= 0;
    StringBuilder head = new StringBuilder(128)
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(url.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
        .append("User-Agent: bidsift-auction-server\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ");
    this.headUpToLength = head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  boolean tls() {
    return tls;
  }

  byte[] headUpToLength() {
    return headUpToLength;
  }

  @Override
  public String toString() {
    return name + " (" + (tls ? "https" : "http") + "://" + host + ":" + port + ")";
  }
}
