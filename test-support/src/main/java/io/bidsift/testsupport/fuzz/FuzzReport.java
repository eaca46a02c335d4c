package io.bidsift.testsupport.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a {@link FuzzRun} saw: every mutation's status, counted by mutation kind, and the failures. */
public record FuzzReport(String name, List<Outcome> outcomes) {

  /** The status of a request that got no answer (closed, reset or timed out). */
  public static final int NO_ANSWER = 0;

  /**
   * @param problem null when the answer was right
   * @param detail  the mutation's detail, kept for failures only
   * @param preview the body's first bytes, kept for failures only
   */
  public record Outcome(int index, String label, int status, String problem, String detail, String preview) {

    Outcome(int index, String label, int status, String problem, Mutation m) {
      this(index, label, status, problem, problem == null ? null : m.detail(), problem == null ? null : m.preview(300));
    }

    static Outcome failed(Mutation m, int status, String problem) {
      return new Outcome(m.index(), m.label(), status, problem, m);
    }
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.problem() != null).toList();
  }

  /** The indexes of the mutations answered with one of {@code statuses}. */
  public List<Integer> answered(int... statuses) {
    return outcomes.stream().filter(o -> Arrays.stream(statuses).anyMatch(s -> s == o.status()))
        .map(Outcome::index).toList();
  }

  /** Failures, at most {@code max}, each with how to make its body again. */
  public String describeFailures(int max) {
    return failures().stream().limit(max).map(o -> "#" + o.index() + " " + o.label() + " (" + o.detail() + "): "
        + o.problem() + "\n    body: " + o.preview()).collect(Collectors.joining("\n"));
  }

  /** Requests per mutation kind and status, with totals. */
  public String table() {
    Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
    TreeSet<Integer> statuses = new TreeSet<>();
    for (Outcome o : outcomes) {
      counts.computeIfAbsent(o.label(), k -> new TreeMap<>()).merge(o.status(), 1, Integer::sum);
      statuses.add(o.status());
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-26s", name));
    statuses.forEach(s -> out.append(String.format("%8s", s == NO_ANSWER ? "none" : s)));
    out.append(String.format("%8s%10s%n", "total", "failures"));
    Map<String, Long> failuresByLabel = failures().stream().collect(Collectors.groupingBy(Outcome::label,
        Collectors.counting()));
    counts.forEach((label, byStatus) -> {
      out.append(String.format("%-26s", label));
      statuses.forEach(s -> out.append(String.format("%8d", byStatus.getOrDefault(s, 0))));
      out.append(String.format("%8d%10d%n", byStatus.values().stream().mapToInt(Integer::intValue).sum(),
          failuresByLabel.getOrDefault(label, 0L)));
    });
    out.append(String.format("%-26s", "all"));
    statuses.forEach(s -> out.append(String.format("%8d", outcomes.stream().filter(o -> o.status() == s).count())));
    out.append(String.format("%8d%10d%n", outcomes.size(), failures().size()));
    return out.toString();
  }
}
