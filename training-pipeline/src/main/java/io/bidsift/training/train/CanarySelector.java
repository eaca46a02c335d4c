package io.bidsift.training.train;

import io.bidsift.bundle.CanaryRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Picks the canary set: about {@code size} rows spread evenly over the DSPs, half of each DSP's
 * share with at least one missing feature (the path a scorer most often gets wrong), scored by
 * the model. Deterministic for a given seed and data.
 */
public final class CanarySelector {

  public static final int DEFAULT_SIZE = 200;

  private final int size;
  private final long seed;

  public CanarySelector(int size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("canary size must be at least 1");
    }
    this.size = size;
    this.seed = seed;
  }

  public List<CanaryRow> select(FeatureRows rows, TrainedModel model) {
    int dsps = rows.dsps().size();
    int quota = Math.max(1, (size + dsps - 1) / Math.max(1, dsps));
    int[] withMissing = new int[dsps];
    int[] complete = new int[dsps];
    List<Integer> picked = new ArrayList<>();
    List<Integer> spare = new ArrayList<>();
    for (int r : shuffled(rows.rows())) {
      int d = rows.dsp(r);
      boolean missing = hasMissing(rows, r);
      if (missing && withMissing[d] < quota / 2) {
        withMissing[d]++;
        picked.add(r);
      } else if (!missing && complete[d] < quota - quota / 2) {
        complete[d]++;
        picked.add(r);
      } else if (spare.size() < size) {
        spare.add(r);
      }
    }
    // A DSP short of one kind of row gives its place to rows of any kind.
    for (int i = 0; picked.size() < Math.min(size, rows.rows()) && i < spare.size(); i++) {
      picked.add(spare.get(i));
    }
    List<Integer> chosen = picked.subList(0, Math.min(size, picked.size()));
    float[] features = new float[chosen.size() * rows.width()];
    for (int i = 0; i < chosen.size(); i++) {
      System.arraycopy(rows.row(chosen.get(i)), 0, features, i * rows.width(), rows.width());
    }
    float[] scores = model.predict(features, chosen.size(), rows.width());
    List<CanaryRow> out = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      int r = chosen.get(i);
      out.add(new CanaryRow(rows.dsps().get(rows.dsp(r)), rows.row(r), scores[i]));
    }
    return out;
  }

  private int[] shuffled(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static boolean hasMissing(FeatureRows rows, int r) {
    for (int c = 0; c < rows.width(); c++) {
      if (Float.isNaN(rows.feature(r, c))) {
        return true;
      }
    }
    return false;
  }
}
