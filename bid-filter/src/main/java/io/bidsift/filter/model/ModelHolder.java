package io.bidsift.filter.model;

/** Where the request path finds the model serving right now. */
@FunctionalInterface
public interface ModelHolder {

  /** The model that scores requests, or null while none is loaded (the filter then fails open). */
  ServingModel current();
}
