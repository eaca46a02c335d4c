package io.bidsift.modelsync;

/**
 * Where the bid filter's model bundles come from. A port with two adapters that pass one contract
 * test ({@code ModelSourceContract}): {@link LocalModelSource} (a directory, the embedded default)
 * and {@link AppConfigModelSource} (AWS AppConfig names the bundle, S3 holds it).
 *
 * <p>A source only says what is published and how to get it; {@link ModelSync} decides what to
 * fetch, load and keep. {@link #poll()} is level-triggered: it names the bundle published now
 * (the same offer again while nothing changed), so a fetch that failed can simply be tried again
 * on a later poll. Called from one thread at a time.
 */
public interface ModelSource extends AutoCloseable {

  /**
   * Looks at what is published now.
   *
   * @throws ModelSourceException when the source cannot be reached or read (an outage: retried with backoff)
   */
  SourcePoll poll();

  /** Names the source in log lines, e.g. {@code local:/srv/models} or {@code appconfig:bidsift/prod/model}. */
  String describe();

  /** Releases connections and temporary files; a no-op for sources that hold none. */
  @Override
  default void close() {
  }
}
