package io.bidsift.registry;

import static io.bidsift.registry.BundleFixture.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalModelRegistryTest extends ModelRegistryContract {

  private final Clock clock = new TickingClock(Instant.parse("2026-11-29T04:00:00Z"));

  private Path root() {
    return temp.resolve("registry");
  }

  @Override
  protected ModelRegistry newRegistry() {
    return new LocalModelRegistry(root(), clock);
  }

  @Override
  protected ModelRegistry reopen() {
    return new LocalModelRegistry(root(), clock);
  }

  @Override
  protected void corruptStoredFile(String version, String file) throws IOException {
    Files.writeString(root().resolve(version).resolve("bundle").resolve(file), "bit rot");
  }

  @Test
  void corruptEntryStopsListingInsteadOfHidingTheVersion() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    registry.approve("v1", null);
    Files.writeString(root().resolve("v1").resolve("entry.json"), "{\"version\":\"v1\",\"status\":");

    assertThatThrownBy(registry::list)
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("entry.json is corrupt");
    assertThatThrownBy(registry::latestApproved).isInstanceOf(RegistryException.class);
  }

  @Test
  void leftoverStagingDirectoryOfACrashedRegistrationIsNotAVersion() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    Path crashed = Files.createDirectories(root().resolve(".staging-1234/bundle"));
    Files.writeString(crashed.resolveSibling("entry.json"), "{}");

    assertThat(registry.list()).extracting(RegisteredModel::version).containsExactly("v1");
  }

  @Test
  void storesTheVerifiedBundleCopyAndAReadableEntry() throws IOException {
    Path source = bundle("v1").writeTo(temp.resolve("b1"));

    RegisteredModel model = registry.register(source);

    Path stored = root().resolve("v1").resolve("bundle");
    assertThat(model.location()).isEqualTo(stored.toAbsolutePath().toUri()).hasPath(stored.toAbsolutePath() + "/");
    assertThat(contents(stored)).isEqualTo(contents(source));
    assertThat(root().resolve("v1").resolve("entry.json")).content()
        .contains("\"status\" : \"PENDING\"", "\"registered_at\" : \"2026-11-29T04:00:01Z\"", "\"auc\" : 0.912");
    // registering leaves only the version directory behind
    try (var entries = Files.list(root())) {
      assertThat(entries).extracting(p -> p.getFileName().toString()).containsExactly("v1");
    }
  }

  /** Advances one second per reading, so every registry event gets its own timestamp. */
  private static final class TickingClock extends Clock {
    private Instant now;

    TickingClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }
}
