package io.bidsift.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import io.bidsift.signals.RequestSignals;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {

  @Test
  void namesAreUniqueAndOnePerFeature() {
    List<String> names = FeatureSchema.names();

    assertThat(names).hasSize(Feature.values().length).hasSize(FeatureSchema.size()).doesNotHaveDuplicates();
    assertThat(names.get(Feature.MIN_FLOOR.ordinal())).isEqualTo("min_floor");
    assertThat(names).allMatch(n -> n.matches("[a-z0-9_]+"));
  }

  @Test
  void everyKeyKindOwnsTwoDistinctFeatures() {
    Set<Feature> owned = new HashSet<>();
    for (KeyKind kind : KeyKind.all()) {
      assertThat(owned.add(kind.rateFeature())).as(kind.wireName()).isTrue();
      assertThat(owned.add(kind.logTrialsFeature())).as(kind.wireName()).isTrue();
      assertThat(kind.rateFeature().featureName()).isEqualTo(kind.wireName() + "_rate");
      assertThat(kind.logTrialsFeature().featureName()).isEqualTo(kind.wireName() + "_log_trials");
    }
  }

  @Test
  void schemaIsBuiltOnTheCurrentSignals() {
    // Fails when the signals change meaning: review the features, then bump both versions.
    assertThat(FeatureSchema.SIGNALS_VERSION).isEqualTo(RequestSignals.VERSION);
  }

  @Test
  void schemaJsonListsTheVersionsAndTheNamesInOrder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeatureSchema.writeJson(out);

    byte[] bytes = out.toByteArray();
    JsonValue tree;
    try (var p = new JsonSupport(JsonLimits.REQUEST).parser(bytes, 0, bytes.length)) {
      p.nextToken();
      tree = JsonSupport.readTree(p);
    }
    JsonObject o = (JsonObject) tree;
    assertThat(((JsonNumber) o.get("feature_spec_version")).text()).isEqualTo(String.valueOf(FeatureSchema.FEATURE_SPEC_VERSION));
    assertThat(((JsonNumber) o.get("signals_version")).text()).isEqualTo(String.valueOf(FeatureSchema.SIGNALS_VERSION));
    assertThat(((JsonArray) o.get("features")).elements())
        .extracting(v -> ((JsonString) v).value())
        .containsExactlyElementsOf(FeatureSchema.names());
  }
}
