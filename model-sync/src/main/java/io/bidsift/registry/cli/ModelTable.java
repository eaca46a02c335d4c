package io.bidsift.registry.cli;

import io.bidsift.registry.RegisteredModel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Plain-text rendering of registered models for the terminal. */
final class ModelTable {

  private static final String[] HEADER = {"VERSION", "STATUS", "REGISTERED", "STATUS CHANGED", "METRICS", "NOTE"};

  private ModelTable() {
  }

  /** One row per model; the latest approved one is marked with {@code *} after its status. */
  static String render(List<RegisteredModel> models, String latestApproved) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (RegisteredModel m : models) {
      rows.add(new String[] {
          m.version(),
          m.status() + (m.version().equals(latestApproved) ? " *" : ""),
          seconds(m.registeredAt()),
          seconds(m.statusChangedAt()),
          metrics(m),
          m.note() == null ? "" : m.note()});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    if (latestApproved != null) {
      text.append("* latest approved\n");
    }
    return text.toString();
  }

  static String metrics(RegisteredModel m) {
    return m.metrics().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
