package io.bidsift.simulator.generate;

import java.util.List;

/**
 * What a generation wrote.
 *
 * @param auctions   auctions written
 * @param dsps       per DSP, in market order
 * @param hours      auctions per hour partition, in time order
 * @param files      the log files, sorted by path
 */
public record GenerationResult(long auctions, List<DspSummary> dsps, List<HourSummary> hours, List<FileSummary> files) {

  public GenerationResult {
    dsps = List.copyOf(dsps);
    hours = List.copyOf(hours);
    files = List.copyOf(files);
  }

  public long totalBytes() {
    return files.stream().mapToLong(FileSummary::bytes).sum();
  }

  /**
   * One DSP's callouts.
   *
   * @param bidRate      bids / (bids + no_bids)
   * @param meanBidPrice mean of the logged prices of its bids, USD CPM
   */
  public record DspSummary(String id, double targetBidRate, long callouts, long bids, long noBids, long timeouts,
                           long errors, double bidRate, double meanBidPrice) {
  }

  /** @param partition {@code dt=YYYY-MM-DD/hr=HH} */
  public record HourSummary(String partition, long auctions) {
  }

  /** @param path relative to the output directory, with {@code /} separators */
  public record FileSummary(String path, long bytes) {
  }
}
