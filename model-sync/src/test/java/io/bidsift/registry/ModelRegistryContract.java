package io.bidsift.registry;

import static io.bidsift.registry.BundleFixture.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ModelRegistry} adapter must have; each adapter's test extends it
 * and provides a fresh, empty registry per test.
 */
abstract class ModelRegistryContract {

  @TempDir
  Path temp;

  /** The registry under test, opened before each test. */
  ModelRegistry registry;

  /** A new, empty registry; called once per test. */
  protected abstract ModelRegistry newRegistry() throws Exception;

  /** Another registry instance over the same storage as the last {@link #newRegistry()}. */
  protected abstract ModelRegistry reopen() throws Exception;

  /** Changes one file of a registered version where the registry stores it (bit rot, tampering). */
  protected abstract void corruptStoredFile(String version, String file) throws Exception;

  @BeforeEach
  void openRegistry() throws Exception {
    registry = newRegistry();
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  @Test
  void registeredBundleIsPendingWithItsMetricsSummary() throws IOException {
    RegisteredModel model = registry.register(bundle("v1").writeTo(temp.resolve("b1")));

    assertThat(model.version()).isEqualTo("v1");
    assertThat(model.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(model.note()).isNull();
    assertThat(model.statusChangedAt()).isEqualTo(model.registeredAt());
    // top-level numbers only, digits as written; nested objects and strings stay in the bundle
    assertThat(model.metrics()).containsExactlyInAnyOrderEntriesOf(
        Map.of("auc", "0.912", "recall", "0.950", "traffic_saved", "0.41"));
    assertThat(registry.find("v1")).contains(model);
    assertThat(registry.list()).containsExactly(model);
    assertThat(registry.latestApproved()).isEmpty();
  }

  @Test
  void approvedModelBecomesTheLatestApprovedWithItsNote() throws IOException {
    RegisteredModel registered = registry.register(bundle("v1").writeTo(temp.resolve("b1")));

    RegisteredModel approved = registry.approve("v1", "  recall ok on last week  ");

    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.note()).isEqualTo("recall ok on last week");
    assertThat(approved.registeredAt()).isEqualTo(registered.registeredAt());
    assertThat(approved.statusChangedAt()).isAfterOrEqualTo(registered.registeredAt());
    assertThat(approved.metrics()).isEqualTo(registered.metrics());
    assertThat(registry.latestApproved()).contains(approved);
    assertThat(registry.find("v1")).contains(approved);
  }

  @Test
  void rejectedModelIsNeverTheLatestApproved() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    registry.approve("v1", null);
    registry.register(bundle("v2").writeTo(temp.resolve("b2")));

    RegisteredModel rejected = registry.reject("v2", "auc dropped");

    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(rejected.note()).isEqualTo("auc dropped");
    assertThat(registry.latestApproved()).map(RegisteredModel::version).contains("v1");
  }

  @Test
  void withTwoApprovedTheNewerApprovalWins() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    registry.register(bundle("v2").writeTo(temp.resolve("b2")));
    registry.approve("v1", null);

    registry.approve("v2", null);

