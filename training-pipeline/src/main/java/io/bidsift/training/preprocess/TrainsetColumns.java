package io.bidsift.training.preprocess;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the training set Parquet ({@code trainset/parquet/}): one row per labelled
 * (auction, DSP) callout of a non-history day.
 */
public final class TrainsetColumns {

  /** The request id. */
  public static final String AUCTION_ID = "auction_id";
  /** Auction start (the log's {@code ts}). */
  public static final String TS = "ts";
  /** UTC day of {@code ts}, {@code YYYY-MM-DD}. */
  public static final String DAY = "day";
  public static final String DSP = "dsp";
  /** 1 bid, 0 no bid (contracts.md §1). */
  public static final String LABEL = "label";
  /** Bid price in USD CPM when label is 1, else null. */
  public static final String PRICE = "price";
  /** Sent only because the auction was in the exploration slice. */
  public static final String EXPLORE = "explore";
  /** {@link Split#wireName()}: train, valid or test. */
  public static final String SPLIT = "split";
  /** The {@code FeatureSchema} vector; NaN is missing. */
  public static final String FEATURES = "features";
  /**
   * The baseline's score: the DSP's smoothed bid rate on the request's (publisher, format,
   * environment) over the days before the row's day ({@code io.bidsift.training.evaluate.BaselineTable});
   * null when the DSP had no history.
   */
  public static final String BASELINE_RATE = "baseline_rate";

  public static final StructType SCHEMA = new StructType()
      .add(AUCTION_ID, DataTypes.StringType, true)
      .add(TS, DataTypes.TimestampType, false)
      .add(DAY, DataTypes.StringType, false)
      .add(DSP, DataTypes.StringType, false)
      .add(LABEL, DataTypes.IntegerType, false)
      .add(PRICE, DataTypes.DoubleType, true)
      .add(EXPLORE, DataTypes.BooleanType, false)
      .add(SPLIT, DataTypes.StringType, false)
      .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
      .add(BASELINE_RATE, DataTypes.DoubleType, true);

  private TrainsetColumns() {
  }
}
