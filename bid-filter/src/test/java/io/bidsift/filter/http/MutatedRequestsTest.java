package io.bidsift.filter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.filter.Fixtures;
import io.bidsift.openrtb.OpenRtbCodec;
import io.bidsift.testsupport.FixtureBundle;
import io.bidsift.testsupport.OpenRtbCorpus;
import io.bidsift.testsupport.fuzz.FuzzReport;
import io.bidsift.testsupport.fuzz.FuzzRun;
import io.bidsift.testsupport.fuzz.PrometheusText;
import io.bidsift.testsupport.fuzz.RequestMutator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated filter calls (the request inside, or the call around it) against the real service with
 * the fixture model: each is answered 200, 400 or 413, never a 5xx nor left unanswered, and none
 * makes the filter fail open for an error of its own. bench/chaos.sh runs it with
 * {@code -Dchaos.mutations=20000}.
 */
class MutatedRequestsTest {

  private static final long SEED = 20261207L;
  /** 503 will be right for a call the filter sheds under overload; it sheds none yet. */
  private static final Set<Integer> STATUSES = Set.of(200, 400, 413);
  /** Known to the fixture model, and one it does not know. */
  private static final List<String> DSPS = List.of("dsp-atlas", "dsp-flux", "dsp-nobody");

  @Test
  void noMutatedCallIsA5xxOrUnansweredOrMakesTheFilterFailOpen(@TempDir Path tmp) throws Exception {
    OpenRtbCodec codec = new OpenRtbCodec();
    List<byte[]> valid = new ArrayList<>();
    OpenRtbCorpus.valid().forEach(f -> valid.add(OpenRtbCorpus.read(f)));
    Fixtures.requests(200, SEED).forEach(r -> valid.add(codec.writeRequest(r)));
    FuzzReport report;
    double failedOpenBefore;
    double failedOpenAfter;
    try (RunningFilter filter = new RunningFilter("local:" + FixtureBundle.copyTo(tmp.resolve("bundle")), Map.of())) {
      FilterApiContractTest.awaitModel(filter);
      failedOpenBefore = failedOpenOnError(filter);
      URI base = URI.create(filter.base());
      report = new FuzzRun("filter-mutations", new InetSocketAddress("127.0.0.1", base.getPort()), "/v1/filter",
          STATUSES, 8, Duration.ofSeconds(10))
          .run(RequestMutator.forFilterCalls(valid, DSPS, FuzzRun.seed(SEED)), FuzzRun.mutations(2500));
      failedOpenAfter = failedOpenOnError(filter);
    }
    System.out.print(report.table());

    assertThat(report.failures()).as(report.describeFailures(20)).isEmpty();
    assertThat(failedOpenAfter).as("bidsift_filter_fail_open_total{reason=\"error\"}").isEqualTo(failedOpenBefore);
  }

  private static double failedOpenOnError(RunningFilter filter) {
    return PrometheusText.sum(filter.get("/actuator/prometheus").body(), "bidsift_filter_fail_open_total",
        "reason=\"error\"");
  }
}
