package io.bidsift.training.preprocess;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import io.bidsift.auctionlog.Outcome;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.cli.Reasons;
import io.bidsift.features.EncodingTables;
import io.bidsift.features.FeatureSchema;
import io.bidsift.features.KeyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Auction logs v1 to a training set (the issue "Training pipeline", preprocessing):
 *
 * <ol>
 *   <li><b>count</b>: read every {@code *.jsonl[.gz]} line under the input, decode it (malformed
 *       lines are counted and skipped), and count the labelled callouts (contracts.md §1: sent,
 *       outcome bid or no_bid) per day, DSP and key; the other callouts are only counted by outcome;</li>
 *   <li><b>tables</b>: split the days (see {@link DaySplit}) and build, per day, encoding tables
 *       from the EARLIER days only, so that no row's target encoding has seen its own label or
 *       anything after it; and the final tables from all days, for serving; the baseline's lookup
 *       tables ({@code BaselineTable}) likewise;</li>
 *   <li><b>encode_parquet</b>: read and decode again, and encode every labelled callout of a
 *       train/valid/test day with {@code FeatureEncoder} (the bid filter's code) against its
 *       day's tables, with its baseline rate; write Parquet ({@link TrainsetColumns});</li>
 *   <li><b>libsvm</b> (optional): train and valid splits as LibSVM text for SageMaker.</li>
 * </ol>
 *
 * Files are read by {@link LogFileLines} (lines straight from the decompressed bytes, the
 * tolerance of {@code AuctionLogReader}). Decoding twice costs less than keeping decoded auctions
 * between the passes, and the second pass is the serving code path as is. Output: {@code OUT/trainset/} with {@code parquet/},
 * {@code libsvm/{train,valid}/}, {@code encodings.json}, {@code baseline_table.json}, {@code feature_schema.json} and
 * {@code preprocess_stats.json}.
 */
public final class PreprocessJob {

  /** Small tasks balance the cores; each reads its run of files sequentially. */
  private static final int TASKS_PER_CORE = 8;
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");
  /** label, then index:value for every feature that is not missing; zeros are written (XGBoost reads absent as missing). */
  private static final String LIBSVM_LINE = "concat_ws(' ', cast(label as string), "
      + "transform(features, (x, i) -> IF(isnan(x), NULL, concat(cast(i as string), ':', cast(x as string)))))";

  private final SparkSession spark;
  private final Consumer<String> progress;

  /** @param progress receives a line per stage (e.g. {@code System.err::println}) */
  public PreprocessJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /**
   * @throws PreprocessException with a one-line reason when the input has no log files, no valid
   *     lines, no labelled callouts or too few days
   */
  public PreprocessResult run(PreprocessConfig config) {
    Stopwatch total = new Stopwatch();
    String logs = qualify(config.logs());
    String trainset = qualify(config.out()).replaceAll("/+$", "") + "/trainset";
    OutputFiles output = new OutputFiles(spark.sparkContext().hadoopConfiguration());

    HadoopConf hadoop = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> logFiles = LogFiles.list(logs, config.logs(), hadoop.get());
    if (logFiles.isEmpty()) {
      throw new PreprocessException("no auction log files (*.jsonl, *.jsonl.gz) under " + config.logs());
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Files in order, a run of consecutive ones per task: a gzip file cannot be split anyway.
    JavaRDD<String> files = jsc.parallelize(logFiles,
        Math.min(logFiles.size(), jsc.defaultParallelism() * TASKS_PER_CORE));

    progress.accept("preprocess: counting " + logFiles.size() + " log files under " + config.logs());
    Stopwatch watch = new Stopwatch();
    ScanCounters counters = ScanCounters.register(spark.sparkContext());
    List<Row> counted = spark.createDataFrame(files.mapPartitions(new CountPartition(counters, hadoop)),
            CountPartition.SCHEMA)
        .groupBy(CountPartition.DAY, CountPartition.DSP, CountPartition.KIND, CountPartition.KEY,
            CountPartition.SUB_KEY)
        .agg(sum(CountPartition.BIDS).as(CountPartition.BIDS), sum(CountPartition.TRIALS).as(CountPartition.TRIALS))
        .collectAsList();
    DayCounts counts = DayCounts.of(counted);
    StageTiming countStage = watch.stage("count", counters.lines(), counts.labelledRows());
    checkUsable(config.logs(), counters, counts);
    progress.accept(String.format(Locale.ROOT, "preprocess: %,d lines (%,d malformed), %,d labelled callouts, "
        + "%d days in %.1f s", counters.lines(), counters.malformed(), counts.labelledRows(), counts.days().size(),
        countStage.seconds()));

    watch = new Stopwatch();
    DaySplit split = DaySplit.of(counts.days(), config.validDays(), config.testDays(), config.historyDays());
    DayCounts.Tables tables = counts.tables(split, config.smoothing());
    StageTiming tablesStage = watch.stage("tables", 0, counts.labelledRows());

    progress.accept("preprocess: encoding features and writing " + trainset);
    watch = new Stopwatch();
    output.deleteIfPresent(trainset);
    String parquet = trainset + "/parquet";
    Broadcast<DayPlan> plan = jsc.broadcast(DayPlan.of(split.byDay(), tables.byDay(), tables.baselineByDay()));
    spark.createDataFrame(files.mapPartitions(new EncodePartition(plan, hadoop)), TrainsetColumns.SCHEMA)
        .write().mode(SaveMode.Overwrite)
        // Dictionary-encoding ~60 floats per row costs more than it saves.
        .option("parquet.enable.dictionary#features.list.element", "false")
        .parquet(parquet);
    plan.destroy();

    Map<String, LabelCounts> splitStats = counts.splitStats(split);
    long written = rows(splitStats, Split.TRAIN) + rows(splitStats, Split.VALID) + rows(splitStats, Split.TEST);
    List<StageTiming> timings = new ArrayList<>(List.of(countStage, tablesStage,
        watch.stage("encode_parquet", counters.lines(), written)));

    String libsvmTrain = null;
    String libsvmValid = null;
    if (config.libsvm()) {
      progress.accept("preprocess: writing LibSVM train and valid splits");
      watch = new Stopwatch();
      libsvmTrain = trainset + "/libsvm/train";
      libsvmValid = trainset + "/libsvm/valid";
      Dataset<Row> rows = spark.read().parquet(parquet);
      writeLibsvm(rows, Split.TRAIN, libsvmTrain);
      writeLibsvm(rows, Split.VALID, libsvmValid);
      timings.add(watch.stage("libsvm", 0, rows(splitStats, Split.TRAIN) + rows(splitStats, Split.VALID)));
    }
    timings.add(total.stage("total", counters.lines(), written));

    PreprocessStats stats = new PreprocessStats(config.logs(), logFiles.size(), counters.lines(), counters.malformed(),
        counters.sampleErrors(), counters.auctions(), outcomeCounts(counters), counts.labelledRows(),
        counts.dayStats(split), splitStats, counts.dspStats(split), keyCounts(tables.all()),
        config.smoothing(), FeatureSchema.FEATURE_SPEC_VERSION, FeatureSchema.size(), List.copyOf(timings));
    String encodings = trainset + "/encodings.json";
    String schema = trainset + "/feature_schema.json";
    String statsJson = trainset + "/preprocess_stats.json";
    String baseline = trainset + "/baseline_table.json";
    output.write(encodings, tables.all()::writeJson);
    output.write(baseline, out -> out.write(JsonTrees.toBytes(tables.baselineAll().toJson(), false)));
    output.write(schema, FeatureSchema::writeJson);
    output.write(statsJson, stats::writeJson);
    progress.accept(String.format(Locale.ROOT, "preprocess: %,d rows (train %,d, valid %,d, test %,d) in %.1f s",
        written, rows(splitStats, Split.TRAIN), rows(splitStats, Split.VALID), rows(splitStats, Split.TEST),
        total.seconds()));
    return new PreprocessResult(trainset, parquet, libsvmTrain, libsvmValid, encodings, baseline, schema, statsJson,
        tables.all(), tables.baselineAll(), stats);
  }

  private static void checkUsable(String given, ScanCounters counters, DayCounts counts) {
    if (counters.lines() == 0) {
      throw new PreprocessException("the auction log files under " + given + " are empty");
    }
    if (counters.auctions() == 0) {
      List<String> errors = counters.sampleErrors();
      throw new PreprocessException("no valid auction log lines under " + given + ": all " + counters.lines()
          + " lines are malformed" + (errors.isEmpty() ? "" : ", e.g. " + Reasons.firstLine(errors.get(0))));
    }
    if (counts.labelledRows() == 0) {
      throw new PreprocessException("no labelled callouts under " + given + " (sent, with outcome bid or no_bid): "
          + counters.auctions() + " auctions, callouts " + describe(outcomeCounts(counters)));
    }
  }

  private static void writeLibsvm(Dataset<Row> rows, Split split, String dir) {
    rows.filter(col(TrainsetColumns.SPLIT).equalTo(split.wireName()))
        .select(expr(LIBSVM_LINE))
        .write().mode(SaveMode.Overwrite).text(dir);
  }

  private static Map<String, Long> outcomeCounts(ScanCounters counters) {
    Map<String, Long> out = new LinkedHashMap<>();
    counters.calloutsByOutcome().forEach((o, n) -> out.put(o.wire(), n));
    return out;
  }

  private static Map<String, Long> keyCounts(EncodingTables tables) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (KeyKind kind : KeyKind.all()) {
      long n = 0;
      for (String dsp : tables.dsps()) {
        n += tables.keyCount(dsp, kind);
      }
      out.put(kind.wireName(), n);
    }
    return out;
  }

  private static String describe(Map<String, Long> byOutcome) {
    StringBuilder s = new StringBuilder();
    for (Outcome o : Outcome.values()) {
      s.append(s.length() == 0 ? "" : ", ").append(o.wire()).append(' ').append(byOutcome.get(o.wire()));
    }
    return s.toString();
  }

  private static long rows(Map<String, LabelCounts> splits, Split split) {
    return splits.getOrDefault(split.wireName(), LabelCounts.ZERO).rows();
  }

  /** A local path as an absolute file: URI (Spark resolves relative paths against its own idea of cwd). */
  static String qualify(String location) {
    return URI_SCHEME.matcher(location).matches() ? location : Path.of(location).toAbsolutePath().normalize().toUri()
        .toString();
  }
}
