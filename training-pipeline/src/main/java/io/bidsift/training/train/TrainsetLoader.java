package io.bidsift.training.train;

import io.bidsift.training.preprocess.Split;
import io.bidsift.training.preprocess.TrainsetColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.datasources.parquet.VectorizedParquetRecordReader;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Loads the training set Parquet into memory, one {@link FeatureRows} per split.
 *
 * <p>The files are read on the driver with Spark's own vectorized Parquet reader, one file per
 * thread, and each batch's feature vectors are copied into the matrix in one bulk copy. Reading
 * them through a Spark job instead costs three times as much on the 3.4 M-row benchmark set:
 * every row goes through an {@code UnsafeRow}, and the packed arrays are then serialised as task
 * results and deserialised on the driver (0.8 GB). {@code VectorizedParquetRecordReader} is a
 * Spark-internal class; this is the one place that uses it, and the end-to-end test covers it.
 */
public final class TrainsetLoader {

  /** Columns read, in this order. */
  private static final List<String> COLUMNS = List.of(TrainsetColumns.SPLIT, TrainsetColumns.DSP,
      TrainsetColumns.LABEL, TrainsetColumns.PRICE, TrainsetColumns.EXPLORE, TrainsetColumns.FEATURES,
      TrainsetColumns.DAY, TrainsetColumns.BASELINE_RATE);
  private static final Split[] SPLITS = {Split.TRAIN, Split.VALID, Split.TEST};
  private static final int BATCH_ROWS = 4096;

  /**
   * @param train    the training split
   * @param valid    the validation split (thresholds, early stopping)
   * @param test     the held-out split (the reported figures)
   * @param firstDay per split, its first day (YYYY-MM-DD); absent for an empty split
   * @param lastDay  per split, its last day
   */
  public record Trainset(FeatureRows train, FeatureRows valid, FeatureRows test, Map<Split, String> firstDay,
                         Map<Split, String> lastDay) {

    public long rows() {
      return (long) train.rows() + valid.rows() + test.rows();
    }
  }

  private final Configuration hadoop;
  private final int threads;

  /**
   * @param hadoop  file system configuration for the Parquet location
   * @param threads files read at once
   */
  public TrainsetLoader(Configuration hadoop, int threads) {
    this.hadoop = hadoop;
    this.threads = Math.max(1, threads);
  }

