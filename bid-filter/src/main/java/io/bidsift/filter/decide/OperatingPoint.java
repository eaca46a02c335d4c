package io.bidsift.filter.decide;

import io.bidsift.filter.model.ServingModel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the filter runs, changeable at runtime: the recall target, the threshold table it implies
 * for the model serving now, and shadow mode (score and report, but call every DSP). The table is rebuilt only when the model or the target
 * changes, never per request.
 */
public final class OperatingPoint {

  private record Cached(ServingModel model, RecallTarget target, ThresholdTable table) {
  }

  private final AtomicReference<RecallTarget> override;
  private final AtomicReference<Cached> cached = new AtomicReference<>();
  private volatile boolean shadow;

  /**
   * @param initial the target to start with, or null for each bundle's own thresholds
   * @param shadow  start in shadow mode
   */
  public OperatingPoint(RecallTarget initial, boolean shadow) {
    this.override = new AtomicReference<>(initial);
    this.shadow = shadow;
  }

  public boolean shadow() {
    return shadow;
  }

  public void setShadow(boolean shadow) {
    this.shadow = shadow;
  }

  /** The target asked for, or null when each bundle's own thresholds apply. */
  public RecallTarget target() {
    return override.get();
  }

  /** @param target null to go back to the bundle's own thresholds */
  public void setTarget(RecallTarget target) {
    override.set(target);
  }

  public ThresholdTable thresholds(ServingModel model) {
    RecallTarget target = override.get();
    Cached c = cached.get();
    if (c != null && c.model() == model && c.target() == target) {
      return c.table();
    }
    ThresholdTable table = ThresholdTable.of(model.thresholds(), target);
    cached.set(new Cached(model, target, table));
    return table;
  }
}
