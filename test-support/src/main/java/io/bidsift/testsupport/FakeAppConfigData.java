package io.bidsift.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bidsift.testsupport.fuzz.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of AWS AppConfig's data plane (the {@code appconfigdata} API) on the JDK's
 * HttpServer, for tests that drive the real AWS SDK v2 client against it. No emulator exists for
 * AppConfigData: moto (5.x) does not implement it, nor LocalStack's community edition. The wire
 * protocol follows the service's API model (restJson1), as the SDK marshals it:
 *
 * <ul>
 *   <li>{@code POST /configurationsessions} with {@code ApplicationIdentifier},
 *       {@code EnvironmentIdentifier}, {@code ConfigurationProfileIdentifier} and
 *       {@code RequiredMinimumPollIntervalInSeconds}: 201 {@code {"InitialConfigurationToken": ...}};</li>
 *   <li>{@code GET /configuration?configuration_token=T}: 200 with headers
 *       {@code Next-Poll-Configuration-Token}, {@code Next-Poll-Interval-In-Seconds},
 *       {@code Content-Type}, {@code Version-Label} and the configuration as the body, or an empty
 *       body when this session already received the latest. Tokens are single use: a token used
 *       twice (or never issued) gets 400 {@code BadRequestException}, as AWS answers.</li>
 * </ul>
 *
 * <p>It also stands in for the control-plane operations moto lacks, so one endpoint serves the
 * whole AppConfig API in tests: environments ({@code CreateEnvironment}, {@code ListEnvironments},
 * {@code GetEnvironment}) and deployments ({@code StartDeployment}, {@code GetDeployment},
 * {@code ListDeployments}). Every other request (applications, configuration profiles, hosted
 * configuration versions) is forwarded to the moto server given to {@link #start(URI)}. A
 * deployment completes at once whatever its strategy, and publishes the hosted configuration
 * version (read back from moto) to the data plane, so a test can follow a promotion end to end.
 *
 * <p>Test hooks: {@link #publish} a configuration directly, {@link #failRequests} (HTTP 500
 * {@code InternalServerException}), {@link #goOffline()} / {@link #goOnline()} (connection refused).
 */
public final class FakeAppConfigData implements AutoCloseable {

  /** AWS's default NextPollIntervalInSeconds. */
  public static final int DEFAULT_POLL_INTERVAL_SECONDS = 60;

  private static final Pattern ENVIRONMENTS = Pattern.compile("/applications/([^/]+)/environments");
  private static final Pattern ENVIRONMENT = Pattern.compile("/applications/([^/]+)/environments/([^/]+)");
  private static final Pattern DEPLOYMENTS = Pattern.compile("/applications/([^/]+)/environments/([^/]+)/deployments");
  private static final Pattern DEPLOYMENT =
      Pattern.compile("/applications/([^/]+)/environments/([^/]+)/deployments/([0-9]+)");

  private final URI upstream;
  private final HttpClient forwarder = HttpClient.newHttpClient();
  private final SecureRandom random = new SecureRandom();
  private HttpServer server;

  private final Map<String, Session> tokens = new ConcurrentHashMap<>();
  private final List<Published> published = new ArrayList<>();
  private final Map<String, List<Environment>> environments = new LinkedHashMap<>();
  private final List<Deployment> deployments = new ArrayList<>();
  private final AtomicInteger serial = new AtomicInteger();
  private final AtomicInteger sessionsStarted = new AtomicInteger();
  private final AtomicInteger configurationCalls = new AtomicInteger();
  private final AtomicInteger rejectedTokens = new AtomicInteger();
  private volatile int pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;
  private volatile int failureStatus;

  private FakeAppConfigData(URI upstream) {
    this.upstream = upstream;
    
  }

  /** A fake with no control plane behind it: data plane and environments/deployments only. */
  public static FakeAppConfigData start() {
    return start(null);
  }

  /** @param moto the moto server that keeps applications, profiles and hosted versions, or null */
  public static FakeAppConfigData start(URI moto) {
    FakeAppConfigData fake = new FakeAppConfigData(moto);
    fake.bind(0);
    return fake;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}: the SDK client's endpointOverride. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The NextPollIntervalInSeconds to answer (at least the session's required minimum). */
  public void pollIntervalSeconds(int seconds) {
    this.pollIntervalSeconds = seconds;
  }

  /**
   * Publishes a configuration, as a completed deployment would. Identifiers are matched as given
   * (names or ids).
   */
  public synchronized void publish(String application, String environment, String profile, String contentType,
      byte[] content, String versionLabel) {
    publish(Set.of(application), Set.of(environment), Set.of(profile), contentType, content, versionLabel);
  }

  /** Answers every later request with this HTTP status (500: InternalServerException) until {@link #recover()}. */
  public void failRequests(int status) {
    this.failureStatus = status;
  }

  public void recover() {
    this.failureStatus = 0;
  }

  /** Stops listening: clients get connection refused until {@link #goOnline()}. Sessions are kept. */
  public synchronized void goOffline() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  public synchronized void goOnline() {
    bind(server.getAddress().getPort());
  }

  /** StartConfigurationSession calls answered. */
  public int sessionsStarted() {
    return sessionsStarted.get();
  }

  /** GetLatestConfiguration calls received (answered or refused). */
  public int configurationCalls() {
    return configurationCalls.get();
  }

  /** GetLatestConfiguration calls refused because their token was reused or unknown. */
  public int rejectedTokens() {
    return rejectedTokens.get();
  }

  /** The deployments started, oldest first. */
  public synchronized List<Deployment> deployments() {
    return List.copyOf(deployments);
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }

  /**
   * A deployment the fake completed.
   *
   * @param applicationId          the application id from the path
   * @param environmentId          the environment id from the path
   * @param configurationProfileId the profile id
   * @param configurationVersion   the hosted configuration version number
   * @param strategy               the deployment strategy id
   * @param number                 the deployment number within the environment
   */
  public record Deployment(String applicationId, String environmentId, String configurationProfileId,
      String configurationVersion, String strategy, int number) {
  }

  private record Published(Set<String> applications, Set<String> environments, Set<String> profiles,
      String contentType, byte[] content, String versionLabel, int serial) {

    boolean matches(Session s) {
      return applications.contains(s.application) && environments.contains(s.environment)
          && profiles.contains(s.profile);
    }
  }

  private record Environment(String applicationId, String id, String name) {
  }

  private static final class Session {
    final String application;
    final String environment;
    final String profile;
    final int requiredMinimumInterval;
    int seenSerial;

    Session(String application, String environment, String profile, int requiredMinimumInterval) {
      this.application = application;
      this.environment = environment;
      this.profile = profile;
      this.requiredMinimumInterval = requiredMinimumInterval;
    }
  }

  private synchronized void publish(Set<String> applications, Set<String> environments, Set<String> profiles,
      String contentType, byte[] content, String versionLabel) {
    published.add(new Published(applications, environments, profiles, contentType, content.clone(), versionLabel,
        serial.incrementAndGet()));
  }

  private void bind(int onPort) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
      s.createContext("/", this::handle);
      s.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-appconfigdata");
        t.setDaemon(true);
        return t;
      }));
      s.start();
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen on loopback port " + onPort, e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      boolean dataPlane = path.equals("/configurationsessions") || path.equals("/configuration");
      if (dataPlane && failureStatus != 0) {
        error(exchange, failureStatus, failureStatus >= 500 ? "InternalServerException" : "BadRequestException",
            "simulated outage");
        return;
      }
      Matcher m;
      if (method.equals("POST") && path.equals("/configurationsessions")) {
        startSession(exchange, body);
      } else if (method.equals("GET") && path.equals("/configuration")) {
        latestConfiguration(exchange);
      } else if ((m = DEPLOYMENT.matcher(path)).matches() && method.equals("GET")) {
        getDeployment(exchange, m.group(1), m.group(2), Integer.parseInt(m.group(3)));
      } else if ((m = DEPLOYMENTS.matcher(path)).matches()) {
        if (method.equals("POST")) {
          startDeployment(exchange, m.group(1), m.group(2), body);
        } else {
          listDeployments(exchange, m.group(1), m.group(2));
        }
      } else if ((m = ENVIRONMENT.matcher(path)).matches() && method.equals("GET")) {
        getEnvironment(exchange, m.group(1), m.group(2));
      } else if ((m = ENVIRONMENTS.matcher(path)).matches()) {
        if (method.equals("POST")) {
          createEnvironment(exchange, m.group(1), body);
        } else {
          listEnvironments(exchange, m.group(1));
        }
      } else if (upstream != null) {
        forward(exchange, body);
      } else {
        error(exchange, 404, "ResourceNotFoundException", "the fake has no " + method + " " + path);
      }
    } catch (RuntimeException e) {
      error(exchange, 500, "InternalServerException", "fake failed: " + e);
    }
  }

  // ---- data plane

  private void startSession(HttpExchange exchange, byte[] body) throws IOException {
    String json = new String(body, StandardCharsets.UTF_8);
    Optional<String> app = Json.string(json, "ApplicationIdentifier");
    Optional<String> env = Json.string(json, "EnvironmentIdentifier");
    Optional<String> profile = Json.string(json, "ConfigurationProfileIdentifier");
    if (app.isEmpty() || env.isEmpty() || profile.isEmpty()) {
      error(exchange, 400, "BadRequestException", "ApplicationIdentifier, EnvironmentIdentifier and"
          + " ConfigurationProfileIdentifier are required");
      return;
    }
    int minimum = Json.number(json, "RequiredMinimumPollIntervalInSeconds").orElse(0);
    String token = newToken();
    tokens.put(token, new Session(app.get(), env.get(), profile.get(), minimum));
    sessionsStarted.incrementAndGet();
    json(exchange, 201, "{\"InitialConfigurationToken\":\"" + token + "\"}");
  }

  private void latestConfiguration(HttpExchange exchange) throws IOException {
    configurationCalls.incrementAndGet();
    String token = query(exchange.getRequestURI().getRawQuery(), "configuration_token");
    Session session = token == null ? null : tokens.remove(token);
    if (session == null) {
      rejectedTokens.incrementAndGet();
      error(exchange, 400, "BadRequestException", "Token is invalid or has already been used");
      return;
    }
    String next = newToken();
    tokens.put(next, session);
    exchange.getResponseHeaders().add("Next-Poll-Configuration-Token", next);
    exchange.getResponseHeaders().add("Next-Poll-Interval-In-Seconds",
        Integer.toString(Math.max(pollIntervalSeconds, session.requiredMinimumInterval)));
    Published latest;
    synchronized (this) {
      latest = published.stream().filter(p -> p.matches(session)).reduce((a, b) -> b).orElse(null);
    }
    if (latest == null || latest.serial == session.seenSerial) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    session.seenSerial = latest.serial;
    exchange.getResponseHeaders().add("Content-Type", latest.contentType);
    if (latest.versionLabel != null) {
      exchange.getResponseHeaders().add("Version-Label", latest.versionLabel);
    }
    send(exchange, 200, latest.content);
  }

  // ---- control plane: environments and deployments (moto has neither)

  private synchronized void createEnvironment(HttpExchange exchange, String applicationId, byte[] body)
      throws IOException {
    Optional<String> name = Json.string(new String(body, StandardCharsets.UTF_8), "Name");
    if (name.isEmpty()) {
      error(exchange, 400, "BadRequestException", "Name is required");
      return;
    }
    Environment env = new Environment(applicationId, newId(), name.get());
    environments.computeIfAbsent(applicationId, k -> new ArrayList<>()).add(env);
    json(exchange, 201, environmentJson(env));
  }

  private synchronized void listEnvironments(HttpExchange exchange, String applicationId) throws IOException {
    List<String> items = environments.getOrDefault(applicationId, List.of()).stream()
        .map(FakeAppConfigData::environmentJson).toList();
    json(exchange, 200, "{\"Items\":[" + String.join(",", items) + "]}");
  }

  private synchronized void getEnvironment(HttpExchange exchange, String applicationId, String environmentId)
      throws IOException {
    Optional<Environment> env = environment(applicationId, environmentId);
    if (env.isEmpty()) {
      error(exchange, 404, "ResourceNotFoundException", "Environment " + environmentId + " not found");
      return;
    }
    json(exchange, 200, environmentJson(env.get()));
  }

  private void startDeployment(HttpExchange exchange, String applicationId, String environmentId, byte[] body)
      throws IOException {
    String json = new String(body, StandardCharsets.UTF_8);
    Optional<String> strategy = Json.string(json, "DeploymentStrategyId");
    Optional<String> profileId = Json.string(json, "ConfigurationProfileId");
    Optional<String> version = Json.string(json, "ConfigurationVersion");
    Optional<Environment> env;
    synchronized (this) {
      env = environment(applicationId, environmentId);
    }
    if (env.isEmpty()) {
      error(exchange, 404, "ResourceNotFoundException", "Environment " + environmentId + " not found");
      return;
    }
    if (strategy.isEmpty() || profileId.isEmpty() || version.isEmpty()) {
      error(exchange, 400, "BadRequestException",
          "DeploymentStrategyId, ConfigurationProfileId and ConfigurationVersion are required");
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String hosted = "/applications/" + applicationId + "/configurationprofiles/" + profileId.get()
        + "/hostedconfigurationversions/" + version.get();
    HttpResponse<byte[]> content = upstreamGet(hosted, auth);
    if (content.statusCode() != 200) {
      error(exchange, 404, "ResourceNotFoundException", "hosted configuration version " + version.get()
          + " of profile " + profileId.get() + " not found (moto answered " + content.statusCode() + ")");
      return;
    }
    String appName = Json.string(new String(upstreamGet("/applications/" + applicationId, auth).body(),
        StandardCharsets.UTF_8), "Name").orElse(applicationId);
    String profileName = Json.string(new String(upstreamGet("/applications/" + applicationId
        + "/configurationprofiles/" + profileId.get(), auth).body(), StandardCharsets.UTF_8), "Name")
        .orElse(profileId.get());
    String versionLabel = content.headers().firstValue("VersionLabel").orElse(null);
    Deployment deployment;
    synchronized (this) {
      int number = (int) deployments.stream()
          .filter(d -> d.applicationId.equals(applicationId) && d.environmentId.equals(environmentId)).count() + 1;
      deployment = new Deployment(applicationId, environmentId, profileId.get(), version.get(), strategy.get(), number);
      deployments.add(deployment);
      publish(Set.of(applicationId, appName), Set.of(environmentId, env.get().name),
          Set.of(profileId.get(), profileName),
          content.headers().firstValue("Content-Type").orElse("application/octet-stream"), content.body(),
          versionLabel);
    }
    json(exchange, 201, deploymentJson(deployment, profileName, versionLabel));
  }

  private synchronized void getDeployment(HttpExchange exchange, String applicationId, String environmentId,
      int number) throws IOException {
    Optional<Deployment> d = deployments.stream().filter(x -> x.applicationId.equals(applicationId)
        && x.environmentId.equals(environmentId) && x.number == number).findFirst();
    if (d.isEmpty()) {
      error(exchange, 404, "ResourceNotFoundException", "Deployment " + number + " not found");
      return;
    }
    json(exchange, 200, deploymentJson(d.get(), d.get().configurationProfileId, null));
  }

  private synchronized void listDeployments(HttpExchange exchange, String applicationId, String environmentId)
      throws IOException {
    List<String> items = deployments.stream()
        .filter(d -> d.applicationId.equals(applicationId) && d.environmentId.equals(environmentId))
        .map(d -> deploymentJson(d, d.configurationProfileId, null)).toList();
    json(exchange, 200, "{\"Items\":[" + String.join(",", items) + "]}");
  }

  private Optional<Environment> environment(String applicationId, String environmentId) {
    return environments.getOrDefault(applicationId, List.of()).stream()
        .filter(e -> e.id.equals(environmentId)).findFirst();
  }

  private static String environmentJson(Environment e) {
    return "{\"ApplicationId\":" + JsonText.quote(e.applicationId) + ",\"Id\":" + JsonText.quote(e.id) + ",\"Name\":"
        + JsonText.quote(e.name) + ",\"State\":\"ReadyForDeployment\"}";
  }

  private static String deploymentJson(Deployment d, String configurationName, String versionLabel) {
    return "{\"ApplicationId\":" + JsonText.quote(d.applicationId)
        + ",\"EnvironmentId\":" + JsonText.quote(d.environmentId)
        + ",\"DeploymentStrategyId\":" + JsonText.quote(d.strategy) + ",\"ConfigurationProfileId\":"
        + JsonText.quote(d.configurationProfileId) + ",\"DeploymentNumber\":" + d.number + ",\"ConfigurationName\":"
        + JsonText.quote(configurationName) + ",\"ConfigurationLocationUri\":\"hosted\",\"ConfigurationVersion\":"
        + JsonText.quote(d.configurationVersion) + ",\"DeploymentDurationInMinutes\":0,\"GrowthType\":\"LINEAR\","
        + "\"GrowthFactor\":100.0,\"FinalBakeTimeInMinutes\":0,\"State\":\"COMPLETE\",\"PercentageComplete\":100.0"
        + (versionLabel == null ? "" : ",\"VersionLabel\":" + JsonText.quote(versionLabel)) + "}";
  }

  // ---- forwarding to moto

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target)
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding")
          .contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to " + upstream, e);
    }
    response.headers().map().forEach((name, values) -> {
      if (!Set.of("content-length", "transfer-encoding", "connection", "date", "server", ":status")
          .contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
    });
    send(exchange, response.statusCode(), response.body());
  }

  private HttpResponse<byte[]> upstreamGet(String path, String authorization) throws IOException {
    if (upstream == null) {
      throw new IOException("no control plane (moto) behind this fake: cannot read " + path);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(path)).GET();
    if (authorization != null) {
      // moto picks the service from the credential scope of the signature
      request.header("Authorization", authorization);
    }
    try {
      return forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + path, e);
    }
  }

  // ---- wire helpers

  private String newToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return "AYADe" + HexFormat.of().formatHex(bytes);
  }

  private String newId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private static String query(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
    json(exchange, status, "{\"Message\":" + JsonText.quote(message) + "}");
  }

  private static void json(HttpExchange exchange, int status, String json) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  /** Just enough JSON for the flat request and response objects of these operations. */
  private static final class Json {

    static Optional<String> string(String json, String member) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(member) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
      return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
    }

    static Optional<Integer> number(String json, String member) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(member) + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
  }
}
