package io.bidsift.filter.decide;

import io.bidsift.filter.model.ServingModel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The recall target the filter runs at, changeable at runtime, and the threshold table it
 * implies for the model serving now. The table is rebuilt only when the model or the target
 * changes, never per request.
 */
public final class OperatingPoint {

  private record Cached(ServingModel model, RecallTarget target, ThresholdTable table) {
  }

  private final AtomicReference<RecallTarget> override;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  /** @param initial the target to start with, or null for each bundle's own thresholds */
  public OperatingPoint(RecallTarget initial) {
    this.override = new AtomicReference<>(initial);
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
