package io.bidsift.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bidsift.bundle.JsonTrees;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

  private static io.bidsift.json.JsonObject json(String s) {
    return JsonTrees.parseObject(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Hyperparameters hp = Hyperparameters.defaults();

    assertThat(hp.maxDepth()).isEqualTo(8);
    assertThat(hp.numRound()).isEqualTo(300);
    assertThat(hp.earlyStoppingRounds()).isEqualTo(10);
    assertThat(hp.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(hp.xgboostParams()).containsEntry("objective", "binary:logistic").containsEntry("tree_method", "hist")
        .containsEntry("seed", hp.seed());
  }

  @Test
  void aFileOverridesOnlyTheParametersItNames() {
    Hyperparameters hp = Hyperparameters.defaults().overriddenBy(json("{\"eta\":0.3,\"max_depth\":4}"));

    assertThat(hp.eta()).isEqualTo(0.3);
    assertThat(hp.maxDepth()).isEqualTo(4);
    assertThat(hp.numRound()).isEqualTo(Hyperparameters.defaults().numRound());
  }

  @Test
  void unknownParameterIsRejectedByName() {
    assertThatThrownBy(() -> Hyperparameters.defaults().overriddenBy(json("{\"max_dept\":4}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown parameter 'max_dept'");
  }

  @Test
  void outOfRangeOrMistypedValuesAreRejected() {
    assertThatThrownBy(() -> Hyperparameters.defaults().overriddenBy(json("{\"subsample\":1.5}")))
        .hasMessageContaining("subsample must be in (0, 1]");
    assertThatThrownBy(() -> Hyperparameters.defaults().overriddenBy(json("{\"max_depth\":\"deep\"}")))
        .hasMessageContaining("hyperparameters.max_depth must be an integer");
  }
}
