package io.bidsift.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real moto_server (the AWS API emulator of the Python {@code moto} package) on a free
 * loopback port, for the AWS adapters' tests. Start one per test class and close it after:
 *
 * <pre>{@code
 * static MotoServer moto;
 * @BeforeAll static void start() { moto = MotoServer.start(); }
 * @AfterAll static void stop() { moto.close(); }
 * }</pre>
 *
 * <p>When moto_server is not installed, {@link #start()} throws with a loud message: an AWS
 * adapter test that quietly skips would let a broken adapter through CI.
 */
public final class MotoServer implements AutoCloseable {

  /** The region moto is used with in tests; any region works, this one keeps them consistent. */
  public static final String REGION = "us-east-1";
  /** moto accepts any credentials; these are the values its documentation uses. */
  public static final String ACCESS_KEY = "testing";
  public static final String SECRET_KEY = "testing";

  private static final String EXECUTABLE = "moto_server";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final Thread stopOnExit;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    // A test JVM that ends without reaching close() (a crash in @BeforeAll, Ctrl-C) must not
    // leave a Python server behind on a shared machine.
    this.stopOnExit = new Thread(this::stopProcess, "moto-server-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts moto_server found on PATH (or in a pyenv install); fails loudly when it is absent. */
  public static MotoServer start() {
    Path executable = locate(System.getenv()).orElseThrow(() -> new IllegalStateException(
        "\n\n*** moto_server NOT FOUND: the AWS adapter tests need a real moto_server and refuse to pass without it."
            + "\n*** Looked on PATH, in $MOTO_SERVER and in /root/.pyenv/versions/*/bin."
            + "\n*** Install it with: pip install 'moto[server]'\n"));
    IllegalStateException failure = null;
    // The free port is found by binding port 0 and releasing it; another process may take it
    // before moto binds, so a failed start is retried on a new port.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(executable);
      } catch (IllegalStateException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234}; use it as the SDK's endpointOverride. */
  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource of every service, so a test starts from an empty account. */
  public void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      int status = c.getResponseCode();
      c.disconnect();
      if (status != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto reset failed", e);
    }
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException jvmAlreadyStopping) {
      // the hook is running or has run: the process is being stopped either way
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a leftover log file in the temp directory is harmless
    }
  }

  static Optional<Path> locate(Map<String, String> env) {
    List<Path> candidates = new ArrayList<>();
    String explicit = env.get("MOTO_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(Path.of(explicit));
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, EXECUTABLE));
      }
    }
    Path pyenv = Path.of("/root/.pyenv/versions");
    if (Files.isDirectory(pyenv)) {
      try (DirectoryStream<Path> versions = Files.newDirectoryStream(pyenv)) {
        for (Path v : versions) {
          candidates.add(v.resolve("bin").resolve(EXECUTABLE));
        }
      } catch (IOException ignored) {
        // an unreadable pyenv tree just contributes no candidate
      }
    }
    return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
  }

  private static MotoServer startOnce(Path executable) {
    int port = freeLoopbackPort();
    Path log;
    Process process;
    try {
      log = Files.createTempFile("moto-server-", ".log");
      process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(process, endpoint, log);
    try {
      awaitAnswer(server, port);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static void awaitAnswer(MotoServer server, int port) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.process.isAlive()) {
        throw new IllegalStateException("moto_server exited with " + server.process.exitValue()
            + " on port " + port + ":\n" + tail(server.log));
      }
      if (answers(server.endpoint)) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("moto_server did not answer within " + STARTUP_TIMEOUT + ":\n"
        + tail(server.log));
  }

  private void stopProcess() {
    // pyenv shims exec into Python, but a wrapper script might not: stop its children too.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean answers(URI endpoint) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      int status = c.getResponseCode();
      c.disconnect();
      return status == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto_server", e);
    }
  }
}
