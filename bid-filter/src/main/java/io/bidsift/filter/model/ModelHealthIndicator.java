package io.bidsift.filter.model;

import io.bidsift.modelsync.LoadedModel;
import io.bidsift.modelsync.ModelSync;
import io.bidsift.modelsync.SyncCounters;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code model} health component, part of readiness: UP once a model is loaded,
 * OUT_OF_SERVICE before (the filter then answers fail-open, which is safe but saves nothing).
 */
public final class ModelHealthIndicator implements HealthIndicator {

  private final ModelSync<ServingModel> sync;

  public ModelHealthIndicator(ModelSync<ServingModel> sync) {
    this.sync = sync;
  }

  @Override
  public Health health() {
    LoadedModel<ServingModel> loaded = sync.current();
    SyncCounters c = sync.counters();
    Health.Builder b = loaded == null ? Health.outOfService().withDetail("model", "none loaded yet")
        : Health.up().withDetail("model", loaded.version()).withDetail("loadedAt", loaded.loadedAt().toString());
    return b.withDetail("source", sync.describeSource())
        .withDetail("swaps", c.swaps())
        .withDetail("rejects", c.rejects())
        .withDetail("sourceErrors", c.sourceErrors())
        .build();
  }
}
