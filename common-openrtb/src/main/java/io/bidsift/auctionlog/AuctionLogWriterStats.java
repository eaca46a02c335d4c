package io.bidsift.auctionlog;

/**
 * What an {@link AuctionLogWriter} has done so far.
 *
 * @param recordsWritten    records appended
 * @param filesFinished     files completed and renamed to {@code .jsonl.gz}
 * @param uncompressedBytes bytes of JSON lines appended, newlines included
 * @param compressedBytes   size on disk of the finished files
 * @param openFiles         files currently being written ({@code .jsonl.gz.inprogress})
 */
public record AuctionLogWriterStats(long recordsWritten, long filesFinished, long uncompressedBytes,
                                    long compressedBytes, int openFiles) {
}
