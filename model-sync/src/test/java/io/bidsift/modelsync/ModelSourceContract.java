package io.bidsift.modelsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.bundle.VerifiedBundle;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ModelSource} must do, run against each adapter: {@code LocalModelSourceTest}
 * and {@code AppConfigModelSourceTest}.
 */
abstract class ModelSourceContract {

  @TempDir
  Path temp;

  private ModelSource source;

  /** A new source over an empty publication target. */
  abstract ModelSource newSource() throws Exception;

  /** Publishes the bundle in {@code bundleDir} (its manifest says {@code version}) as the one to serve. */
  abstract void publish(Path bundleDir, String version) throws Exception;

  @BeforeEach
  void openSource() throws Exception {
    source = newSource();
  }

  @AfterEach
  void closeSource() {
    source.close();
  }

  ModelSource source() {
    return source;
  }

  @Test
  void offersNothingBeforeAnythingIsPublished() {
    assertThat(source.poll().offer()).isEmpty();
  }

  @Test
  void offersThePublishedBundleAndFetchesItVerified() throws Exception {
    publish(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), TestBundles.V1);

    BundleOffer offer = source.poll().offer().orElseThrow();
    VerifiedBundle bundle = offer.fetch();

    assertThat(offer.version()).isEqualTo(TestBundles.V1);
    assertThat(bundle.manifest().version()).isEqualTo(TestBundles.V1);
    assertThat(bundle.model()).isNotEmpty();
    assertThat(bundle.manifest().dsps()).isNotEmpty();
  }

  @Test
  void offersTheSameFingerprintWhileNothingChanges() throws Exception {
    publish(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), TestBundles.V1);

    String first = source.poll().offer().orElseThrow().fingerprint();
    String second = source.poll().offer().orElseThrow().fingerprint();
    String third = source.poll().offer().orElseThrow().fingerprint();

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
  }

  @Test
  void aNewPublicationIsOfferedWithItsVersionAndANewFingerprint() throws Exception {
    publish(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1), TestBundles.V1);
    BundleOffer first = source.poll().offer().orElseThrow();

    publish(TestBundles.bundle(temp.resolve("b2"), TestBundles.V2), TestBundles.V2);
    BundleOffer second = source.poll().offer().orElseThrow();

    assertThat(second.version()).isEqualTo(TestBundles.V2);
    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(second.fetch().manifest().version()).isEqualTo(TestBundles.V2);
  }

  @Test
  void aBundleWithATamperedFileIsRejectedAsInvalid() throws Exception {
    publish(TestBundles.tamper(TestBundles.bundle(temp.resolve("b1"), TestBundles.V1)), TestBundles.V1);

    BundleOffer offer = source.poll().offer().orElseThrow();

    assertThatThrownBy(offer::fetch)
        .isInstanceOfSatisfying(BundleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_BUNDLE))
        .hasMessageContaining("model.json");
  }
}
