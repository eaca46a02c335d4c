package io.bidsift.training.train;

/** Where the pipeline reports what it is doing: one human-readable line at a time (stderr in the CLI). */
@FunctionalInterface
public interface Progress {

  void line(String message);

  static Progress silent() {
    return message -> { };
  }
}
