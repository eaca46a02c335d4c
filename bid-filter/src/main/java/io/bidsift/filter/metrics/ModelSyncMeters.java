package io.bidsift.filter.metrics;

import io.bidsift.filter.model.ServingModel;
import io.bidsift.modelsync.LoadedModel;
import io.bidsift.modelsync.ModelSync;
import io.bidsift.modelsync.RejectReason;
import io.bidsift.modelsync.SyncCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.Locale;

/**
 * The model lifecycle as meters, read from model-sync's counters at scrape time:
 * {@code bidsift_model_loads_total}, {@code bidsift_model_swaps_total},
 * {@code bidsift_model_rejects_total{reason}}, {@code bidsift_model_source_errors_total},
 * {@code bidsift_model_loaded} (0 or 1), {@code bidsift_model_age_seconds} and
 * {@code bidsift_model_version_timestamp_seconds} (the UTC time in the version name, so a
 * dashboard shows which version serves without a tag per version).
 */
public final class ModelSyncMeters implements MeterBinder {

  private final ModelSync<ServingModel> sync;

  public ModelSyncMeters(ModelSync<ServingModel> sync) {
    this.sync = sync;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    SyncCounters c = sync.counters();
    FunctionCounter.builder("bidsift.model.loads", c, SyncCounters::loads)
        .description("bundles that passed verification and loading").register(registry);
    FunctionCounter.builder("bidsift.model.swaps", c, SyncCounters::swaps)
        .description("times the serving model was replaced").register(registry);
    for (RejectReason reason : RejectReason.values()) {
      FunctionCounter.builder("bidsift.model.rejects", c, counters -> counters.rejects(reason))
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .description("published bundles refused; the previous model kept serving").register(registry);
    }
    FunctionCounter.builder("bidsift.model.source.errors", c, SyncCounters::sourceErrors)
        .description("failed polls of the model source (outages), retried with backoff").register(registry);
    Gauge.builder("bidsift.model.loaded", sync, s -> s.current() == null ? 0 : 1)
        .description("1 when a model is serving").register(registry);
    Gauge.builder("bidsift.model.age", sync, s -> {
      LoadedModel<ServingModel> m = s.current();
      return m == null ? Double.NaN : (Instant.now().toEpochMilli() - m.loadedAt().toEpochMilli()) / 1000.0;
    }).baseUnit("seconds").description("time since the serving model was swapped in").register(registry);
    Gauge.builder("bidsift.model.version.timestamp", sync, s -> {
      LoadedModel<ServingModel> m = s.current();
      return m == null ? Double.NaN : m.model().manifest().created().getEpochSecond();
    }).baseUnit("seconds").description("when the serving model's bundle was written").register(registry);
  }
}
