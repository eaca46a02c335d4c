package io.bidsift.testsupport.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Transport-level abuse of one endpoint over raw sockets: slow senders, hang-ups mid-body, broken
 * or oversized chunked bodies, header blocks that never end, pipelining. Each abused connection
 * must get a 4xx (never a 5xx) or be closed, and the server must go on answering other
 * connections. Each check throws {@link AssertionError} saying what went wrong.
 *
 * @param server  the service's loopback address
 * @param path    the endpoint
 * @param valid   a body the endpoint answers with one of {@code answers}
 * @param answers the statuses a valid body may get
 */
public record ConnectionAbuse(InetSocketAddress server, String path, byte[] valid, Set<Integer> answers) {

  /** Why the stalled-connection checks are disabled in both services' tests. */
  public static final String NO_READ_TIMEOUT = "needs a fix outside the JSON layer: no read/idle timeout on the "
      + "server's connections, so a client that stops mid-body or mid-headers holds its connection for ever "
      + "(serving-http or the Netty server setup)";

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  private static final int SLOW_BYTES_PER_PAUSE = 16;
  private static final long SLOW_PAUSE_MS = 10;

  /** A body trickled a few bytes at a time (about a second in all) is answered like any other. */
  public void slowSenderIsAnswered() throws IOException, InterruptedException {
    try (RawHttp c = new RawHttp(server)) {
      c.send(RawHttp.postHead(path, "application/json", valid.length));
      for (int from = 0; from < valid.length; from += SLOW_BYTES_PER_PAUSE) {
        check(c.send(Arrays.copyOfRange(valid, from, Math.min(valid.length, from + SLOW_BYTES_PER_PAUSE))),
            "the server stopped reading a slow body after " + from + " bytes");
        Thread.sleep(SLOW_PAUSE_MS);
      }
      RawHttp.Answer a = c.read(ANSWER_WITHIN);
      check(a != null && answers.contains(a.status()), "slow sender got " + describe(a));
    }
  }

  /** Content-Length promises more than is sent, then the client hangs up; later clients are answered. */
  public void hangUpMidBodyLeavesTheServerAnswering() throws IOException {
    try (RawHttp c = new RawHttp(server)) {
      c.send(RawHttp.postHead(path, "application/json", valid.length + 100L));
      c.send(Arrays.copyOf(valid, valid.length / 2));
    }
    serverStillAnswers("after a hang-up mid-body");
  }

  /**
   * A chunk size that is not hex is a 4xx or a closed connection, never a 5xx.
   *
   * @param named whether a 4xx must also name the problem in an {@code errors} body
   */
  public void malformedChunkedBodyIsRefused(boolean named) throws IOException {
    byte[] chunks = ("zz\r\n" + new String(valid, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    refusedOrClosed("malformed chunked body", RawHttp.concat(RawHttp.chunkedHead(path), chunks), named);
  }

  /** Chunks adding up past the body limit, none of them declared too large up front: 413 or closed. */
  public void oversizedChunkedBodyIsRefused(int limitBytes) throws IOException {
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) ' ');
    byte[] framed = RawHttp.concat(Integer.toHexString(chunk.length).getBytes(StandardCharsets.US_ASCII),
        "\r\n".getBytes(StandardCharsets.US_ASCII), chunk, "\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[][] parts = new byte[limitBytes / chunk.length + 3][];
    parts[0] = RawHttp.chunkedHead(path);
    Arrays.fill(parts, 1, parts.length - 1, framed);
    parts[parts.length - 1] = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (RawHttp c = new RawHttp(server)) {
      RawHttp.Answer a = answerOrClose(c, RawHttp.concat(parts));
      check(a == null || a.status() == 413, "a chunked body over the limit got " + describe(a));
    }
    serverStillAnswers("after an oversized chunked body");
  }

  /**
   * Headers that go on and on (64 KB and no blank line): a 4xx or a closed connection.
   *
   * @param named whether a 4xx must also name the problem in an {@code errors} body
   */
  public void endlessHeaderBlockIsRefused(boolean named) throws IOException {
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; head.length() < 64 * 1024; i++) {
      head.append("X-Filler-").append(i).append(": ").append("f".repeat(100)).append("\r\n");
    }
    refusedOrClosed("endless header block", head.toString().getBytes(StandardCharsets.US_ASCII), named);
  }

