package io.bidsift.training.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains one XGBoost model for all DSPs (the DSP is a feature) on a single node with
 * XGBoost4J, early-stopping on validation logloss.
 *
 * <p>The rounds are driven here rather than by {@code XGBoost.train}, for two reasons: the model
 * kept is the one of the best round (XGBoost4J's early stopping keeps the extra rounds in the
 * booster, and a scorer that reads the file would use them), and the validation curve is
 * recorded for the report. The booster of the best round so far is kept as UBJSON bytes, which
 * costs a few milliseconds per improving round.
 */
public final class XgbTrainer {

  private static final int PROGRESS_EVERY_ROUNDS = 10;

  /**
   * @throws TrainingException when the data cannot give a model: no training or validation rows,
   *     or a training window with a single class
   */
  public TrainedModel train(FeatureRows train, FeatureRows valid, List<String> featureNames, Hyperparameters hp,
                            Progress progress) {
    if (train.rows() == 0) {
      throw new TrainingException("the training window has no labelled callouts");
    }
    if (valid.rows() == 0) {
      throw new TrainingException("the validation window has no labelled callouts");
    }
    long bids = train.bids();
    if (bids == 0 || bids == train.rows()) {
      throw new TrainingException("the training window has a single class: " + train.rows() + " labelled callouts, "
          + (bids == 0 ? "no bid" : "all bids") + "; a bid model needs both");
    }
    if (featureNames.size() != train.width()) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + train.width() + " features");
    }
    DMatrix dtrain = null;
    DMatrix dvalid = null;
    Booster booster = null;
    try {
      long t0 = System.nanoTime();
      dtrain = matrix(train, featureNames);
      dvalid = matrix(valid, featureNames);
      progress.line(String.format(Locale.ROOT, "train: DMatrix of %,d + %,d rows in %.1f s", train.rows(), valid.rows(),
          seconds(t0)));

      booster = XGBoost.train(dtrain, hp.xgboostParams(), 0, new HashMap<>(), null, null);
      for (String metric : Hyperparameters.EVAL_METRICS) {
        // Set one by one: each eval_metric setting adds a metric.
        booster.setParam("eval_metric", metric);
      }
      List<RoundEval> curve = new ArrayList<>();
      double best = Double.POSITIVE_INFINITY;
      int bestRound = -1;
      byte[] bestModel = null;
      long start = System.nanoTime();
      for (int round = 0; round < hp.numRound(); round++) {
        booster.update(dtrain, round);
        RoundEval eval = parse(round, booster.evalSet(new DMatrix[] {dvalid}, new String[] {"valid"}, round));
        curve.add(eval);
        if (eval.logLoss() < best) {
          best = eval.logLoss();
          bestRound = round;
          bestModel = booster.toByteArray("ubj");
        }
        if ((round + 1) % PROGRESS_EVERY_ROUNDS == 0) {
          progress.line(String.format(Locale.ROOT,
              "train: round %d, valid logloss %.5f aucpr %.4f (best round %d), %.2f s/round", round + 1,
              eval.logLoss(), eval.aucPr(), bestRound + 1, seconds(start) / (round + 1)));
        }
        if (round - bestRound >= hp.earlyStoppingRounds()) {
          progress.line("train: early stop after round " + (round + 1) + ", keeping round " + (bestRound + 1));
          break;
        }
      }
      Booster kept = XGBoost.loadModel(bestModel);
      try {
        return new TrainedModel(kept.toByteArray("json"), bestRound + 1, curve);
      } finally {
        kept.dispose();
      }
    } catch (XGBoostError | java.io.IOException e) {
      throw new TrainingException("XGBoost failed: " + e.getMessage(), e);
    } finally {
      dispose(booster, dtrain, dvalid);
    }
  }

  private static DMatrix matrix(FeatureRows rows, List<String> featureNames) throws XGBoostError {
    DMatrix m = new DMatrix(rows.matrix(), rows.rows(), rows.width(), Float.NaN);
    m.setLabel(rows.labels());
    m.setFeatureNames(featureNames.toArray(String[]::new));
    return m;
  }

  /** Parses {@code [12]\tvalid-logloss:0.2\tvalid-aucpr:0.6}. */
  static RoundEval parse(int round, String evalLine) {
    double logLoss = Double.NaN;
    double aucPr = Double.NaN;
    for (String part : evalLine.trim().split("\t")) {
      int colon = part.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = part.substring(0, colon);
      double value = Double.parseDouble(part.substring(colon + 1));
      if (name.endsWith("-logloss")) {
        logLoss = value;
      } else if (name.endsWith("-aucpr")) {
        aucPr = value;
      }
    }
    if (Double.isNaN(logLoss)) {
      throw new TrainingException("XGBoost reported no validation logloss: " + evalLine);
    }
    return new RoundEval(round, logLoss, aucPr);
  }

  private static void dispose(Booster booster, DMatrix... matrices) {
    if (booster != null) {
      booster.dispose();
    }
    for (DMatrix m : matrices) {
      if (m != null) {
        m.dispose();
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