    assertThat(registry.latestApproved()).map(RegisteredModel::version).contains("v2");
    assertThat(registry.list()).extracting(RegisteredModel::version).containsExactly("v1", "v2");
  }

  @Test
  void reapprovingAnOlderVersionRollsBackToIt() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    registry.register(bundle("v2").writeTo(temp.resolve("b2")));
    registry.approve("v1", null);
    registry.approve("v2", null);

    registry.approve("v1", "v2 misbehaves in production");

    assertThat(registry.latestApproved()).map(RegisteredModel::version).contains("v1");
  }

  @Test
  void approvalWithoutNoteClearsThePreviousNote() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    registry.reject("v1", "looked wrong");

    RegisteredModel approved = registry.approve("v1", null);

    assertThat(approved.note()).isNull();
    assertThat(approved.metrics()).containsKey("auc");
  }

  @Test
  void fetchGivesIdenticalVerifiedFiles() throws IOException {
    Path source = bundle("v1").file("baseline.json", "{\"thresholds\":{}}").writeTo(temp.resolve("b1"));
    registry.register(source);

    Path fetched = registry.fetch("v1", temp.resolve("out/v1"));

    assertThat(fetched).isEqualTo(temp.resolve("out/v1").toAbsolutePath());
    assertThat(contents(fetched)).isEqualTo(contents(source)).containsKey("baseline.json");
    assertThat(ModelBundle.verify(fetched).version()).isEqualTo("v1");
  }

  @Test
  void fetchRefusesAStoredBundleThatNoLongerMatchesAndLeavesNoTarget() throws Exception {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    corruptStoredFile("v1", "model.json");

    Path target = temp.resolve("out/v1");
    assertThatThrownBy(() -> registry.fetch("v1", target))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("model.json does not match its sha256");
    assertThat(target).doesNotExist();
    if (Files.exists(target.getParent())) {
      try (Stream<Path> left = Files.list(target.getParent())) {
        assertThat(left).as("no staging leftovers").isEmpty();
      }
    }
  }

  @Test
  void fetchIntoANonEmptyDirectoryIsRefused() throws IOException {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    Path target = Files.createDirectories(temp.resolve("busy"));
    Files.writeString(target.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> registry.fetch("v1", target))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not an empty directory");
    assertThat(target.resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void tamperedBundleIsRejectedAtRegister() throws IOException {
    Path source = bundle("v1").writeTo(temp.resolve("b1"));
    Files.writeString(source.resolve("encodings.json"), "{\"os\":[\"tampered\"]}");

    assertThatThrownBy(() -> registry.register(source))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("encodings.json does not match its sha256")
        .hasMessageNotContaining("\n");
    assertThat(registry.list()).isEmpty();
  }

  @Test
  void unknownVersionIsAClearError() {
    assertThat(registry.find("v404")).isEmpty();
    assertThatThrownBy(() -> registry.approve("v404", null))
        .isInstanceOf(UnknownVersionException.class)
        .hasMessage("no model version 'v404' in " + registry.describe());
    assertThatThrownBy(() -> registry.reject("v404", null)).isInstanceOf(UnknownVersionException.class);
    assertThatThrownBy(() -> registry.fetch("v404", temp.resolve("out")))
        .isInstanceOf(UnknownVersionException.class);
  }

  @Test
  void malformedVersionIsRefusedBeforeItBecomesAPath() {
    assertThatThrownBy(() -> registry.find("../v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("is not a model version");
  }

  @Test
  void duplicateVersionIsRejectedAndTheFirstIsKept() throws IOException {
    RegisteredModel first = registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    registry.approve("v1", null);
    Path sameVersionOtherContent = bundle("v1").file("model.json", "{\"trees\":[42]}").writeTo(temp.resolve("b2"));

    assertThatThrownBy(() -> registry.register(sameVersionOtherContent))
        .isInstanceOf(DuplicateVersionException.class)
        .hasMessage("model version 'v1' is already registered in " + registry.describe());
    assertThat(registry.list()).singleElement().satisfies(m -> {
      assertThat(m.registeredAt()).isEqualTo(first.registeredAt());
      assertThat(m.status()).isEqualTo(ApprovalStatus.APPROVED);
    });
    assertThat(contents(registry.fetch("v1", temp.resolve("out")))).isEqualTo(contents(temp.resolve("b1")));
  }

  @Test
  void stateOutlivesTheRegistryInstance() throws Exception {
    registry.register(bundle("v1").writeTo(temp.resolve("b1")));
    RegisteredModel approved = registry.approve("v1", "ship it");

    try (ModelRegistry again = reopen()) {
      assertThat(again.list()).containsExactly(approved);
      assertThat(again.latestApproved()).contains(approved);
    }
  }

  /** Relative path to content of every file under {@code dir}. */
  static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
        }
      }
    }
    return files;
  }
}
