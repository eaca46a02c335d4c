package io.bidsift.training.preprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Driver-side files next to Spark's output, through Hadoop's file systems (local, s3a, EMRFS alike). */
final class OutputFiles {

  /** Writes a file's content to a stream it does not close. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Configuration hadoop;

  OutputFiles(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  void write(String uri, Content content) {
    Path path = new Path(uri);
    try (OutputStream out = withoutChecksumFile(path.getFileSystem(hadoop)).create(path, true)) {
      content.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri, e);
    }
  }

  /** Locally, Hadoop would put a {@code .<name>.crc} beside each file: noise next to a JSON file. */
  private static FileSystem withoutChecksumFile(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  void deleteIfPresent(String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + uri, e);
    }
  }
}
