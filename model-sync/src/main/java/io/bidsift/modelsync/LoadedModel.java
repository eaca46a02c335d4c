package io.bidsift.modelsync;

import java.time.Instant;
import java.util.Objects;

/**
 * The model being served, with the version it was loaded from; one immutable value so a reader
 * never pairs a model with another model's version.
 *
 * @param model    what the loader built from the bundle
 * @param version  the bundle's version
 * @param loadedAt when it was swapped in
 */
public record LoadedModel<T>(T model, String version, Instant loadedAt) {

  public LoadedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(loadedAt, "loadedAt");
  }
}
