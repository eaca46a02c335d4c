package io.bidsift.training.preprocess;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time-based split, by UTC day of the auction: the last {@code testDays} are the test split,
 * the {@code validDays} before them the validation split, everything earlier trains.
 *
 * <p>The first {@code historyDays} are not trained on: they only feed the target encodings of
 * the following days. Their own rows would have no history at all (missing encodings), unlike
 * anything the model meets in serving, where the tables hold the whole window. When that would
 * leave no training day (e.g. 3 days with one validation and one test day), the first day trains
 * after all, with missing encodings: a degraded but usable set beats no model.
 */
public final class DaySplit {

  private final Map<String, Split> byDay;

  private DaySplit(Map<String, Split> byDay) {
    this.byDay = byDay;
  }

  /**
   * @param days the distinct days with labelled callouts, sorted ascending
   * @throws PreprocessException when there are too few days for train, validation and test
   */
  public static DaySplit of(List<String> days, int validDays, int testDays, int historyDays) {
    int n = days.size();
    int minimum = validDays + testDays + 1;
    if (n < minimum) {
      throw new PreprocessException("need at least " + minimum + " days of labelled auctions for a time-based split"
          + " (train, validation " + validDays + ", test " + testDays + "), found " + n
          + (n == 0 ? "" : ": " + String.join(", ", days)));
    }
    int history = Math.min(historyDays, n - minimum);
    int firstValid = n - validDays - testDays;
    int firstTest = n - testDays;
    Map<String, Split> byDay = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Split split = i < history ? Split.HISTORY : i < firstValid ? Split.TRAIN : i < firstTest ? Split.VALID : Split.TEST;
      byDay.put(days.get(i), split);
    }
    return new DaySplit(Collections.unmodifiableMap(byDay));
  }

  /** Every day, ascending, with its split. */
  public Map<String, Split> byDay() {
    return byDay;
  }

  public Split of(String day) {
    return byDay.get(day);
  }
}
