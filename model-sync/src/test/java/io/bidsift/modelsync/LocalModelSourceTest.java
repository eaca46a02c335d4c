package io.bidsift.modelsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalModelSourceTest extends ModelSourceContract {

  private Path home;

  @Override
  ModelSource newSource() {
    home = temp.resolve("models");
    return new LocalModelSource(home, Duration.ofMillis(10));
  }

  /** As promote does it: install the version directory, then rewrite ACTIVE. */
  @Override
  void publish(Path bundleDir, String version) throws Exception {
    LocalModelHome models = new LocalModelHome(home);
    models.install(version, staging -> copy(bundleDir, staging));
    models.activate(version);
  }

  @Test
  void withoutActiveTheGreatestVersionIsServedAndANewOneDroppedThereIsPickedUp() throws Exception {
    TestBundles.bundle(home.resolve(TestBundles.V2), TestBundles.V2);
    TestBundles.bundle(home.resolve(TestBundles.V1), TestBundles.V1);
    Files.createDirectories(home.resolve(".staging-x"));

    assertThat(source().poll().offer().orElseThrow().version()).isEqualTo(TestBundles.V2);

    TestBundles.bundle(home.resolve(TestBundles.V3), TestBundles.V3);
    assertThat(source().poll().offer().orElseThrow().version()).isEqualTo(TestBundles.V3);
  }

  @Test
  void activeChoosesAnOlderVersionForARollback() throws Exception {
    TestBundles.bundle(home.resolve(TestBundles.V1), TestBundles.V1);
    TestBundles.bundle(home.resolve(TestBundles.V2), TestBundles.V2);

    new LocalModelHome(home).activate(TestBundles.V1);

    assertThat(source().poll().offer().orElseThrow().fetch().manifest().version()).isEqualTo(TestBundles.V1);
  }

  @Test
  void aBundleDirectoryIsReadAgainWhenItsManifestChanges() throws Exception {
    Path bundle = TestBundles.bundle(temp.resolve("bundle"), TestBundles.V1);
    try (LocalModelSource direct = new LocalModelSource(bundle)) {
      BundleOffer first = direct.poll().offer().orElseThrow();
      assertThat(first.version()).isEqualTo(TestBundles.V1);

      String manifest = Files.readString(bundle.resolve("manifest.json"));
      Files.writeString(bundle.resolve("manifest.json"), manifest.replace(TestBundles.V1, TestBundles.V2));
      BundleOffer second = direct.poll().offer().orElseThrow();

      assertThat(second.version()).isEqualTo(TestBundles.V2);
      assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
      assertThat(second.fetch().manifest().version()).isEqualTo(TestBundles.V2);
    }
  }

  @Test
  void anActiveFileThatNamesNoVersionIsRejectedAsAnInvalidDocument() throws Exception {
    Files.createDirectories(home);
    Files.writeString(home.resolve(LocalModelHome.ACTIVE), "../../etc\n");

    BundleOffer offer = source().poll().offer().orElseThrow();

    assertThatThrownBy(offer::fetch).isInstanceOfSatisfying(BundleRejectedException.class,
        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_DOCUMENT));
  }

  @Test
  void anActiveVersionWhoseDirectoryIsMissingIsRejectedUntilItArrives() throws Exception {
    new LocalModelHome(home).activate(TestBundles.V1);
    BundleOffer missing = source().poll().offer().orElseThrow();
    assertThatThrownBy(missing::fetch).isInstanceOf(BundleRejectedException.class);

    TestBundles.bundle(home.resolve(TestBundles.V1), TestBundles.V1);
    BundleOffer arrived = source().poll().offer().orElseThrow();

    assertThat(arrived.fingerprint()).isNotEqualTo(missing.fingerprint());
    assertThat(arrived.fetch().manifest().version()).isEqualTo(TestBundles.V1);
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
