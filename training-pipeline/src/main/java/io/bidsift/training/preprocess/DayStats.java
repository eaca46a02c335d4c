package io.bidsift.training.preprocess;

/** One UTC day of labelled callouts and what it was used for. */
public record DayStats(String day, Split split, LabelCounts counts) {
}
