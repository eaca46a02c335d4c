package io.bidsift.filter.model;

import io.bidsift.modelsync.LoadedModel;
import io.bidsift.modelsync.ModelSync;
import io.bidsift.modelsync.SyncCounters;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code model} health component, part of readiness: UP once a model is loaded and the request
 * path warmed up, OUT_OF_SERVICE before (the filter then answers fail-open, which is safe but saves
 * nothing).
 */
public final class ModelHealthIndicator implements HealthIndicator {

  private final ModelSync<ServingModel> sync;
  private final BooleanSupplier warm;

  /** @param warm whether the request path has been warmed up (readiness waits for it too) */
  public ModelHealthIndicator(ModelSync<ServingModel> sync, BooleanSupplier warm) {
    this.sync = sync;
    this.warm = warm;
  }

  @Override
  public Health health() {
    LoadedModel<ServingModel> loaded = sync.current();
    SyncCounters c = sync.counters();
    Health.Builder b = loaded == null ? Health.outOfService().withDetail("model", "none loaded yet")
        : (warm.getAsBoolean() ? Health.up() : Health.outOfService().withDetail("warmingUp", true))
            .withDetail("model", loaded.version()).withDetail("loadedAt", loaded.loadedAt().toString());
    return b.withDetail("source", sync.describeSource())
        .withDetail("swaps", c.swaps())
        .withDetail("rejects", c.rejects())
        .withDetail("sourceErrors", c.sourceErrors())
        .build();
  }
}