  /**
   * @param parquet the training set Parquet directory (local path or Hadoop URI)
   * @param width   features per row; a row of another width is an error (a training set of
   *                another feature spec)
   */
  public Trainset load(String parquet, int width) {
    List<String> files = parquetFiles(parquet);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())));
    List<FilePart> parts = new ArrayList<>();
    try {
      List<Future<FilePart>> futures = new ArrayList<>();
      for (String file : files) {
        futures.add(pool.submit(() -> readFile(file, width)));
      }
      for (Future<FilePart> f : futures) {
        parts.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + parquet, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }

    TreeSet<String> vocabulary = new TreeSet<>();
    for (FilePart p : parts) {
      vocabulary.addAll(p.dspNames);
    }
    List<String> dsps = List.copyOf(vocabulary);
    Map<Split, String> first = new TreeMap<>();
    Map<Split, String> last = new TreeMap<>();
    FeatureRows[] out = new FeatureRows[SPLITS.length];
    for (int s = 0; s < SPLITS.length; s++) {
      out[s] = gather(parts, s, dsps, width);
      for (FilePart p : parts) {
        SplitPart sp = p.splits[s];
        if (sp.firstDay != null) {
          first.merge(SPLITS[s], sp.firstDay, (a, b) -> a.compareTo(b) <= 0 ? a : b);
          last.merge(SPLITS[s], sp.lastDay, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
      }
    }
    return new Trainset(out[0], out[1], out[2], first, last);
  }

  private List<String> parquetFiles(String dir) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      List<String> files = new ArrayList<>();
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        if (f.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
          files.add(f.getPath().toString());
        }
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the training set " + dir, e);
    }
  }

  private static FilePart readFile(String file, int width) throws IOException {
    FilePart part = new FilePart(width);
    VectorizedParquetRecordReader reader = new VectorizedParquetRecordReader(false, BATCH_ROWS);
    try {
      reader.initialize(file, COLUMNS);
      ColumnarBatch batch = reader.resultBatch();
      while (reader.nextBatch()) {
        part.add(batch, file);
      }
    } finally {
      reader.close();
    }
    return part;
  }

  private static FeatureRows gather(List<FilePart> parts, int split, List<String> dsps, int width) {
    int n = 0;
    for (FilePart p : parts) {
      n += p.splits[split].rows;
    }
    float[] features = new float[Math.multiplyExact(n, width)];
    int[] dsp = new int[n];
    boolean[] bid = new boolean[n];
    double[] price = new double[n];
    boolean[] explore = new boolean[n];
    double[] baseline = new double[n];
    int r = 0;
    for (FilePart p : parts) {
      SplitPart sp = p.splits[split];
      int[] remap = new int[p.dspNames.size()];
      for (int k = 0; k < remap.length; k++) {
        remap[k] = dsps.indexOf(p.dspNames.get(k));
      }
      int copied = 0;
      for (float[] block : sp.blocks) {
        int floats = Math.min(block.length, (sp.rows - copied) * width);
        System.arraycopy(block, 0, features, (r + copied) * width, floats);
        copied += floats / width;
      }
      // Let the copied blocks go: the peak is then one matrix and a little, not two.
      sp.blocks.clear();
      for (int i = 0; i < sp.rows; i++) {
        dsp[r + i] = remap[sp.dsp[i]];
      }
      System.arraycopy(sp.bid, 0, bid, r, sp.rows);
      System.arraycopy(sp.price, 0, price, r, sp.rows);
      System.arraycopy(sp.explore, 0, explore, r, sp.rows);
      System.arraycopy(sp.baseline, 0, baseline, r, sp.rows);
      r += sp.rows;
    }
    return new FeatureRows(dsps, width, features, dsp, bid, price, explore, baseline);
  }

  /** The rows of one Parquet file, by split. */
  private static final class FilePart {
    private static final UTF8String[] SPLIT_NAMES = new UTF8String[SPLITS.length];

    static {
      for (int s = 0; s < SPLITS.length; s++) {
        SPLIT_NAMES[s] = UTF8String.fromString(SPLITS[s].wireName());
      }
    }

    final int width;
    final List<String> dspNames = new ArrayList<>();
    final Map<UTF8String, Integer> dspIndex = new HashMap<>();
    final SplitPart[] splits = new SplitPart[SPLITS.length];

    FilePart(int width) {
      this.width = width;
      for (int s = 0; s < SPLITS.length; s++) {
        splits[s] = new SplitPart(width);
      }
    }

    void add(ColumnarBatch batch, String file) {
      int n = batch.numRows();
      ColumnVector split = batch.column(0);
      ColumnVector dsp = batch.column(1);
      ColumnVector label = batch.column(2);
      ColumnVector price = batch.column(3);
      ColumnVector explore = batch.column(4);
      WritableColumnVector features = (WritableColumnVector) batch.column(5);
      ColumnVector day = batch.column(6);
      ColumnVector baseline = batch.column(7);
      for (int i = 0; i < n; i++) {
        if (features.isNullAt(i) || features.getArrayLength(i) != width) {
          throw new IllegalStateException(file + ": a feature vector of length "
              + (features.isNullAt(i) ? "null" : features.getArrayLength(i)) + ", this trainer expects " + width
              + ": the training set was written for another feature spec");
        }
      }
      // Vectors of one batch sit back to back in the child vector: one copy for the batch.
      int offset = features.getArrayOffset(0);
      boolean contiguous = features.getArrayOffset(n - 1) == offset + (n - 1) * width;
      float[] matrix = contiguous ? features.getChild(0).getFloats(offset, n * width) : null;
      for (int i = 0; i < n; i++) {
        int s = splitIndex(split.getUTF8String(i));
        if (s < 0) {
          continue;
        }
        UTF8String name = dsp.getUTF8String(i);
        Integer d = dspIndex.get(name);
        if (d == null) {
          d = dspNames.size();
          // The batch's strings point into buffers the reader reuses: keep a copy.
          dspIndex.put(name.clone(), d);
          dspNames.add(name.toString());
        }
        float[] row = matrix != null ? null : features.getArray(i).toFloatArray();
        splits[s].add(d, label.getInt(i) == 1, price.isNullAt(i) ? Double.NaN : price.getDouble(i),
            explore.getBoolean(i), baseline.isNullAt(i) ? Double.NaN : baseline.getDouble(i),
            matrix != null ? matrix : row, matrix != null ? i * width : 0, day.getUTF8String(i));
      }
    }

    private static int splitIndex(UTF8String wire) {
      for (int s = 0; s < SPLITS.length; s++) {
        if (SPLIT_NAMES[s].equals(wire)) {
          return s;
        }
      }
      return -1;
    }
  }

  /**
   * The rows of one split within a file. Features go into fixed-size blocks: growing one array
   * by doubling would copy and re-allocate hundreds of megabytes.
   */
  private static final class SplitPart {
    private static final int BLOCK_ROWS = 4096;

    private final int width;
    final List<float[]> blocks = new ArrayList<>();
    int rows;
    int[] dsp = new int[1024];
    boolean[] bid = new boolean[1024];
    double[] price = new double[1024];
    boolean[] explore = new boolean[1024];
    double[] baseline = new double[1024];
    String firstDay;
    String lastDay;
    private UTF8String first;
    private UTF8String last;

    SplitPart(int width) {
      this.width = width;
    }

    void add(int dspIndex, boolean isBid, double bidPrice, boolean isExplore, double baselineRate, float[] features,
             int from, UTF8String day) {
      if (rows == dsp.length) {
        int cap = dsp.length * 2;
        dsp = Arrays.copyOf(dsp, cap);
        bid = Arrays.copyOf(bid, cap);
        price = Arrays.copyOf(price, cap);
        explore = Arrays.copyOf(explore, cap);
        baseline = Arrays.copyOf(baseline, cap);
      }
      int inBlock = rows % BLOCK_ROWS;
      if (inBlock == 0) {
        blocks.add(new float[BLOCK_ROWS * width]);
      }
      System.arraycopy(features, from, blocks.get(blocks.size() - 1), inBlock * width, width);
      dsp[rows] = dspIndex;
      bid[rows] = isBid;
      price[rows] = bidPrice;
      explore[rows] = isExplore;
      baseline[rows] = baselineRate;
      rows++;
      if (first == null || day.compareTo(first) < 0) {
        first = day.clone();
        firstDay = first.toString();
      }
      if (last == null || day.compareTo(last) > 0) {
        last = day.clone();
        lastDay = last.toString();
      }
    }
  }
}
