package io.bidsift.training.preprocess;

import java.util.Locale;

/** What a day of labelled callouts is used for. */
public enum Split {
  /** Only counted into the target encodings of later days; not in the training set. */
  HISTORY,
  TRAIN,
  VALID,
  TEST;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name in the {@code split} column and the stats: history, train, valid, test. */
  public String wireName() {
    return wireName;
  }
}