  /** Three requests in one write, the middle one invalid: three answers, in order. */
  public void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    byte[] invalid = "{\"id\":".getBytes(StandardCharsets.UTF_8);
    try (RawHttp c = new RawHttp(server)) {
      c.send(RawHttp.concat(RawHttp.postHead(path, "application/json", valid.length), valid,
          RawHttp.postHead(path, "application/json", invalid.length), invalid,
          RawHttp.postHead(path, "application/json", valid.length), valid));
      for (int i = 0; i < 3; i++) {
        RawHttp.Answer a = c.read(ANSWER_WITHIN);
        boolean right = a != null && (i == 1 ? a.status() == 400 : answers.contains(a.status()));
        check(right, "pipelined request " + (i + 1) + " of 3 got " + describe(a));
      }
    }
  }

  /**
   * A client that stops mid-body and keeps the connection open: the server closes it (or answers
   * 408) within {@code within}, rather than holding it for ever.
   */
  public void stalledBodyIsClosedWithin(Duration within) throws IOException {
    closedWithin(within, "a stalled body",
        RawHttp.concat(RawHttp.postHead(path, "application/json", valid.length + 100L), valid));
  }

  /** Likewise for a client that stops in the middle of its headers. */
  public void stalledHeaderBlockIsClosedWithin(Duration within) throws IOException {
    closedWithin(within, "a stalled header block",
        ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ").getBytes(StandardCharsets.US_ASCII));
  }

  private void closedWithin(Duration within, String what, byte[] bytes) throws IOException {
    try (RawHttp c = new RawHttp(server)) {
      c.send(bytes);
      check(c.closedWithin(within), what + " was still open after " + within);
    }
  }

  /** What a service exposes at {@code /actuator/prometheus}. */
  public interface Metrics {
    String scrape() throws Exception;
  }

  /** One of the checks above. */
  public interface Check {
    void run() throws Exception;
  }

  /**
   * The check's abuse is counted in {@code bidsift_client_errors_total} and not in the service's
   * own-failure counter ({@code internal}, its series narrowed to those with {@code internalLabels}).
   */
  public static void countedAsAClientError(Check abuse, String reason, Metrics metrics, String internal,
                                          String internalLabels) throws Exception {
    String client = "bidsift_requests_rejected_total";
    String clientLabels = reason.isEmpty() ? "" : "reason=\"" + reason + "\"";
    double internalBefore = PrometheusText.sum(metrics.scrape(), internal, internalLabels);
    double clientBefore = PrometheusText.sum(metrics.scrape(), client, clientLabels);
    abuse.run();
    // The server notices a broken body on its own thread: wait for it to count.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (PrometheusText.sum(metrics.scrape(), client, clientLabels) == clientBefore && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String after = metrics.scrape();
    check(PrometheusText.sum(after, client, clientLabels) > clientBefore, client + "{" + clientLabels
        + "} did not count it");
    check(PrometheusText.sum(after, internal, internalLabels) == internalBefore, internal + " counted it");
  }

  /** A new connection gets a valid body answered as usual. */
  public void serverStillAnswers(String when) throws IOException {
    try (RawHttp c = new RawHttp(server)) {
      c.send(RawHttp.postHead(path, "application/json", valid.length));
      c.send(valid);
      RawHttp.Answer a = c.read(ANSWER_WITHIN);
      check(a != null && answers.contains(a.status()), when + ", a valid request got " + describe(a));
    }
  }

  private void refusedOrClosed(String what, byte[] bytes, boolean named) throws IOException {
    try (RawHttp c = new RawHttp(server)) {
      RawHttp.Answer a = answerOrClose(c, bytes);
      check(a == null || a.status() / 100 == 4, what + " got " + describe(a) + " (a 4xx or a close is right)");
      String unnamed = named && a != null ? ErrorBody.problem(a.body()) : null;
      check(unnamed == null, what + " got " + a.status() + ", but " + unnamed);
    }
    serverStillAnswers("after a " + what);
  }

  /** The answer to bytes, or null when the server closed (or reset) the connection without one. */
  private static RawHttp.Answer answerOrClose(RawHttp c, byte[] bytes) throws IOException {
    try {
      return c.sendWhileReading(bytes, ANSWER_WITHIN);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("neither an answer nor a close within " + ANSWER_WITHIN, e);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(RawHttp.Answer a) {
    return a == null ? "no answer (connection closed)" : a.status() + " " + a.text();
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new AssertionError(problem);
    }
  }
}
