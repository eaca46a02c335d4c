package io.bidsift.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test controls every byte: bodies that disagree with their
 * Content-Length, broken chunked encoding, header blocks that never end, a hang-up mid-body. Reads
 * answers one at a time (pipelining works) within a deadline per answer.
 */
public final class RawHttp implements AutoCloseable {

  /** One answer; header names in lower case. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[8192];
  private int bufferPos;
  private int bufferEnd;

  public RawHttp(InetSocketAddress server) throws IOException {
    socket = new Socket();
    socket.connect(server, 5_000);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** The start line and headers of a POST with a body of {@code contentLength} bytes (the body is not included). */
  public static byte[] postHead(String path, String contentType, long contentLength) {
    return head(path, contentType, "Content-Length: " + contentLength);
  }

  /** The start line and headers of a chunked POST. */
  public static byte[] chunkedHead(String path) {
    return head(path, "application/json", "Transfer-Encoding: chunked");
  }

  private static byte[] head(String path, String contentType, String framing) {
    return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (contentType == null ? "" : "Content-Type: "
        + contentType + "\r\n") + framing + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }

  /**
   * Writes bytes. A server may answer and close before it has read everything (a 413 on the
   * declared length): a write the server refused is not an error here, the answer decides.
   *
   * @return false if the server no longer took bytes
   */
  public boolean send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Writes bytes from another thread while this one waits for the answer: a server that answers
   * early (413 on the declared length) and stops reading must not block the test on a full socket.
   * The writer ends at the latest when the connection is closed.
   */
  public Answer sendWhileReading(byte[] bytes, Duration within) throws IOException {
    Thread writer = new Thread(() -> send(bytes), "raw-http-writer");
    writer.setDaemon(true);
    writer.start();
    return read(within);
  }

  /** Closes the connection without a word: a client hanging up. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone: nothing to release.
    }
  }

  /**
   * Reads the next answer.
   *
   * @return null if the server closed the connection before any byte of an answer
   * @throws SocketTimeoutException if no complete answer came within {@code within}
   * @throws IOException            if the connection broke mid-answer or was reset
   */
  public Answer read(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    String statusLine = line(deadline, true);
    if (statusLine == null) {
      return null;
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(deadline, false); !h.isEmpty(); h = line(deadline, false)) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    byte[] body;
    if (status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else if (headers.containsKey("content-length")) {
      body = bytes(Integer.parseInt(headers.get("content-length")), deadline);
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(deadline);
    } else {
      body = rest(deadline);
    }
    return new Answer(status, headers, body);
  }

  /** Whether the server closes this connection within {@code within} (reading and dropping what it sends). */
  public boolean closedWithin(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      rest(deadline);
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private byte[] chunked(long deadline) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(deadline, false);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        while (!line(deadline, false).isEmpty()) {
          // trailers: none expected, skipped
        }
        return body.toByteArray();
      }
      body.writeBytes(bytes(n, deadline));
      line(deadline, false);
    }
  }

  private String line(long deadline, boolean endAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = readByte(deadline);
      if (b < 0) {
        if (endAllowed && line.size() == 0) {
          return null;
        }
        throw new IOException("connection closed mid-answer");
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
  }

  private byte[] bytes(int n, long deadline) throws IOException {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int b = readByte(deadline);
      if (b < 0) {
        throw new IOException("connection closed after " + i + " of " + n + " body bytes");
      }
      out[i] = (byte) b;
    }
    return out;
  }

  private byte[] rest(long deadline) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = readByte(deadline); b >= 0; b = readByte(deadline)) {
      out.write(b);
    }
    return out.toByteArray();
  }

  private int readByte(long deadline) throws IOException {
    if (bufferPos == bufferEnd) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("no complete answer in time");
      }
      socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      int n = in.read(buffer);
      if (n < 0) {
        return -1;
      }
      bufferPos = 0;
      bufferEnd = n;
    }
    return buffer[bufferPos++] & 0xff;
  }
}
