package io.bidsift.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DspFleetCommandTest {

  @Test
  void helpDescribesTheEndpointsAndFaultModes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = DspFleetCommand.run(new String[] {"--help"}, new PrintStream(out, true), System.err, new CountDownLatch(0));

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("/dsp/{id}/openrtb2/auction")
        .contains("none|slow|http500|malformed|oversized|reset").contains("--port").contains("--fault");
  }

  @Test
  void unknownFaultModeIsACommandLineError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DspFleetCommand.run(new String[] {"--port", "0", "--fault", "dsp-atlas=explode"}, System.out,
        new PrintStream(err, true), new CountDownLatch(0));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown fault mode 'explode'");
  }

  @Test
  void servesWithStartupFaultsUntilStoppedThenExitsZero() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> DspFleetCommand.run(
        new String[] {"--port", "0", "--fault", "dsp-atlas=http500"}, new PrintStream(out, true), System.err, stop));
    String base = awaitListening(out, exit);
    HttpClient client = HttpClient.newHttpClient();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains(base + "/dsp/dsp-atlas/openrtb2/auction   fault=http500");
    assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/dsp/dsp-atlas/openrtb2/auction"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"r1\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}"))
            .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(500);

    stop.countDown();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  private static String awaitListening(ByteArrayOutputStream out, CompletableFuture<Integer> exit) throws Exception {
    Pattern listening = Pattern.compile("listening on (http://\\S+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !exit.isDone()) {
      Matcher m = listening.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the fleet did not start: " + out.toString(StandardCharsets.UTF_8));
  }
}
