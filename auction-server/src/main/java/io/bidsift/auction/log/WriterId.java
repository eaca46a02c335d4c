package io.bidsift.auction.log;

import io.bidsift.auctionlog.AuctionLogWriterConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The default writer id of an auction server's log files: {@code <host>-<8 hex>}. Every task of a
 * fleet writes to the same S3 prefix, and in a container every JVM is PID 1, so neither a PID nor a
 * counter tells writers apart; the host name says which machine or task wrote a file (useful when
 * reading logs), and the random part keeps a restarted server, or two on one host, from reusing an
 * id, which would overwrite the other's objects in S3.
 */
public final class WriterId {

  /** Leaves room for {@code -<8 hex>} and the {@code -<seq>} the writer appends, well inside 100. */
  private static final int MAX_HOST_CHARS = 60;
  private static final String FALLBACK_HOST = "auction-server";

  private WriterId() {
  }

  /** A new id for this process: call once at start. */
  public static String forThisProcess() {
    return of(hostName(System.getenv()), new SecureRandom());
  }

  /** {@code host}, made a safe file-name token, then a dash and 8 random hex digits. */
  static String of(String host, RandomGenerator random) {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return AuctionLogWriterConfig.requireValidWriterId(sanitize(host) + "-" + HexFormat.of().formatHex(suffix));
  }

  /** The first label of the host name in [a-z0-9-], or "auction-server" when nothing usable is left. */
  static String sanitize(String host) {
    if (host == null) {
      return FALLBACK_HOST;
    }
    String label = host.strip().toLowerCase(Locale.ROOT);
    int dot = label.indexOf('.');
    if (dot >= 0) {
      label = label.substring(0, dot);
    }
    label = label.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (label.length() > MAX_HOST_CHARS) {
      label = label.substring(0, MAX_HOST_CHARS).replaceAll("-+$", "");
    }
    return label.isEmpty() ? FALLBACK_HOST : label;
  }

  /**
   * $HOSTNAME when set (containers set it; on Fargate it names the task's network interface), else
   * what the resolver says. Never fails: a server must start without a resolvable name.
   */
  static String hostName(Map<String, String> env) {
    String fromEnv = env.get("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
