package io.bidsift.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The predictor's semantics on a one-split model written by hand in XGBoost 3's JSON format:
 * feature 1 below 0.5 goes left (leaf -1), at or above it right (leaf 2), missing goes left.
 */
class XgbPredictorTest {

  private static final String STUMP = """
      {"learner":{"attributes":{},"feature_names":[],"feature_types":[],
       "gradient_booster":{"model":{"cats":{"enc":[],"feature_segments":[],"sorted_idx":[]},
         "gbtree_model_param":{"num_parallel_tree":"1","num_trees":"1"},"iteration_indptr":[0,1],"tree_info":[0],
         "trees":[{"base_weights":[0,-1,2],"categories":[],"categories_nodes":[],"categories_segments":[],
           "categories_sizes":[],"default_left":[1,0,0],"id":0,"left_children":[1,-1,-1],"loss_changes":[1,0,0],
           "parents":[2147483647,0,0],"right_children":[2,-1,-1],"split_conditions":[0.5,-1.0,2.0],
           "split_indices":[1,0,0],"split_type":[0,0,0],"sum_hessian":[2,1,1],
           "tree_param":{"num_deleted":"0","num_feature":"3","num_nodes":"3","size_leaf_vector":"1"}}]},
        "name":"gbtree"},
       "learner_model_param":{"base_score":"[5E-1]","boost_from_average":"1","num_class":"0","num_feature":"3",
         "num_target":"1"},
       "objective":{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}},
       "version":[3,4,0]}
      """;

