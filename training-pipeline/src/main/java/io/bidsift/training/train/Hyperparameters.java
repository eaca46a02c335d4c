package io.bidsift.training.train;

import io.bidsift.json.JsonInputException;
import io.bidsift.json.JsonObject;
import io.bidsift.json.JsonValue;
import io.bidsift.bundle.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * XGBoost's training parameters. The defaults live in {@code hyperparameters.json} on the
 * classpath; a file given with {@code --hyperparameters} overrides any subset of them. The
 * objective ({@code binary:logistic}), the tree method ({@code hist}) and the evaluation metrics
 * (logloss, which early stopping watches, and aucpr) are fixed: the bundle format and the
 * evaluation depend on them.
 *
 * @param eta                 learning rate
 * @param maxDepth            deepest tree
 * @param minChildWeight      least hessian in a leaf
 * @param subsample           share of rows sampled per tree
 * @param colsampleBytree     share of features sampled per tree
 * @param lambda              L2 regularisation of leaf weights
 * @param alpha               L1 regularisation of leaf weights
 * @param maxBin              histogram bins per feature
 * @param numRound            most boosting rounds
 * @param earlyStoppingRounds stop when validation logloss has not improved for this many rounds
 * @param nthread             threads; 0 means every available core
 * @param seed                random seed, for reproducible models
 */
public record Hyperparameters(double eta, int maxDepth, double minChildWeight, double subsample,
                              double colsampleBytree, double lambda, double alpha, int maxBin, int numRound,
                              int earlyStoppingRounds, int nthread, int seed) {

  public static final String OBJECTIVE = "binary:logistic";
  public static final String TREE_METHOD = "hist";
  /** Early stopping watches the first. */
  public static final String[] EVAL_METRICS = {"logloss", "aucpr"};

  private static final Set<String> NAMES = Set.of("eta", "max_depth", "min_child_weight", "subsample",
      "colsample_bytree", "lambda", "alpha", "max_bin", "num_round", "early_stopping_rounds", "nthread", "seed");

  public Hyperparameters {
    check(eta > 0 && eta <= 1, "eta must be in (0, 1]");
    check(maxDepth >= 1 && maxDepth <= 16, "max_depth must be in [1, 16]");
    check(minChildWeight >= 0, "min_child_weight must be >= 0");
    check(subsample > 0 && subsample <= 1, "subsample must be in (0, 1]");
    check(colsampleBytree > 0 && colsampleBytree <= 1, "colsample_bytree must be in (0, 1]");
    check(lambda >= 0 && alpha >= 0, "lambda and alpha must be >= 0");
    check(maxBin >= 2, "max_bin must be >= 2");
    check(numRound >= 1, "num_round must be >= 1");
    check(earlyStoppingRounds >= 1, "early_stopping_rounds must be >= 1");
    check(nthread >= 0, "nthread must be >= 0");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("hyperparameters: " + message);
    }
  }

  /** The classpath defaults. */
  public static Hyperparameters defaults() {
    try (InputStream in = Hyperparameters.class.getResourceAsStream("/hyperparameters.json")) {
      if (in == null) {
        throw new IllegalStateException("hyperparameters.json is missing from the classpath");
      }
      return fromJson(JsonTrees.parseObject(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * These parameters with the members of {@code overrides} in their place.
   *
   * @throws IllegalArgumentException naming an unknown parameter (a typo must not pass silently)
   *     or a value out of range
   */
  public Hyperparameters overriddenBy(JsonObject overrides) {
    return fromJson(merge(toJson(), overrides));
  }

  private static JsonObject merge(JsonObject base, JsonObject overrides) {
    Map<String, JsonValue> m = new LinkedHashMap<>(base.members());
    m.putAll(overrides.members());
    return new JsonObject(m);
  }

  static Hyperparameters fromJson(JsonObject o) {
    for (String name : o.members().keySet()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("hyperparameters: unknown parameter '" + name + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(NAMES)) + ")");
      }
    }
    try {
      return new Hyperparameters(JsonTrees.requireNumber(o, "eta"), JsonTrees.requireInt(o, "max_depth"),
          JsonTrees.requireNumber(o, "min_child_weight"), JsonTrees.requireNumber(o, "subsample"),
          JsonTrees.requireNumber(o, "colsample_bytree"), JsonTrees.requireNumber(o, "lambda"),
          JsonTrees.requireNumber(o, "alpha"), JsonTrees.requireInt(o, "max_bin"), JsonTrees.requireInt(o, "num_round"),
          JsonTrees.requireInt(o, "early_stopping_rounds"), JsonTrees.requireInt(o, "nthread"),
          JsonTrees.requireInt(o, "seed"));
    } catch (JsonInputException e) {
      throw new IllegalArgumentException(e.atRoot("hyperparameters").getMessage(), e);
    }
  }

  public JsonObject toJson() {
    return JsonTrees.object()
        .put("eta", eta)
        .put("max_depth", maxDepth)
        .put("min_child_weight", minChildWeight)
        .put("subsample", subsample)
        .put("colsample_bytree", colsampleBytree)
        .put("lambda", lambda)
        .put("alpha", alpha)
        .put("max_bin", maxBin)
        .put("num_round", numRound)
        .put("early_stopping_rounds", earlyStoppingRounds)
        .put("nthread", nthread)
        .put("seed", seed)
        .build();
  }

  /** Threads to use: {@link #nthread}, or every available core when it is 0. */
  public int threads() {
    return nthread > 0 ? nthread : Runtime.getRuntime().availableProcessors();
  }

  /** The parameter map XGBoost4J takes, without the evaluation metrics (set one by one). */
  public Map<String, Object> xgboostParams() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", OBJECTIVE);
    p.put("tree_method", TREE_METHOD);
    p.put("eta", eta);
    p.put("max_depth", maxDepth);
    p.put("min_child_weight", minChildWeight);
    p.put("subsample", subsample);
    p.put("colsample_bytree", colsampleBytree);
    p.put("lambda", lambda);
    p.put("alpha", alpha);
    p.put("max_bin", maxBin);
    p.put("nthread", threads());
    p.put("seed", seed);
    p.put("verbosity", 1);
    return p;
  }
}
