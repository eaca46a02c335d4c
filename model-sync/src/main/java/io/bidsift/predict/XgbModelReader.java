package io.bidsift.predict;

import com.fasterxml.jackson.core.JsonParser;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.json.JsonArray;
import io.bidsift.json.JsonBoolean;
import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonLimits;
import io.bidsift.json.JsonNumber;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonString;
import io.bidsift.json.JsonSupport;
import io.bidsift.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads XGBoost's JSON model format (as written by XGBoost 1.x to 3.x) into an {@link XgbPredictor},
 * refusing at load anything the predictor would score differently from XGBoost.
 */
final class XgbModelReader {

  /** Models of tens of MB: 256 MiB bounds a corrupt or hostile file. */
  private static final JsonLimits LIMITS = new JsonLimits(256 * 1024 * 1024, 64, 1024 * 1024, 64);
  private static final JsonSupport JSON = new JsonSupport(LIMITS);

  /** Objectives whose prediction is the sigmoid of the margin, with a logit base score. */
  private static final Set<String> LOGISTIC = Set.of("binary:logistic", "reg:logistic");

  /** A node packs the feature index shifted left once into a non-negative int. */
  private static final int MAX_FEATURES = Integer.MAX_VALUE >> 1;

  private XgbModelReader() {
  }

  /** Reads a model; {@code maxCompleteDepth} chooses the layout (see {@link TreeLayout#of}). */
  static XgbPredictor read(byte[] modelJson, int maxCompleteDepth) {
    try {
      return fromTree(parse(modelJson), maxCompleteDepth);
    } catch (JsonInputException e) {
      e.atRoot("model");
      throw new UnsupportedModelException("Malformed XGBoost model: " + e.getMessage(), e);
    }
  }

  private static JsonObject parse(byte[] bytes) {
    try (JsonParser p = JSON.parser(bytes, 0, bytes.length)) {
      p.nextToken();
      JsonValue v = JsonSupport.readTree(p);
      if (p.nextToken() != null) {
        throw new JsonInputException("has content after the end of the document");
      }
      if (v instanceof JsonObject o) {
        return o;
      }
      throw new JsonInputException("must be a JSON object");
    } catch (IOException e) {
      throw JsonSupport.malformed(e);
    }
  }

  private static XgbPredictor fromTree(JsonObject root, int maxCompleteDepth) {
    JsonObject learner = JsonTrees.requireObject(root, "learner");
    return at(".learner", () -> fromLearner(learner, maxCompleteDepth));
  }

  private static XgbPredictor fromLearner(JsonObject learner, int maxCompleteDepth) {
    JsonObject objectiveParams = JsonTrees.requireObject(learner, "objective");
    String objective = at(".objective", () -> JsonTrees.requireString(objectiveParams, "name"));
    if (!LOGISTIC.contains(objective)) {
      throw unsupported("objective " + objective, "only binary:logistic and reg:logistic are supported");
    }
    rejectCategoricalFeatureTypes(learner);

    JsonObject params = JsonTrees.requireObject(learner, "learner_model_param");
    int featureCount = at(".learner_model_param", () -> featureCount(params));
    float baseScore = at(".learner_model_param", () -> baseScore(params));

    JsonObject booster = JsonTrees.requireObject(learner, "gradient_booster");
    return at(".gradient_booster", () -> {
      String kind = JsonTrees.requireString(booster, "name");
      if (!kind.equals("gbtree")) {
        throw unsupported("the " + kind + " booster", "only gbtree is supported");
      }
      JsonObject model = JsonTrees.requireObject(booster, "model");
      rejectCategoricalEncodings(model);
      if (model.has("weight_drop")) {
        // XGBoost 3 saves a dart model as "gbtree" plus the weight that scales each tree's output.
        throw unsupported("the dart booster (gradient_booster.model.weight_drop scales each tree)",
            "only gbtree is supported");
      }
      return at(".model", () -> forest(model, featureCount, baseMargin(baseScore), maxCompleteDepth));
    });
  }

  /** Runs {@code read}, prefixing {@code path} to the path of any JSON error it throws. */
  private static <T> T at(String path, Supplier<T> read) {
    try {
      return read.get();
    } catch (JsonInputException e) {
      throw e.within(path);
    }
  }

