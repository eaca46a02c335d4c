package io.bidsift.testsupport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends mutations {@code 0..count-1} to one endpoint, each on its own connection, a few at a time,
 * and judges every answer: its status must be one the endpoint may give (and the one status right
 * for the kind of mutation, when there is only one), every 4xx must carry
 * {@code {"errors": ["...", ...]}} naming the problem, and every request must be answered within
 * the timeout (a timeout, a reset or a silent close is a failure, never retried).
 *
 * @param name        names the report (and its file under {@code target/chaos/})
 * @param server      the service's loopback address
 * @param path        the endpoint
 * @param allowed     the statuses the endpoint may answer
 * @param concurrency requests in flight at once
 * @param timeout     longest wait for one answer
 */
public record FuzzRun(String name, InetSocketAddress server, String path, Set<Integer> allowed, int concurrency,
                      Duration timeout) {

  /** Mutations per endpoint: a short run in the build, {@code -Dchaos.mutations=20000} by hand. */
  public static int mutations(int inTheBuild) {
    return Integer.getInteger("chaos.mutations", inTheBuild);
  }

  /** The generator's seed: fixed in the build, {@code -Dchaos.seed=N} for other mutations by hand. */
  public static long seed(long inTheBuild) {
    return Long.getLong("chaos.seed", inTheBuild);
  }

  public FuzzReport run(RequestMutator mutator, int count) {
    ExecutorService senders = Executors.newFixedThreadPool(concurrency);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<FuzzReport.Outcome>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(senders.submit(() -> {
          FuzzReport.Outcome outcome = send(mutator.mutation(index));
          int n = done.incrementAndGet();
          if (n % Math.max(1, count / 10) == 0) {
            System.out.printf("[chaos] %s: %d/%d sent%n", name, n, count);
          }
          return outcome;
        }));
      }
      List<FuzzReport.Outcome> outcomes = new ArrayList<>(count);
      for (Future<FuzzReport.Outcome> f : futures) {
        outcomes.add(f.get());
      }
      FuzzReport report = new FuzzReport(name, outcomes);
      write(report);
      return report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a sender failed", e.getCause());
    } finally {
      senders.shutdownNow();
    }
  }

  private FuzzReport.Outcome send(Mutation m) {
    try (RawHttp connection = new RawHttp(server)) {
      connection.send(RawHttp.postHead(path, m.contentType(), m.body().length));
      RawHttp.Answer answer = connection.sendWhileReading(m.body(), timeout);
      if (answer == null) {
        return FuzzReport.Outcome.failed(m, FuzzReport.NO_ANSWER, "connection closed without an answer");
      }
      return new FuzzReport.Outcome(m.index(), m.label(), answer.status(), problem(m, answer), m);
    } catch (SocketTimeoutException e) {
      return FuzzReport.Outcome.failed(m, FuzzReport.NO_ANSWER, "no answer within " + timeout);
    } catch (IOException e) {
      return FuzzReport.Outcome.failed(m, FuzzReport.NO_ANSWER, "connection failed: " + e);
    }
  }

  private String problem(Mutation m, RawHttp.Answer answer) {
    if (!allowed.contains(answer.status())) {
      return "status " + answer.status() + " is not one of " + allowed + ": " + answer.text();
    }
    if (m.kind().onlyStatus != 0 && answer.status() != m.kind().onlyStatus) {
      return "status " + answer.status() + " where only " + m.kind().onlyStatus + " is right: " + answer.text();
    }
    return answer.status() / 100 == 4 ? ErrorBody.problem(answer.body()) : null;
  }

  private void write(FuzzReport report) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "chaos"));
      Files.writeString(dir.resolve(name + ".txt"), report.table());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
