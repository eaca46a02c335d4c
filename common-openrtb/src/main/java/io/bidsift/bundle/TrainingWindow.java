package io.bidsift.bundle;

import java.time.LocalDate;
import java.util.Objects;

/** The days (UTC, inclusive) whose logs the model was trained on. */
public record TrainingWindow(LocalDate from, LocalDate to) {

  public TrainingWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("training window ends before it starts: " + from + " to " + to);
    }
  }
}
