package io.bidsift.training.preprocess;

import io.bidsift.cli.Reasons;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The auction log files under a location, by the rules of {@code AuctionLogReader.listFiles}
 * (contracts.md §1): every {@code *.jsonl} and {@code *.jsonl.gz} in the tree, sorted, skipping
 * files and directories whose name starts with {@code .} or {@code _} (unfinished or hidden
 * output); a file given directly is read whatever its name. Through Hadoop's file systems, so the
 * location may be local or {@code s3a://} (hadoop-aws on the classpath; EMR has it).
 */
final class LogFiles {

  private LogFiles() {
  }

  /**
   * @param given how the user named the location, for messages
   * @throws PreprocessException when the location does not exist or cannot be listed
   */
  static List<String> list(String uri, String given, Configuration conf) {
    Path root = new Path(uri);
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new PreprocessException("no such log directory: " + given);
      }
      if (fs.getFileStatus(root).isFile()) {
        return List.of(fs.getFileStatus(root).getPath().toString());
      }
      String rootPath = fs.getFileStatus(root).getPath().toUri().getPath();
      List<String> files = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        Path p = it.next().getPath();
        if (isLogFile(relative(rootPath, p.toUri().getPath()))) {
          files.add(p.toString());
        }
      }
      files.sort(null);
      return files;
    } catch (FileNotFoundException e) {
      throw new PreprocessException("no such log directory: " + given, e);
    } catch (IOException e) {
      // A missing file system (s3a without hadoop-aws) or a listing failure; Hadoop's message says which.
      throw new PreprocessException("cannot list auction logs at " + given + ": " + Reasons.firstLine(e), e);
    }
  }

  private static String relative(String root, String path) {
    String r = root.endsWith("/") ? root : root + "/";
    return path.startsWith(r) ? path.substring(r.length()) : path;
  }

  static boolean isLogFile(String relativePath) {
    for (String segment : relativePath.split("/")) {
      if (segment.startsWith(".") || segment.startsWith("_")) {
        return false;
      }
    }
    return relativePath.endsWith(".jsonl") || relativePath.endsWith(".jsonl.gz");
  }
}
