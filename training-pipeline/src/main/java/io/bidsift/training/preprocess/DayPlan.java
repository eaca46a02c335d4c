package io.bidsift.training.preprocess;

import io.bidsift.features.EncodingTables;
import io.bidsift.training.evaluate.BaselineTable;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * What the encoding pass needs per day, broadcast to the executors: the day's split and its
 * out-of-time encoding and baseline tables (counted from the earlier days only). History days
 * have no tables: their rows are not written.
 */
record DayPlan(HashMap<String, Split> splits, HashMap<String, EncodingTables> tables,
               HashMap<String, BaselineTable> baselines) implements Serializable {

  static DayPlan of(Map<String, Split> splits, Map<String, EncodingTables> tables,
                    Map<String, BaselineTable> baselines) {
    return new DayPlan(new HashMap<>(splits), new HashMap<>(tables), new HashMap<>(baselines));
  }
}
