package io.bidsift.training.train;

/**
 * The validation figures after one boosting round.
 *
 * @param round    0-based round
 * @param logLoss  validation logloss (early stopping watches it)
 * @param aucPr    validation PR-AUC, as XGBoost computes it
 */
public record RoundEval(int round, double logLoss, double aucPr) {
}
