package io.bidsift.training.preprocess;

import io.bidsift.features.EncodingTables;

/**
 * Where preprocessing wrote the training set, and what it found. Locations are URIs
 * ({@code file:/...} for local output).
 *
 * @param trainsetDir  {@code OUT/trainset}
 * @param parquet      the rows, {@link TrainsetColumns}
 * @param libsvmTrain  train split in LibSVM (0-based feature indices), null when not written
 * @param libsvmValid  validation split in LibSVM, null when not written
 * @param encodings    {@code encodings.json}: {@link #tables()}
 * @param featureSchema {@code feature_schema.json}
 * @param statsJson    {@code preprocess_stats.json}: {@link #stats()}
 * @param tables       the encoding tables from every input day: what serving uses
 * @param stats        counts and timings
 */
public record PreprocessResult(String trainsetDir, String parquet, String libsvmTrain, String libsvmValid,
                               String encodings, String featureSchema, String statsJson,
                               EncodingTables tables, PreprocessStats stats) {
}