  private static XgbPredictor load(String json) {
    return XgbPredictor.fromJson(bytes(json));
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void valueBelowThresholdGoesLeftAndAtOrAboveGoesRight() {
    XgbPredictor stump = load(STUMP);

    assertThat(stump.margin(new float[] {9f, 0.4999f, 9f})).isEqualTo(-1f);
    assertThat(stump.margin(new float[] {9f, 0.5f, 9f})).isEqualTo(2f);
    assertThat(stump.margin(new float[] {9f, Math.nextDown(0.5f), 9f})).isEqualTo(-1f);
  }

  @Test
  void negativeZeroIsNotBelowAZeroThresholdInEitherLayout() {
    String zero = STUMP.replace("\"split_conditions\":[0.5,", "\"split_conditions\":[0.0,");
    for (int maxCompleteDepth : new int[] {10, -1}) {
      XgbPredictor stump = XgbModelReader.read(bytes(zero), maxCompleteDepth);
      assertThat(stump.margin(new float[] {0f, -0f, 0f})).isEqualTo(2f);
      assertThat(stump.margin(new float[] {0f, 0f, 0f})).isEqualTo(2f);
      assertThat(stump.margin(new float[] {0f, -Float.MIN_VALUE, 0f})).isEqualTo(-1f);
    }
  }

  @Test
  void missingValueTakesTheDefaultChild() {
    assertThat(load(STUMP).margin(new float[] {0f, Float.NaN, 0f})).isEqualTo(-1f);
    assertThat(load(STUMP.replace("\"default_left\":[1,0,0]", "\"default_left\":[0,0,0]"))
        .margin(new float[] {0f, Float.NaN, 0f})).isEqualTo(2f);
  }

  @Test
  void xgboostTwoBooleanDefaultLeftIsRead() {
    XgbPredictor stump = load(STUMP.replace("\"default_left\":[1,0,0]", "\"default_left\":[false,false,false]"));

    assertThat(stump.margin(new float[] {0f, Float.NaN, 0f})).isEqualTo(2f);
  }

  @Test
  void baseScoreIsAProbabilityWhoseLogitStartsTheMargin() {
    float logit = (float) Math.log(0.2 / 0.8);

    assertThat(load(STUMP.replace("[5E-1]", "[2E-1]")).margin(new float[] {0f, 1f, 0f}))
        .isCloseTo(logit + 2f, within(1e-6f));
    assertThat(load(STUMP.replace("\"[5E-1]\"", "\"2E-1\"")).margin(new float[] {0f, 1f, 0f}))
        .as("XGBoost 2 writes a plain number").isCloseTo(logit + 2f, within(1e-6f));
  }

  @Test
  void predictionIsTheSigmoidOfTheMargin() {
    XgbPredictor stump = load(STUMP);

    assertThat(stump.predict(new float[] {0f, 1f, 0f})).isCloseTo((float) (1 / (1 + Math.exp(-2))), within(1e-7f));
    assertThat(stump.predict(new float[] {0f, 0f, 0f})).isCloseTo((float) (1 / (1 + Math.exp(1))), within(1e-7f));
  }

  @Test
  void sigmoidStaysFiniteAndOrderedAtExtremeMargins() {
    assertThat(XgbPredictor.sigmoid(-1000f)).isPositive().isLessThan(1e-38f);
    assertThat(XgbPredictor.sigmoid(1000f)).isEqualTo(1f);
    assertThat(XgbPredictor.sigmoid(0f)).isEqualTo(0.5f);
  }

  @Test
  void regLogisticIsScoredLikeBinaryLogistic() {
    XgbPredictor reg = load(STUMP.replace("binary:logistic", "reg:logistic"));

    assertThat(reg.predict(new float[] {0f, 1f, 0f})).isEqualTo(load(STUMP).predict(new float[] {0f, 1f, 0f}));
  }

  @Test
  void reportsFeatureAndTreeCounts() {
    XgbPredictor stump = load(STUMP);

    assertThat(stump.featureCount()).isEqualTo(3);
    assertThat(stump.treeCount()).isEqualTo(1);
  }

  @Test
  void vectorOfAnotherLengthIsRejected() {
    XgbPredictor stump = load(STUMP);

    assertThatThrownBy(() -> stump.predict(new float[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the model takes 3 features, got 2");
    assertThatThrownBy(() -> stump.margin(new float[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the model takes 3 features, got 4");
  }

  @Test
  void splitOnAFeatureBeyondTheModelsFeaturesIsRejectedWithItsPath() {
    assertThatThrownBy(() -> load(STUMP.replace("\"split_indices\":[1,0,0]", "\"split_indices\":[3,0,0]")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model.learner.gradient_booster.model.trees[0].split_indices[0]"
            + " is 3, outside the model's 3 features");
  }

  @Test
  void childLinksThatLoopAreRejectedWithTheirPath() {
    assertThatThrownBy(() -> load(STUMP.replace("\"left_children\":[1,-1,-1]", "\"left_children\":[1,0,-1]")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model.learner.gradient_booster.model.trees[0].left_children[1]"
            + " is 0, which is not a new node of this 3-node tree");
  }

  @Test
  void arrayShorterThanTheTreeIsRejectedWithItsPath() {
    assertThatThrownBy(() -> load(STUMP.replace("\"split_conditions\":[0.5,-1.0,2.0]",
        "\"split_conditions\":[0.5,-1.0]")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model.learner.gradient_booster.model.trees[0].split_conditions"
            + " has 2 entries, tree_param.num_nodes says 3");
  }

  @Test
  void missingObjectiveIsRejectedWithItsPath() {
    assertThatThrownBy(() -> load(STUMP.replace("\"objective\":{\"name\"", "\"objectives\":{\"name\"")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model.learner.objective is missing (must be an object)");
  }

  @Test
  void baseScoreOfOneIsRejected() {
    assertThatThrownBy(() -> load(STUMP.replace("[5E-1]", "[1]")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Malformed XGBoost model: model.learner.learner_model_param.base_score must be a probability"
            + " strictly between 0 and 1 for a logistic objective, not 1.0");
  }

  @Test
  void categoricalSplitTypeIsRejected() {
    assertThatThrownBy(() -> load(STUMP.replace("\"split_type\":[0,0,0]", "\"split_type\":[1,0,0]")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses categorical splits (tree 0, node 0 has split_type 1);"
            + " only numeric splits are supported");
  }

  @Test
  void multiTargetModelIsRejected() {
    assertThatThrownBy(() -> load(STUMP.replace("\"num_target\":\"1\"", "\"num_target\":\"2\"")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses 2 targets (num_target 2);"
            + " only single-target models are supported");
    assertThatThrownBy(() -> load(STUMP.replace("[5E-1]", "[5E-1,4E-1]")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageContaining("one base score per target");
  }

  @Test
  void vectorLeavesAreRejected() {
    assertThatThrownBy(() -> load(STUMP.replace("\"size_leaf_vector\":\"1\"", "\"size_leaf_vector\":\"2\"")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses vector leaves (tree 0 has size_leaf_vector 2);"
            + " only scalar leaves are supported");
  }

  @Test
  void multiClassCountIsRejected() {
    assertThatThrownBy(() -> load(STUMP.replace("\"num_class\":\"0\"", "\"num_class\":\"3\"")))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessage("Unsupported XGBoost model: it uses 3 classes (num_class 3); only binary models are supported");
  }
}
