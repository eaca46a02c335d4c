package io.bidsift.training.preprocess;

import io.bidsift.features.EncodingTables;
import io.bidsift.training.evaluate.BaselineTable;

/**
 * Where preprocessing wrote the training set, and what it found. Locations are URIs
 * ({@code file:/...} for local output).
 *
 * @param trainsetDir  {@code OUT/trainset}
 * @param parquet      the rows, {@link TrainsetColumns}
 * @param libsvmTrain  train split in LibSVM (0-based feature indices), null when not written
 * @param libsvmValid  validation split in LibSVM, null when not written
 * @param encodings    {@code encodings.json}: {@link #tables()}
 * @param baselineJson {@code baseline_table.json}: {@link #baseline()}
 * @param featureSchema {@code feature_schema.json}
 * @param statsJson    {@code preprocess_stats.json}: {@link #stats()}
 * @param tables       the encoding tables from every input day: what serving uses
 * @param baseline     the baseline's lookup table from every input day: what {@code evaluate} uses
 * @param stats        counts and timings
 */
public record PreprocessResult(String trainsetDir, String parquet, String libsvmTrain, String libsvmValid,
                               String encodings, String baselineJson, String featureSchema, String statsJson,
                               EncodingTables tables, BaselineTable baseline, PreprocessStats stats) {
}
