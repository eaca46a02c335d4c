package io.bidsift.filter.model;

import io.bidsift.filter.http.HttpPathWarmUp;
import io.bidsift.filter.metrics.ModelSyncMeters;
import io.bidsift.modelsync.LoadedModel;
import io.bidsift.modelsync.ModelSource;
import io.bidsift.modelsync.ModelSync;
import io.bidsift.modelsync.SyncSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model source named by {@code bidsift.model.source} and the sync loop that keeps the serving
 * model current. The service starts answering at once, fail-open, and readiness turns UP when the
 * first model has loaded.
 */
@Configuration(proxyBeanMethods = false)
class ModelSyncConfiguration {

  @Bean
  ModelSource modelSource(ModelProperties properties) {
    return ModelSources.open(properties);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  ModelSync<ServingModel> modelSync(ModelSource source, ModelProperties properties) {
    SyncSettings defaults = SyncSettings.DEFAULTS;
    SyncSettings settings = new SyncSettings(properties.minPollInterval(), defaults.initialBackoff(),
        properties.maxBackoff().compareTo(defaults.initialBackoff()) < 0 ? defaults.initialBackoff() : properties.maxBackoff(),
        defaults.jitter());
    return new ModelSync<>(source, ServingModel::load, settings);
  }

  @Bean
  ModelHolder modelHolder(ModelSync<ServingModel> sync) {
    return () -> {
      LoadedModel<ServingModel> loaded = sync.current();
      return loaded == null ? null : loaded.model();
    };
  }

  @Bean
  ModelHealthIndicator modelHealthIndicator(ModelSync<ServingModel> sync, HttpPathWarmUp warmUp) {
    return new ModelHealthIndicator(sync, warmUp::warm);
  }

  @Bean
  ModelSyncMeters modelSyncMeters(ModelSync<ServingModel> sync) {
    return new ModelSyncMeters(sync);
  }
}