  private static int featureCount(JsonObject params) {
    int featureCount = intString(params, "num_feature");
    if (featureCount <= 0 || featureCount > MAX_FEATURES) {
      throw new JsonInputException("must be between 1 and " + MAX_FEATURES + ", not " + featureCount)
          .within(".num_feature");
    }
    int classes = optionalIntString(params, "num_class", 0);
    if (classes > 1) {
      throw unsupported(classes + " classes (num_class " + classes + ")", "only binary models are supported");
    }
    int targets = optionalIntString(params, "num_target", 1);
    if (targets > 1) {
      throw unsupported(targets + " targets (num_target " + targets + ")",
          "only single-target models are supported");
    }
    return featureCount;
  }

  /** The logit of the base score, as XGBoost's {@code ProbToMargin} computes it in float. */
  private static float baseMargin(float baseScore) {
    return (float) -Math.log(1.0f / baseScore - 1.0f);
  }

  /**
   * XGBoost 3 writes {@code base_score} as a JSON array inside a string ({@code "[8.504968E-2]"},
   * one entry per target); earlier versions as a plain number string ({@code "5E-1"}). Either way
   * it is a probability for the logistic objectives.
   */
  private static float baseScore(JsonObject params) {
    String text = JsonTrees.requireString(params, "base_score").trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).trim();
      if (text.contains(",")) {
        throw unsupported("one base score per target (" + JsonTrees.requireString(params, "base_score") + ")",
            "only single-target models are supported");
      }
    }
    float p;
    try {
      p = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new JsonInputException("must hold a probability, like \"5E-1\" or \"[5E-1]\", not \""
          + JsonTrees.requireString(params, "base_score") + "\"").within(".base_score");
    }
    if (!(p > 0.0f && p < 1.0f)) {
      throw new JsonInputException("must be a probability strictly between 0 and 1 for a logistic objective, not "
          + p).within(".base_score");
    }
    return p;
  }

  private static void rejectCategoricalFeatureTypes(JsonObject learner) {
    if (learner.get("feature_types") instanceof JsonArray types) {
      for (int i = 0; i < types.elements().size(); i++) {
        if (types.elements().get(i) instanceof JsonString s && s.value().equals("c")) {
          throw unsupported("categorical features (feature_types[" + i + "] is \"c\")",
              "only numeric splits are supported");
        }
      }
    }
  }

  /** XGBoost 3 keeps the category encodings of categorical features in {@code model.cats}. */
  private static void rejectCategoricalEncodings(JsonObject model) {
    JsonObject cats = model.object("cats");
    if (cats != null && cats.get("enc") instanceof JsonArray enc && !enc.elements().isEmpty()) {
      throw unsupported("categorical features (gradient_booster.model.cats.enc is not empty)",
          "only numeric splits are supported");
    }
  }

  private static XgbPredictor forest(JsonObject model, int featureCount, float baseMargin, int maxCompleteDepth) {
    List<JsonValue> trees = JsonTrees.requireArray(model, "trees").elements();
    if (model.get("tree_info") instanceof JsonArray info) {
      for (int i = 0; i < info.elements().size(); i++) {
        if (!(info.elements().get(i) instanceof JsonNumber n && n.text().equals("0"))) {
          throw unsupported("trees for several outputs (tree_info[" + i + "] is not 0)",
              "only single-output models are supported");
        }
      }
    }
    List<XgbTree> tables = new ArrayList<>(trees.size());
    for (int t = 0; t < trees.size(); t++) {
      int treeIndex = t;
      tables.add(at(".trees[" + t + "]", () -> {
        if (trees.get(treeIndex) instanceof JsonObject tree) {
          return tree(tree, featureCount, treeIndex);
        }
        throw new JsonInputException("must be an object");
      }));
    }
    return new XgbPredictor(featureCount, baseMargin, TreeLayout.of(tables, maxCompleteDepth));
  }

  /** One tree: XGBoost's parallel arrays indexed by node id, node 0 the root. */
  private static XgbTree tree(JsonObject tree, int featureCount, int treeIndex) {
    JsonObject param = JsonTrees.requireObject(tree, "tree_param");
    int numNodes = at(".tree_param", () -> {
      int leafSize = optionalIntString(param, "size_leaf_vector", 1);
      if (leafSize > 1) {
        throw unsupported("vector leaves (tree " + treeIndex + " has size_leaf_vector " + leafSize + ")",
            "only scalar leaves are supported");
      }
      int n = intString(param, "num_nodes");
      if (n <= 0) {
        throw new JsonInputException("must be positive").within(".num_nodes");
      }
      return n;
    });
    rejectCategoricalSplits(tree, treeIndex, numNodes);
    return new XgbTree(featureCount, ints(tree, "split_indices", numNodes), floats(tree, "split_conditions", numNodes),
        ints(tree, "left_children", numNodes), ints(tree, "right_children", numNodes),
        flags(tree, "default_left", numNodes));
  }

  private static void rejectCategoricalSplits(JsonObject tree, int treeIndex, int numNodes) {
    if (tree.get("split_type") instanceof JsonArray) {
      int[] types = ints(tree, "split_type", numNodes);
      for (int id = 0; id < types.length; id++) {
        if (types[id] != 0) {
          throw unsupported("categorical splits (tree " + treeIndex + ", node " + id + " has split_type " + types[id]
              + ")", "only numeric splits are supported");
        }
      }
    }
    if (tree.get("categories_nodes") instanceof JsonArray nodes && !nodes.elements().isEmpty()) {
      throw unsupported("categorical splits (tree " + treeIndex + " lists categories_nodes)",
          "only numeric splits are supported");
    }
  }

  private static UnsupportedModelException unsupported(String what, String onlyWhat) {
    return new UnsupportedModelException("Unsupported XGBoost model: it uses " + what + "; " + onlyWhat);
  }

  /** XGBoost writes its parameters as strings holding numbers: {@code "num_feature": "61"}. */
  private static int intString(JsonObject o, String name) {
    JsonValue v = o.get(name);
    String text = v instanceof JsonString s ? s.value() : v instanceof JsonNumber n ? n.text() : null;
    Integer value = text == null ? null : exactInt(text);
    if (value == null) {
      throw JsonTrees.missingOrWrong(o, name, "an integer string");
    }
    return value;
  }

  private static int optionalIntString(JsonObject o, String name, int absent) {
    return o.has(name) ? intString(o, name) : absent;
  }

  private static int[] ints(JsonObject o, String name, int size) {
    List<JsonValue> values = sized(o, name, size);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      Integer v = values.get(i) instanceof JsonNumber n ? exactInt(n.text()) : null;
      if (v == null) {
        throw new JsonInputException("must be an integer").within("[" + i + "]").within("." + name);
      }
      out[i] = v;
    }
    return out;
  }

  private static float[] floats(JsonObject o, String name, int size) {
    List<JsonValue> values = sized(o, name, size);
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      if (!(values.get(i) instanceof JsonNumber n)) {
        throw new JsonInputException("must be a number").within("[" + i + "]").within("." + name);
      }
      // XGBoost writes each float's shortest round-trip text, so this is the float it holds.
      out[i] = Float.parseFloat(n.text());
      if (!Float.isFinite(out[i])) {
        throw new JsonInputException("must be a finite float, not " + n.text()).within("[" + i + "]")
            .within("." + name);
      }
    }
    return out;
  }

  /** {@code default_left}: 0/1 integers since XGBoost 2, booleans before. */
  private static boolean[] flags(JsonObject o, String name, int size) {
    List<JsonValue> values = sized(o, name, size);
    boolean[] out = new boolean[size];
    for (int i = 0; i < size; i++) {
      JsonValue v = values.get(i);
      if (v instanceof JsonBoolean b) {
        out[i] = b.value();
      } else if (v instanceof JsonNumber n && ("0".equals(n.text()) || "1".equals(n.text()))) {
        out[i] = n.text().equals("1");
      } else {
        throw new JsonInputException("must be 0, 1, true or false").within("[" + i + "]").within("." + name);
      }
    }
    return out;
  }

  private static List<JsonValue> sized(JsonObject o, String name, int size) {
    List<JsonValue> values = JsonTrees.requireArray(o, name).elements();
    if (values.size() != size) {
      throw new JsonInputException("has " + values.size() + " entries, tree_param.num_nodes says " + size)
          .within("." + name);
    }
    return values;
  }

  private static Integer exactInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      try {
        return new BigDecimal(text).intValueExact();
      } catch (ArithmeticException | NumberFormatException notInt) {
        return null;
      }
    }
  }
}
