package io.bidsift.bundle;

import java.util.Objects;

/**
 * What a loader needs to know about the model file.
 *
 * @param file           the model's file name in the bundle
 * @param format         {@code xgboost-json}: XGBoost's own JSON model format, as {@code Booster.saveModel} writes it
 * @param objective      {@code binary:logistic}: the score is the sigmoid of the summed leaf values plus base_score's margin
 * @param rounds         boosting rounds (trees) in the model, after early stopping
 * @param xgboostVersion the XGBoost version that wrote it
 */
public record ModelInfo(String file, String format, String objective, int rounds, String xgboostVersion) {

  public static final String XGBOOST_JSON = "xgboost-json";

  public ModelInfo {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(objective, "objective");
  }
}
