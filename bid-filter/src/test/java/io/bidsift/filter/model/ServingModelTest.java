package io.bidsift.filter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.bundle.BundleFiles;
import io.bidsift.bundle.BundleReader;
import io.bidsift.filter.Fixtures;
import io.bidsift.testsupport.FixtureBundle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingModelTest {

  @TempDir
  Path tmp;

  private ServingModel load(Path bundle) {
    return ServingModel.load(new BundleReader().read(bundle));
  }

  @Test
  void theFixtureBundlePassesItsCanaryCheckAndKnowsItsDsps() {
    ServingModel model = load(FixtureBundle.copyTo(tmp));
    assertThat(model.version()).isEqualTo(FixtureBundle.VERSION);
    assertThat(model.knows("dsp-atlas")).isTrue();
    assertThat(model.knows("dsp-nobody")).isFalse();
  }

  @Test
  void aCanaryScoreThatDisagreesWithTheScorerRejectsTheBundle() {
    Path bundle = FixtureBundle.copyTo(tmp);
    // Same sealed bundle, but one expected score moved by 1e-4: the scorer no longer matches XGBoost.
    Fixtures.rewriteAndReseal(bundle, BundleFiles.CANARY, canary -> {
      int at = canary.indexOf("\"score\":") + "\"score\":".length();
      int end = canary.indexOf('}', at);
      float score = Float.parseFloat(canary.substring(at, end));
      return canary.substring(0, at) + (score + 1e-4f) + canary.substring(end);
    });
    assertThatThrownBy(() -> load(bundle))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("canary row 1")
        .satisfies(e -> assertThat(((ModelRejectedException) e).kind()).isEqualTo("canary"));
  }

  @Test
  void aBundleOfAnotherFeatureSpecIsRejectedBeforeScoringAnything() {
    Path bundle = FixtureBundle.copyTo(tmp);
    Fixtures.edit(bundle.resolve(BundleFiles.MANIFEST),
        m -> m.replace("\"feature_spec_version\" : 1", "\"feature_spec_version\" : 2"));
    assertThatThrownBy(() -> load(bundle))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("feature spec 2");
  }

  @Test
  void anUnreadableModelFileIsRejectedWithTheReason() {
    Path bundle = FixtureBundle.copyTo(tmp);
    Fixtures.rewriteAndReseal(bundle, BundleFiles.MODEL, model -> model.substring(0, model.length() / 2));
    assertThatThrownBy(() -> load(bundle))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining(FixtureBundle.VERSION);
  }
}
